/* test_strbuf.c - text built piece by piece (base/strbuf.h): a fixed
 * buffer cuts and says so, a heap buffer grows, both stay C strings. */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "harness.h"

static void fixed(struct t *t)
{
	char buf[8];
	struct strbuf sb;

	strbuf_fixed(&sb, buf, sizeof(buf));
	CHECK_STR(t, buf, "");
	strbuf_sep(&sb, ", ");           /* nothing yet: no separator */
	strbuf_addstr(&sb, "ab");
	strbuf_sep(&sb, ", ");
	strbuf_addf(&sb, "%d", 7);
	CHECK_STR(t, buf, "ab, 7");
	CHECK(t, sb.len == 5 && !sb.truncated);
	strbuf_addf(&sb, "%s", "xyz");    /* 8 bytes: only 2 more fit */
	CHECK_STR(t, buf, "ab, 7xy");
	CHECK(t, sb.len == 7 && sb.truncated);
	strbuf_addch(&sb, 'q');
	strbuf_addstr(&sb, "more");
	CHECK_STR(t, buf, "ab, 7xy");
	CHECK(t, sb.len == strlen(buf));

	strbuf_fixed(&sb, buf, sizeof(buf));
	CHECK(t, strbuf_addf_whole(&sb, "a.%s", "bc"));
	CHECK(t, !strbuf_addf_whole(&sb, "[%d]", 1234));  /* 4 + 6 > 7: nothing */
	CHECK_STR(t, buf, "a.bc");
	CHECK(t, !sb.truncated);
	CHECK(t, strbuf_addf_whole(&sb, "[%d]", 1));
	CHECK_STR(t, buf, "a.bc[1]");
	strbuf_setlen(&sb, 4);
	CHECK_STR(t, buf, "a.bc");
	strbuf_setlen(&sb, 9);             /* longer: no change */
	CHECK(t, sb.len == 4);

	strcpy(buf, "abc");
	strbuf_fixed_append(&sb, buf, sizeof(buf));
	strbuf_addstr(&sb, "defghij");
	CHECK_STR(t, buf, "abcdefg");
	CHECK(t, sb.truncated);

	{
		char *copy;

		strbuf_fixed(&sb, buf, sizeof(buf));
		strbuf_addstr(&sb, "kept");
		copy = strbuf_detach(&sb);     /* a copy: the array is the caller's */
		CHECK_STR(t, copy, "kept");
		CHECK(t, copy != buf);
		CHECK_STR(t, buf, "kept");
		free(copy);
	}
	{
		char one[1];

		strbuf_fixed(&sb, one, sizeof(one));
		strbuf_addf(&sb, "%s", "x");
		strbuf_addch(&sb, 'y');
		CHECK(t, one[0] == '\0' && sb.len == 0 && sb.truncated);
	}
}

static void heap(struct t *t)
{
	struct strbuf sb;
	char *s;

	strbuf_init(&sb);
	CHECK_STR(t, sb.buf, "");
	s = strbuf_detach(&sb);          /* an empty text is still a text */
	CHECK_STR(t, s, "");
	free(s);
	for (int i = 0; i < 1000; i++) {
		strbuf_sep(&sb, ",");
		strbuf_addf(&sb, "%d", i);
	}
	CHECK(t, !sb.truncated && sb.len == strlen(sb.buf));
	CHECK(t, !strncmp(sb.buf, "0,1,2,", 6) && !strcmp(sb.buf + sb.len - 4, ",999"));
	strbuf_release(&sb);
	CHECK_STR(t, sb.buf, "");
	strbuf_addch(&sb, 'a');
	strbuf_addstr(&sb, "bc");
	s = strbuf_detach(&sb);
	CHECK_STR(t, s, "abc");
	CHECK_STR(t, sb.buf, "");
	free(s);
	strbuf_release(&sb);
	strbuf_release(&sb);             /* twice is harmless */
	strbuf_addf(&sb, "%s", "");      /* nothing added to the constant empty text */
	strbuf_addstr(&sb, "");
	CHECK(t, strbuf_addf_whole(&sb, "%s", ""));
	CHECK_STR(t, sb.buf, "");
	strbuf_release(&sb);
}

/* sb_append: what the caller knows added to a failure, escaped as sb_fail
 * escapes, the code kept */
static void appended(struct t *t)
{
	struct sb_error err = { 0 };
	char long_text[2000];

	sb_fail(&err, SB_EXIT_SYSTEM, "cannot reach %s", "db");
	sb_append(&err, "; the run is kept in %s", "/var/spool/x\033[2J");
	CHECK_STR(t, err.msg, "cannot reach db; the run is kept in /var/spool/x\\x1b[2J");
	CHECK(t, err.code == SB_EXIT_SYSTEM);
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	sb_append(&err, "%s", long_text);
	CHECK(t, strlen(err.msg) == sizeof(err.msg) - 1);  /* cut, never past */
	sb_append(NULL, "x");  /* no error to add to: nothing */
}

void suite_strbuf(struct t *t)
{
	fixed(t);
	heap(t);
	appended(t);
}
