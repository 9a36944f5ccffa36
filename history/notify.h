/* notify.h - the alerts of a regression report; see notify.c. */
#ifndef SPECBENCH_NOTIFY_H
#define SPECBENCH_NOTIFY_H

#include <jansson.h>

#include "base/error.h"
#include "history.h"

/* The alerts report calls for at url (objects of event "REGRESSED" or
 * "RECOVERED" and the report's metric); an empty array when none. */
int notify_events(struct history *h, const json_t *report, const char *url, json_t **events, struct sb_error *err);

/* Record that the events were delivered to url: they will not be sent again. */
int notify_delivered(struct history *h, const json_t *report, const char *url, const json_t *events,
		     struct sb_error *err);

/* A webhook's document (schema specbench.alert): host, run, status, events. */
json_t *notify_json(const json_t *report, const json_t *events);

/* A plain-text mail (headers, CRLF lines) from from to to; malloc'd. */
char *notify_mail(const json_t *report, const json_t *events, const char *from, const char *to);

#endif
