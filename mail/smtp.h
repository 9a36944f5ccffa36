/*
 * smtp.h - does the VM's local mail server take a message from the
 * application's domain?  Asked without sending one.
 *
 * The dialogue stops before DATA: greeting, EHLO, MAIL FROM:<sender>,
 * RCPT TO:<recipient>, then RSET and QUIT.  A server that accepts RCPT
 * would accept the message; none is ever sent, so a check on a production
 * VM delivers nothing.  libcurl makes the connection and the greeting and
 * EHLO exchange (CURLOPT_CONNECT_ONLY stops it there); the three commands
 * after it go through curl_easy_send/recv.  Every wait is bounded by the
 * one deadline, and a reply is read to at most REPLY_MAX bytes: a server
 * that never greets, answers one byte a second or sends an endless
 * multi-line reply costs the timeout, never more.
 */
#ifndef SPECBENCH_MAIL_SMTP_H
#define SPECBENCH_MAIL_SMTP_H

#include <jansson.h>

/* The dialogue as a JSON object: {server, status, greeting, ehlo,
 * mail_from, rcpt_to (each the server's reply), sender, recipient,
 * seconds, why}; status "accepted", "rejected" (a 5xx), "deferred" (a
 * 4xx), "refused" (nothing listens), "no_answer" (the time ran out) or
 * "error".  NULL only when out of memory. */
json_t *smtp_probe(const char *host, int port, const char *helo, const char *sender, const char *recipient,
		   double timeout_s);

#endif
