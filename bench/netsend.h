/* netsend.h - the helper's notification transport; see netsend.c. */
#ifndef SPECBENCH_NETSEND_H
#define SPECBENCH_NETSEND_H

#include "base/error.h"

/* Send the file body to url: http(s): POSTed as application/json, any 2xx
 * is delivered; smtp: a mail from mail_from to mail_to (body holds the
 * whole message, headers first).  0, or -1 with err. */
int net_send(const char *url, const char *body, const char *mail_from, const char *mail_to, struct sb_error *err);

#endif
