/*
 * notify.c - which alerts a regression report calls for, and what they say.
 *
 * An alert goes out on a change of state only: a metric newly REGRESSED
 * (not acknowledged; a further step is new), or one that was REGRESSED and
 * is OK or IMPROVED again (recovered).  What was last sent to each place is
 * kept in the history, and recorded only once it was delivered: a failed
 * alert is tried again on the next run, and none is sent twice.  A metric
 * SUSPECT or INSUFFICIENT changes nothing.  The bytes are composed here -
 * one JSON document for a webhook, one plain-text mail for a relay - and
 * carried by the helper program (bench/netsend.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/docpath.h"
#include "base/escape.h"
#include "model/rundoc.h"
#include "notify.h"
#include "store.h"

static const char *host_key(const json_t *report)
{
	return rundoc_host_key(report) ? rundoc_host_key(report) : "";
}

static const json_t *last_sent(const json_t *rows, const char *bench, const char *metric)
{
	const json_t *r;
	size_t i;

	json_array_foreach(rows, i, r)
		if (!strcmp(rd_str_or(r, "benchmark", ""), bench) && !strcmp(rd_str_or(r, "metric", ""), metric))
			return r;
	return NULL;
}

int notify_events(struct history *h, const json_t *report, const char *url, json_t **events, struct sb_error *err)
{
	json_t *sent;
	const json_t *m;
	size_t i;

	*events = NULL;
	if (history_notified(h, host_key(report), url, &sent, err))
		return -1;
	*events = json_array();
	json_array_foreach(rd_get(report, "metrics"), i, m) {
		const char *bench = rd_str_or(m, "benchmark", ""), *metric = rd_str_or(m, "metric", ""),
			   *state = rd_str_or(m, "state", "");
		const json_t *last = last_sent(sent, bench, metric);
		bool was = last && !strcmp(rd_str_or(last, "state", ""), "REGRESSED");
		long long since = 0, last_since = 0;

		rd_int(m, "change.since_run", &since);
		rd_int(last, "since_run", &last_since);
		if (!strcmp(state, "REGRESSED") && !rd_get(m, "acknowledged") && (!was || since != last_since))
			json_array_append_new(*events, json_pack("{s:s, s:O}", "event", "REGRESSED", "metric", m));
		else if (was && (!strcmp(state, "OK") || !strcmp(state, "IMPROVED")))
			json_array_append_new(*events, json_pack("{s:s, s:O}", "event", "RECOVERED", "metric", m));
	}
	json_decref(sent);
	return 0;
}

int notify_delivered(struct history *h, const json_t *report, const char *url, const json_t *events,
		     struct sb_error *err)
{
	const json_t *e;
	size_t i;

	json_array_foreach(events, i, e) {
		long long since = 0;
		bool regressed = !strcmp(rd_str_or(e, "event", ""), "REGRESSED");

		rd_int(e, "metric.change.since_run", &since);
		if (history_set_notified(h, host_key(report), url, rd_str_or(e, "metric.benchmark", ""),
					 rd_str_or(e, "metric.metric", ""), regressed ? "REGRESSED" : "OK",
					 regressed ? since : 0, err))
			return -1;
	}
	return 0;
}

json_t *notify_json(const json_t *report, const json_t *events)
{
	return json_pack("{s:s, s:i, s:O?, s:O?, s:s?, s:O}", "schema", "specbench.alert", "schema_version", 1,
			 "host", rd_get(report, "host"), "run", rd_get(report, "run"), "status", rd_str(report, "status"),
			 "events", events);
}

/* One line per event, for the subject (the first) and the body. */
static void event_line(const json_t *e, char *buf, size_t size)
{
	double pct = 0;

	rd_num(e, "metric.change.step_pct", &pct);
	if (!strcmp(rd_str_or(e, "event", ""), "REGRESSED"))
		snprintf(buf, size, "REGRESSED %s %s: %+.1f %% since %s", rd_str_or(e, "metric.benchmark", "?"),
			 rd_str_or(e, "metric.metric", "?"), pct, rd_str_or(e, "metric.change.since", "?"));
	else
		snprintf(buf, size, "recovered %s %s", rd_str_or(e, "metric.benchmark", "?"),
			 rd_str_or(e, "metric.metric", "?"));
}

/* A header's value from text that may come from a VM (a host name in a
 * history written before host names were checked, a metric name): printable
 * ASCII only, so that no CR or LF can start a header of its own. */
static const char *header_value(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; in && *in && n + 1 < size; in++)
		out[n++] = *in >= 0x20 && *in <= 0x7e ? *in : '?';
	out[n] = '\0';
	return out;
}

/* A body line's text from a VM: its UTF-8 kept, no control character (a
 * CR or LF would start a line of the VM's choosing). */
static const char *body_text(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; in && *in && n + 1 < size; in++)
		out[n++] = (unsigned char)*in < 0x20 || *in == 0x7f ? '?' : *in;
	out[n] = '\0';
	return out;
}

char *notify_mail(const json_t *report, const json_t *events, const char *from, const char *to)
{
	char h_from[256], h_to[256], h_host[256], h_line[512], h_id[256];
	char *text = NULL, *word, line[512], date[64];
	size_t size = 0, i, j;
	const json_t *e, *a;
	time_t now = time(NULL);
	struct tm tm;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	event_line(json_array_get(events, 0), line, sizeof(line));
	fprintf(f, "From: %s\r\nTo: %s\r\nDate: %s\r\nSubject: specbench on %s: %s%s\r\n"
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
		header_value(from, h_from, sizeof(h_from)), header_value(to, h_to, sizeof(h_to)), date,
		header_value(rd_str_or(report, "host.hostname", "?"), h_host, sizeof(h_host)),
		header_value(line, h_line, sizeof(h_line)),
		json_array_size(events) > 1 ? " (and more)" : "");
	/* the body too: a line of its own (or a lone ".") from a VM's text
	 * must not appear */
	fprintf(f, "Host %s (machine id %s), run %s of %s.\r\n\r\n",
		body_text(rd_str_or(report, "host.hostname", "?"), h_host, sizeof(h_host)),
		body_text(rd_str_or(report, "host.machine_id", "none"), h_id, sizeof(h_id)),
		json_is_integer(rd_get(report, "run.id")) ? "stored" : "given",
		body_text(rd_str_or(report, "run.created_at", "?"), h_line, sizeof(h_line)));
	json_array_foreach(events, i, e) {
		event_line(e, line, sizeof(line));
		fprintf(f, "%s\r\n", body_text(line, h_line, sizeof(h_line)));
		json_array_foreach(rd_get(e, "metric.attribution"), j, a)
			fprintf(f, "  changed at that run: %s\r\n", body_text(json_string_value(a), h_line, sizeof(h_line)));
	}
	/* a command to paste: the id a VM wrote is one shell word (quoted), and
	 * left out when it is too long to show whole */
	word = shell_word(rd_str_or(report, "host.machine_id", rd_str_or(report, "host.hostname", "?")));
	fprintf(f, "\r\nspecbench regress --host %s shows the whole report.\r\n",
		word && strlen(word) < sizeof(h_id) ? body_text(word, h_id, sizeof(h_id)) : "ID");
	free(word);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}
