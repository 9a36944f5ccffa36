/*
 * dmarc.h - a DMARC policy record (RFC 7489 section 6.3, and DMARCbis):
 * parsed and judged, so that the mail.dmarc check can say what is wrong
 * with the record a customer published.
 *
 * "v=DMARC1" must be the first tag; p= (none, quarantine, reject) is
 * required, and without a valid one a record with a valid rua= counts as
 * p=none (6.6.3), else it is no policy; sp=, adkim=/aspf= (r, s), pct=
 * (0-100), fo= (0, 1, d, s), rf=, ri= and the report addresses rua=/ruf=
 * (comma-separated mailto: URIs, an optional !size) are checked as far as
 * the RFC defines them; unknown tags are ignored, as the RFC says.
 */
#ifndef SPECBENCH_MAIL_DMARC_H
#define SPECBENCH_MAIL_DMARC_H

#include <stdbool.h>

#include "base/error.h"

enum dmarc_policy { DMARC_NO_POLICY, DMARC_NONE, DMARC_QUARANTINE, DMARC_REJECT };

struct dmarc_record {
	enum dmarc_policy p, sp;  /* sp defaults to p */
	bool p_assumed;           /* p= missing or invalid, taken as none because of a valid rua= (6.6.3) */
	bool strict_dkim, strict_spf;
	int pct;
	int rua, ruf;             /* valid report addresses */
	char problems[512];       /* what is wrong but did not void the record ("pct=150 ignored") */
};

/* 0: a DMARC record (maybe with problems, in out->problems); -1: not one,
 * and err says why (exit code 2; 3 when out of memory). */
int dmarc_parse(const char *text, struct dmarc_record *out, struct sb_error *err);

const char *dmarc_policy_name(enum dmarc_policy p);

#endif
