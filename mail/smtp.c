/*
 * smtp.c - the local mail server asked up to RCPT, never to DATA; see
 * smtp.h.
 *
 * libcurl's SMTP support sends a message or a VRFY; it has no "ask up to
 * RCPT" transfer, so the connection is made with CURLOPT_CONNECT_ONLY,
 * which in libcurl's SMTP state machine means: connect, read the greeting,
 * send EHLO (HELO when EHLO is refused) and stop.  The replies it read
 * arrive in the debug callback (CURLINFO_HEADER_IN); the rest of the
 * dialogue is ours, on the same connection.
 */
#include <curl/curl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/printable.h"
#include "base/clock.h"
#include "smtp.h"

#define REPLY_MAX 4096
#define KEEP 400  /* of a reply, in the document */

struct dialogue {
	CURL *curl;
	double deadline;
	char greeting[KEEP], ehlo[KEEP];
	size_t greeting_len, ehlo_len;
	int lines;          /* reply lines libcurl read */
	bool ehlo_sent;
	char why[256];
};

static void keep(char *buf, size_t *len, const char *data, size_t n)
{
	if (*len + 1 >= KEEP)
		return;
	if (n > KEEP - 1 - *len)
		n = KEEP - 1 - *len;
	memcpy(buf + *len, data, n);
	*len += n;
	buf[*len] = '\0';
}

/* What libcurl read and sent during its part (greeting, EHLO). */
static int on_debug(CURL *c, curl_infotype type, char *data, size_t size, void *arg)
{
	struct dialogue *d = arg;

	(void)c;
	if (type == CURLINFO_HEADER_OUT && size >= 4 && (!strncmp(data, "EHLO", 4) || !strncmp(data, "HELO", 4)))
		d->ehlo_sent = true;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	d->lines++;
	if (!d->ehlo_sent)
		keep(d->greeting, &d->greeting_len, data, size);
	else
		keep(d->ehlo, &d->ehlo_len, data, size);
	return 0;
}

/* The reply code of a (multi-line) reply: its last line's, or 0. */
static int reply_code(const char *r)
{
	const char *last = r, *p;

	for (p = r; (p = strstr(p, "\n")) && p[1]; p++)
		last = p + 1;
	return last[0] >= '2' && last[0] <= '5' && last[1] >= '0' && last[1] <= '9' && last[2] >= '0' &&
	       last[2] <= '9' ? (last[0] - '0') * 100 + (last[1] - '0') * 10 + (last[2] - '0') : 0;
}

/* Is the reply in buf complete (its last line "DDD " or "DDD\r\n")? */
static bool reply_done(const char *buf, size_t len)
{
	const char *line;

	if (len < 2 || buf[len - 1] != '\n')
		return false;
	line = buf + len - 1;
	while (line > buf && line[-1] != '\n')
		line--;
	return buf + len - line >= 4 && (line[3] == ' ' || line[3] == '\r' || line[3] == '\n');
}

/* Send a command and read its whole reply into out (cut at KEEP); the
 * reply code, or -1 with d->why. */
static int smtp_command(struct dialogue *d, const char *cmd, char *out, size_t size)
{
	char buf[REPLY_MAX + 1];
	size_t len = 0, sent = 0, n;
	curl_socket_t fd;
	CURLcode rc;

	out[0] = '\0';
	if (curl_easy_getinfo(d->curl, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK || fd == CURL_SOCKET_BAD) {
		snprintf(d->why, sizeof(d->why), "the connection was lost");
		return -1;
	}
	while (sent < strlen(cmd)) {
		rc = curl_easy_send(d->curl, cmd + sent, strlen(cmd) - sent, &n);
		if (rc == CURLE_AGAIN) {
			struct pollfd p = { fd, POLLOUT, 0 };
			double left = d->deadline - mono_now();

			if (left <= 0 || poll(&p, 1, (int)(left * 1000) + 1) <= 0) {
				snprintf(d->why, sizeof(d->why), "the server took no command in time");
				return -1;
			}
			continue;
		}
		if (rc != CURLE_OK) {
			snprintf(d->why, sizeof(d->why), "sending %.4s: %s", cmd, curl_easy_strerror(rc));
			return -1;
		}
		sent += n;
	}
	while (!reply_done(buf, len)) {
		struct pollfd p = { fd, POLLIN, 0 };
		double left = d->deadline - mono_now();

		if (len == REPLY_MAX) {
			snprintf(d->why, sizeof(d->why), "the reply to %.4s ran past %d bytes", cmd, REPLY_MAX);
			return -1;
		}
		if (left <= 0 || poll(&p, 1, (int)(left * 1000) + 1) <= 0) {
			snprintf(d->why, sizeof(d->why), "no %sreply to %.4s in time", len ? "whole " : "", cmd);
			snprintf(out, size, "%.*s", (int)(len < KEEP ? len : KEEP - 1), buf);
			return -1;
		}
		rc = curl_easy_recv(d->curl, buf + len, REPLY_MAX - len, &n);
		if (rc == CURLE_AGAIN)
			continue;
		if (rc != CURLE_OK || n == 0) {
			snprintf(d->why, sizeof(d->why), "the server closed the connection after %.4s", cmd);
			return -1;
		}
		len += n;
		buf[len] = '\0';
	}
	buf[len] = '\0';
	snprintf(out, size, "%.*s", (int)(len < KEEP ? len : KEEP - 1), buf);
	return reply_code(buf);
}

static void set_text(json_t *o, const char *key, const char *text)
{
	char clean[KEEP];
	size_t n;

	/* the reply without its final CRLF */
	snprintf(clean, sizeof(clean), "%s", text);
	n = strlen(clean);
	while (n && (clean[n - 1] == '\n' || clean[n - 1] == '\r'))
		clean[--n] = '\0';
	json_object_set_new(o, key, sbj_text(clean));
}

json_t *smtp_probe(const char *host, int port, const char *helo, const char *sender, const char *recipient,
		   double timeout_s)
{
	struct dialogue d;
	char url[512], cmd[600], mail_reply[KEEP] = "", rcpt_reply[KEEP] = "", ignored[KEEP];
	const char *status = "error";
	double start = mono_now();
	json_t *o;
	CURLcode rc;
	int code;

	memset(&d, 0, sizeof(d));
	d.deadline = start + timeout_s;
	o = json_pack("{s:s, s:s}", "sender", sender, "recipient", recipient);
	d.curl = curl_easy_init();
	if (!o || !d.curl) {
		json_decref(o);
		curl_easy_cleanup(d.curl);
		return NULL;
	}
	snprintf(url, sizeof(url), strchr(host, ':') ? "smtp://[%s]:%d/%s" : "smtp://%s:%d/%s", host, port, helo);
	json_object_set_new(o, "server", json_sprintf(strchr(host, ':') ? "[%s]:%d" : "%s:%d", host, port));
	curl_easy_setopt(d.curl, CURLOPT_URL, url);
	curl_easy_setopt(d.curl, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(d.curl, CURLOPT_TIMEOUT_MS, (long)(timeout_s * 1000));
	curl_easy_setopt(d.curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(d.curl, CURLOPT_PROTOCOLS_STR, "smtp");
	curl_easy_setopt(d.curl, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(d.curl, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(d.curl, CURLOPT_DEBUGDATA, &d);
	rc = curl_easy_perform(d.curl);
	set_text(o, "greeting", d.greeting);
	set_text(o, "ehlo", d.ehlo);
	if (rc != CURLE_OK) {
		status = rc == CURLE_COULDNT_CONNECT ? "refused" : rc == CURLE_OPERATION_TIMEDOUT ? "no_answer" : "error";
		snprintf(d.why, sizeof(d.why), "%s%s", curl_easy_strerror(rc),
			 rc == CURLE_OPERATION_TIMEDOUT ? (d.lines ? " (during EHLO)" : " (no greeting)") : "");
		goto done;
	}
	snprintf(cmd, sizeof(cmd), "MAIL FROM:<%s>\r\n", sender);
	code = smtp_command(&d, cmd, mail_reply, sizeof(mail_reply));
	if (code >= 200 && code < 300) {
		snprintf(cmd, sizeof(cmd), "RCPT TO:<%s>\r\n", recipient);
		code = smtp_command(&d, cmd, rcpt_reply, sizeof(rcpt_reply));
	}
	if (code < 0)
		status = mono_now() >= d.deadline ? "no_answer" : "error";
	else
		status = code >= 200 && code < 300 ? "accepted" : code >= 400 && code < 500 ? "deferred" : "rejected";
	/* never DATA: the envelope is dropped and the session ended */
	if (code >= 0) {
		smtp_command(&d, "RSET\r\n", ignored, sizeof(ignored));
		smtp_command(&d, "QUIT\r\n", ignored, sizeof(ignored));
	}
done:
	set_text(o, "mail_from", mail_reply);
	set_text(o, "rcpt_to", rcpt_reply);
	json_object_set_new(o, "status", json_string(status));
	json_object_set_new(o, "data_sent", json_false());
	json_object_set_new(o, "seconds", json_real((double)(long)((mono_now() - start) * 1000) / 1000));
	if (d.why[0])
		json_object_set_new(o, "why", sbj_text(d.why));
	curl_easy_cleanup(d.curl);
	return o;
}
