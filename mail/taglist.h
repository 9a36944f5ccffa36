/*
 * taglist.h - a "tag=value; tag=value" list, as DKIM key records (RFC 6376
 * section 3.2) and DMARC records (RFC 7489 section 6.4) write them, cut
 * into its items once for both.  What an item may hold is each record's
 * own rule: dkim.c refuses the whole record on one bad item, dmarc.c notes
 * it and goes on, as their RFCs say.
 */
#ifndef SPECBENCH_MAIL_TAGLIST_H
#define SPECBENCH_MAIL_TAGLIST_H

struct tag {
	char *name;   /* into the text, white space trimmed; the whole item when it has no '=' */
	char *value;  /* into the text, white space trimmed; NULL: the item is no tag=value */
};

/* The items of text, cut in place (';' and '=' overwritten); an empty item
 * is one with an empty name and no value, except after the last ';', which
 * may end the list.  Their number, or -1 when there are more than max. */
int taglist_split(char *text, struct tag *tags, int max);

/* The value of the tag named name, or NULL. */
const char *taglist_get(const struct tag *tags, int n, const char *name);

#endif
