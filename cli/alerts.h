/* alerts.h - sending the alerts of a regression report (--notify). */
#ifndef SPECBENCH_ALERTS_H
#define SPECBENCH_ALERTS_H

#include <jansson.h>

#include "base/error.h"
#include "base/options.h"
#include "history/history.h"

/* Check the --notify places: http://, https:// or smtp://HOST[:PORT]/?to=ADDR. */
int alerts_check(const struct opt_list *urls, struct sb_error *err);

/* Send to every place what report calls for there (history/notify.c),
 * through the helper program, mails from mail_from (NULL:
 * specbench@HOSTNAME); each place is tried even when another failed.  0, or -1 with err naming the first failure (exit code 3); what
 * was not delivered is sent again next time. */
int alerts_send(struct history *h, const json_t *report, const struct opt_list *urls, const char *mail_from,
		struct sb_error *err);

#endif
