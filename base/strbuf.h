/*
 * strbuf.h - text built piece by piece: a list joined with ", ", a message
 * with parts added as they are known.  git's strbuf is the model.
 *
 * Two kinds of buffer share one set of calls, so a function that fills a
 * caller's `char buf[N]` and one that grows without bound are written the
 * same way:
 *   - strbuf_fixed(&sb, buf, size): the caller's array; what does not fit
 *     is cut (sb.truncated says so), the text is always NUL-terminated.
 *     Most of specbench's texts go into fixed arrays (struct sb_error's
 *     message, a table cell), where a cut text is the right answer and an
 *     allocation that can fail is not.
 *   - strbuf_init(&sb): on the heap, growing; strbuf_release frees it and
 *     strbuf_detach hands the text to the caller.  When memory runs out the
 *     text stops growing and sb.truncated is set, as for a fixed buffer.
 * Either way sb.buf is a valid C string after every call, and no call
 * fails: the one who shows the text decides whether a cut matters.
 *
 * This replaces the `used += snprintf(buf + used, size - used, ...)` idiom,
 * whose every copy had to get the overflow of `used` right by itself.
 */
#ifndef SPECBENCH_STRBUF_H
#define SPECBENCH_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf;       /* the text, always NUL-terminated */
	size_t len;      /* its length */
	size_t size;     /* bytes buf can hold, the NUL included */
	bool heap;       /* buf is ours to grow and free */
	bool truncated;  /* something did not fit */
};

/* A buffer over the caller's array of size bytes (size > 0); it starts
 * empty. */
void strbuf_fixed(struct strbuf *sb, char *buf, size_t size);
/* The same over what buf already holds: the text goes on after it. */
void strbuf_fixed_append(struct strbuf *sb, char *buf, size_t size);
/* A growing buffer on the heap, empty. */
void strbuf_init(struct strbuf *sb);
/* Free a heap buffer's text (a fixed buffer's array is the caller's). */
void strbuf_release(struct strbuf *sb);
/* A heap buffer's text, the caller's to free (NULL only when memory ran
 * out before the first byte); the buffer is empty again.  A fixed buffer
 * hands back a copy and keeps its text. */
char *strbuf_detach(struct strbuf *sb);

void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* sep, unless the text is still empty: the separator of a list. */
void strbuf_sep(struct strbuf *sb, const char *sep);
/* All of it or nothing: true when the text was added whole, false (and the
 * buffer as it was) when it did not fit.  For a path or a list where a cut
 * item would name something else. */
bool strbuf_addf_whole(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Cut the text back to len bytes (len <= sb.len): a path's last part
 * removed when the walk comes back up. */
void strbuf_setlen(struct strbuf *sb, size_t len);

#endif
