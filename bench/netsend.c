/*
 * netsend.c - the notification transport of specbench-net: a regression
 * alert POSTed to a webhook, or mailed through the VM's own relay (the
 * source documents: localhost:25, no encryption, no authentication).  It
 * lives in the helper so that specbench itself never loads libcurl; it
 * only moves bytes that specbench composed (history/notify.c).
 */
#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "netsend.h"

#define SEND_TIMEOUT_S 20L

int net_send(const char *url, const char *body, const char *mail_from, const char *mail_to, struct sb_error *err)
{
	FILE *f = fopen(body, "rb");
	struct curl_slist *headers = NULL, *rcpt = NULL;
	CURL *c;
	CURLcode rc;
	long code = 0, size;
	char detail[CURL_ERROR_SIZE] = "";
	bool smtp = !strncmp(url, "smtp://", 7);

	if (!f)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: cannot read the message", body);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	c = curl_easy_init();
	if (!c) {
		fclose(f);
		return sb_fail(err, SB_EXIT_SYSTEM, "cannot initialise libcurl");
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, SEND_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_READDATA, f);
	if (smtp) {
		rcpt = curl_slist_append(NULL, mail_to ? mail_to : "");
		curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from ? mail_from : "");
		curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
		curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(c, CURLOPT_INFILESIZE, size);
	} else {
		headers = curl_slist_append(NULL, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, size);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	}
	rc = curl_easy_perform(c);
	/* HTTP's status; SMTP's last reply (550 to RCPT: libcurl's own words
	 * are "Failed sending data to the peer") */
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	curl_slist_free_all(headers);
	curl_slist_free_all(rcpt);
	fclose(f);
	if (rc != CURLE_OK && smtp && code >= 400)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: the mail server refused the mail: SMTP %ld%s%s", url, code,
			       detail[0] ? ", " : "", detail);
	if (rc != CURLE_OK)
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: %s", url, detail[0] ? detail : curl_easy_strerror(rc));
	if (!smtp && (code < 200 || code > 299))
		return sb_fail(err, SB_EXIT_SYSTEM, "%s: HTTP %ld", url, code);
	return 0;
}
