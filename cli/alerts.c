/* alerts.c - the alerts of a regression report, handed to the helper
 * program specbench-net, which alone links libcurl; see alerts.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/exec.h"
#include "base/text.h"
#include "base/validate.h"
#include "base/files.h"
#include "history/notify.h"
#include "base/docpath.h"
#include "alerts.h"

#define SEND_TIMEOUT_S 30

/* smtp://HOST[:PORT]/?to=ADDR: the relay's URL (for libcurl) and the
 * recipient; 0, or -1 when it is not such a URL. */
static int smtp_parts(const char *url, char *relay, size_t rsize, char *to, size_t tsize)
{
	const char *q = strstr(url, "?to="), *slash;

	if (strncmp(url, "smtp://", 7) || !q || !q[4] || strchr(q + 4, '&'))
		return -1;
	slash = strchr(url + 7, '/');
	if (!slash || slash > q)
		slash = q;
	snprintf(relay, rsize, "%.*s", (int)(slash - url), url);
	snprintf(to, tsize, "%s", q + 4);
	return strlen(relay) > 7 ? 0 : -1;
}

int alerts_check(const struct opt_list *urls, struct sb_error *err)
{
	char relay[512], to[256];

	for (int i = 0; i < urls->n; i++) {
		const char *u = urls->v[i];

		if (!strncmp(u, "http://", 7) || !strncmp(u, "https://", 8))
			continue;
		if (smtp_parts(u, relay, sizeof(relay), to, sizeof(to)))
			return sb_usage(err, "--notify: '%s' is neither http(s)://... nor smtp://HOST[:PORT]/?to=ADDR", u);
	}
	return 0;
}

/* The payload into a temporary file; its name in path. */
static int write_payload(const char *text, char *path, size_t size, struct sb_error *err)
{
	const char *tmp = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, size, "%s/specbench-alert-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot create the alert's file", path);
	f = fdopen(fd, "w");
	if (!f || fputs(text, f) == EOF || fclose(f)) {
		if (!f)
			close(fd);
		unlink(path);
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot write the alert", path);
	}
	return 0;
}

static int send_one(const char *url, const char *text, const char *from, struct sb_error *err)
{
	char helper[PATH_MAX], body[PATH_MAX], relay[512], rcpt[256], how[128];
	char *argv[12];
	int n = 0, rc;
	struct exec_opts o = { NULL, -1, SEND_TIMEOUT_S, NULL, NULL };
	struct child_result r;

	if (helper_path("specbench-net", helper, sizeof(helper)))
		return sb_fail(err, SB_EXIT_SYSTEM, "specbench-net, specbench's helper program, is not installed: "
			       "reinstall specbench");
	if (write_payload(text, body, sizeof(body), err))
		return -1;
	argv[n++] = helper;
	argv[n++] = "--send";
	if (!strncmp(url, "smtp://", 7)) {
		smtp_parts(url, relay, sizeof(relay), rcpt, sizeof(rcpt));
		argv[n++] = relay;
		argv[n++] = "--mail-from";
		argv[n++] = (char *)from;
		argv[n++] = "--mail-to";
		argv[n++] = rcpt;
	} else {
		argv[n++] = (char *)url;
	}
	argv[n++] = "--body";
	argv[n++] = body;
	argv[n] = NULL;
	rc = exec_run(argv, &o, &r);
	unlink(body);
	if (rc)
		return sb_fail(err, SB_EXIT_SYSTEM, "--notify %s: cannot run the helper", url);
	exec_describe(&r, how, sizeof(how));
	rtrim(r.err);  /* its line ends in a newline, which the message would show as a literal \n */
	rc = r.timed_out || !WIFEXITED(r.status) || WEXITSTATUS(r.status) ?
		sb_fail(err, SB_EXIT_SYSTEM, "--notify %s: not delivered (%s): %.300s", url, how,
			r.err && r.err[0] ? r.err : "no reason given") : 0;
	child_result_free(&r);
	return rc;
}

int alerts_send(struct history *h, const json_t *report, const struct opt_list *urls, const char *mail_from,
		struct sb_error *err)
{
	char from[320];
	int failed = 0;

	/* the default sender: a mail address of the machine itself */
	if (!mail_from) {
		const char *host = rd_str_or(report, "host.hostname", "localhost");

		/* a host name from the store is no sender unless it is one */
		snprintf(from, sizeof(from), "specbench@%s", hostname_ok(host) ? host : "localhost");
		mail_from = from;
	}

	for (int i = 0; i < urls->n; i++) {
		const char *url = urls->v[i];
		struct sb_error one = { 0, 0, "", NULL };
		char relay[512], to[256], *text = NULL;
		json_t *events, *doc;
		int rc;

		if (notify_events(h, report, url, &events, &one)) {
			if (!failed++)
				*err = one;
			continue;
		}
		if (!json_array_size(events)) {
			json_decref(events);
			continue;
		}
		if (!strncmp(url, "smtp://", 7)) {
			smtp_parts(url, relay, sizeof(relay), to, sizeof(to));
			text = notify_mail(report, events, mail_from, to);
		} else {
			doc = notify_json(report, events);
			text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_ENSURE_ASCII) : NULL;
			json_decref(doc);
		}
		rc = text ? send_one(url, text, mail_from, &one) : sb_fail(&one, SB_EXIT_SYSTEM, "out of memory");
		if (rc == 0)
			rc = notify_delivered(h, report, url, events, &one);
		if (rc == 0)
			fprintf(stderr, "specbench: alert sent to %s (%zu change(s))\n", url, json_array_size(events));
		else if (!failed++)
			*err = one;
		free(text);
		json_decref(events);
	}
	return failed ? -1 : 0;
}
