/* test_printable.c - control characters escaped for a terminal (issue 10),
 * and a word quoted for a shell (base/escape.c). */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/printable.h"
#include "harness.h"

static void one(struct t *t, const char *in, const char *want)
{
	char *got = printable_dup(in);

	CHECK_STR(t, got, want);
	free(got);
}

static void word(struct t *t, const char *in, const char *want)
{
	char *got = shell_word(in);

	CHECK_STR(t, got, want);
	free(got);
}

void suite_printable(struct t *t)
{
	word(t, "4c4c4544-0042-5a10", "4c4c4544-0042-5a10");
	word(t, "vm:8", "vm:8");
	word(t, "", "''");
	word(t, NULL, "''");
	word(t, "a b", "'a b'");
	word(t, "$(reboot)", "'$(reboot)'");
	word(t, "it's", "'it'\\''s'");
	word(t, "x\ny;`z`", "'x\ny;`z`'");

	char small[8];
	json_t *doc, *copy, *bad;

	one(t, "plain text", "plain text");
	one(t, "Z\xc3\xbcrich \xe2\x82\xac", "Z\xc3\xbcrich \xe2\x82\xac");  /* UTF-8 passes */
	one(t, "a\033[2Jb", "a\\x1b[2Jb");
	one(t, "FAIL\rPASS", "FAIL\\rPASS");
	one(t, "line\nforged", "line\\nforged");
	one(t, "tab\tbell\a del\x7f", "tab\\tbell\\x07 del\\x7f");
	one(t, "csi \xc2\x9b" "31m", "csi \\u009b31m");        /* C1 as UTF-8 */
	one(t, "raw \x9b and \xff", "raw \\x9b and \\xff");     /* not UTF-8 */
	one(t, "cut \xe2\x82", "cut \\xe2\\x82");               /* truncated sequence */
	one(t, "overlong \xc0\xaf", "overlong \\xc0\\xaf");
	one(t, "surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80");
	one(t, NULL, "");
	/* a short buffer is cut at a whole escape, and the full length told */
	CHECK_INT(t, printable("ab\033cd", small, 5), 8);
	CHECK_STR(t, small, "ab");

	/* sbj_text keeps controls (JSON escapes them) but repairs bad UTF-8 */
	bad = sbj_text("host\033\xff");
	CHECK(t, bad != NULL);
	CHECK_STR(t, json_string_value(bad), "host\033\\xff");
	json_decref(bad);

	doc = json_pack("{s:s, s:[s, i], s:{s:s}}", "a", "x\ry", "b", "\033", 3, "c", "d", "\n");
	copy = sbj_printable(doc);
	CHECK_JSTR(t, copy, "a", "x\\ry");
	CHECK_JSTR(t, copy, "b[0]", "\\x1b");
	CHECK_JINT(t, copy, "b[1]", 3);
	CHECK_JSTR(t, copy, "c.d", "\\n");
	CHECK_JSTR(t, doc, "a", "x\ry");  /* the original is untouched */
	json_decref(copy);
	json_decref(doc);
}
