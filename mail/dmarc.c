/*
 * dmarc.c - a DMARC record parsed and judged; see dmarc.h.
 *
 * Hand-written: the record is RFC 7489's tag-value list (section 6.4),
 * a few dozen lines, and the checks must name what is wrong in it; the
 * one C library (libopendmarc) evaluates messages, not a published record.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "dmarc.h"
#include "taglist.h"

/* more is no record a domain publishes, and a loop a resolver feeds */
#define MAX_TAGS 64

const char *dmarc_policy_name(enum dmarc_policy p)
{
	static const char *const names[] = { "(no policy)", "none", "quarantine", "reject" };

	return (unsigned)p < 4 ? names[p] : "?";
}

static enum dmarc_policy policy_of(const char *v)
{
	return !strcasecmp(v, "none") ? DMARC_NONE : !strcasecmp(v, "quarantine") ? DMARC_QUARANTINE :
	       !strcasecmp(v, "reject") ? DMARC_REJECT : DMARC_NO_POLICY;
}

/* One more problem, after the others ("; "). */
static void note(struct dmarc_record *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct dmarc_record *r, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_fixed_append(&sb, r->problems, sizeof(r->problems));
	strbuf_sep(&sb, "; ");
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
}

/* mailto:local@domain[!size[kmgt]]: a report address (6.2, 6.4). */
static bool report_uri(const char *u)
{
	const char *at, *bang;

	if (strncasecmp(u, "mailto:", 7))
		return false;
	u += 7;
	at = strchr(u, '@');
	bang = strchr(u, '!');
	if (!at || at == u || !strchr(at, '.') || (bang && bang < at))
		return false;
	if (bang) {
		const char *p = bang + 1;

		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p && (!strchr("kmgtKMGT", *p) || p[1]))
			return false;
	}
	for (const char *p = at + 1; *p && p != bang; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-')
			return false;
	return true;
}

/* Count the valid addresses of rua=/ruf=, noting the bad ones. */
static int report_uris(struct dmarc_record *r, const char *tag, char *v)
{
	int good = 0;

	for (char *save = NULL, *u = strtok_r(v, ",", &save); u; u = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*u))
			u++;
		for (char *e = u + strlen(u); e > u && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (report_uri(u))
			good++;
		else
			note(r, "%s: '%s' is not a mailto: address", tag, u);
	}
	return good;
}

int dmarc_parse(const char *text, struct dmarc_record *out, struct sb_error *err)
{
	char *copy = strdup(text ? text : "");
	struct tag tags[MAX_TAGS];
	bool first = true, have_p = false;
	char p_value[64] = "";
	int n;

	memset(out, 0, sizeof(*out));
	out->pct = 100;
	out->sp = DMARC_NO_POLICY;
	if (!copy) {
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	}
	n = taglist_split(copy, tags, MAX_TAGS);
	if (n < 0) {
		free(copy);
		return sb_fail(err, SB_EXIT_USAGE, "more than %d tags", MAX_TAGS);
	}
	for (int t = 0; t < n; t++) {
		char *name = tags[t].name, *value = tags[t].value;

		if (!*name && !value)
			continue;  /* "...;;..." */
		if (!value) {
			if (first)
				break;
			note(out, "'%s': not a tag=value pair", name);
			continue;
		}
		if (first) {
			/* "v=DMARC1" first, exactly (6.4: the v tag is case-sensitive) */
			if (strcmp(name, "v") || strcmp(value, "DMARC1"))
				break;
			first = false;
			continue;
		}
		if (!strcmp(name, "p")) {
			have_p = true;
			snprintf(p_value, sizeof(p_value), "%s", value);
			out->p = policy_of(value);
		} else if (!strcmp(name, "sp")) {
			out->sp = policy_of(value);
			if (out->sp == DMARC_NO_POLICY)
				note(out, "sp=%s: not none, quarantine or reject", value);
		} else if (!strcmp(name, "adkim") || !strcmp(name, "aspf")) {
			if (strcasecmp(value, "r") && strcasecmp(value, "s"))
				note(out, "%s=%s: not r or s", name, value);
			else if (!strcasecmp(value, "s"))
				*(name[1] == 'd' ? &out->strict_dkim : &out->strict_spf) = true;
		} else if (!strcmp(name, "pct")) {
			char *end;
			long v = strtol(value, &end, 10);

			if (end == value || *end || v < 0 || v > 100)
				note(out, "pct=%s: not a number from 0 to 100", value);
			else
				out->pct = (int)v;
		} else if (!strcmp(name, "rua")) {
			out->rua = report_uris(out, "rua", value);
		} else if (!strcmp(name, "ruf")) {
			out->ruf = report_uris(out, "ruf", value);
		} else if (!strcmp(name, "fo")) {
			for (char *s2 = NULL, *o = strtok_r(value, ":", &s2); o; o = strtok_r(NULL, ":", &s2))
				if (strcmp(o, "0") && strcmp(o, "1") && strcmp(o, "d") && strcmp(o, "s"))
					note(out, "fo: '%s' is not 0, 1, d or s", o);
		} else if (!strcmp(name, "ri")) {
			char *end;

			strtoul(value, &end, 10);
			if (end == value || *end)
				note(out, "ri=%s: not a number of seconds", value);
		} else if (!strcmp(name, "v")) {
			note(out, "v= given again");
		}
		/* rf= and unknown tags: ignored (6.3) */
	}
	free(copy);
	if (first) {
		return sb_fail(err, SB_EXIT_USAGE, "does not begin with v=DMARC1");
	}
	if (out->p == DMARC_NO_POLICY) {
		if (!out->rua) {
			return sb_fail(err, SB_EXIT_USAGE, have_p ? "p=%s is not none, quarantine or reject, and there "
				       "is no rua= to fall back on" : "no p= policy, and no rua= to fall back on", p_value);
		}
		out->p = DMARC_NONE;  /* 6.6.3 */
		out->p_assumed = true;
		if (have_p)
			note(out, "p=%s is not a policy: taken as p=none, as there is a rua= (RFC 7489 6.6.3)", p_value);
		else
			note(out, "no p=: taken as p=none, as there is a rua= (RFC 7489 6.6.3)");
	}
	if (out->sp == DMARC_NO_POLICY)
		out->sp = out->p;
	return 0;
}
