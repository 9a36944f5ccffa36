/* strbuf.c - text built piece by piece; see strbuf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void strbuf_fixed(struct strbuf *sb, char *buf, size_t size)
{
	*sb = (struct strbuf){ .buf = buf, .size = size };
	buf[0] = '\0';
}

void strbuf_fixed_append(struct strbuf *sb, char *buf, size_t size)
{
	*sb = (struct strbuf){ .buf = buf, .size = size, .len = strnlen(buf, size - 1) };
	buf[sb->len] = '\0';
}

/* The empty text of a heap buffer before its first byte (or when memory
 * ran out before it): a constant, never written to, since its size 1 leaves
 * no room; the casts below only let sb.buf be one pointer type. */
static const char empty_text[1];

void strbuf_init(struct strbuf *sb)
{
	*sb = (struct strbuf){ .buf = (char *)empty_text, .size = 1, .heap = true };
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->heap && sb->buf != empty_text)
		free(sb->buf);
	if (sb->heap)
		strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s;

	if (!sb->heap)
		return strdup(sb->buf);  /* a fixed buffer's array stays the caller's */
	s = sb->buf != empty_text ? sb->buf : strdup("");
	strbuf_init(sb);
	return s;
}

/* Room for need more bytes and the NUL: true, or false when it cannot be
 * made (a fixed buffer, or out of memory). */
static bool grow(struct strbuf *sb, size_t need)
{
	size_t want, size;
	char *p;

	if (sb->buf != empty_text && need < sb->size - sb->len)
		return true;
	if (!sb->heap || need > ((size_t)-1) / 4 - sb->len)
		return false;
	want = sb->len + need + 1;
	size = sb->size < 64 ? 64 : sb->size;
	while (size < want)
		size *= 2;
	p = realloc(sb->buf == empty_text ? NULL : sb->buf, size);
	if (!p)
		return false;
	if (sb->buf == empty_text)
		p[0] = '\0';
	sb->buf = p;
	sb->size = size;
	return true;
}

/* Append n bytes of s, as many as fit. */
static void add(struct strbuf *sb, const char *s, size_t n)
{
	if (!grow(sb, n)) {
		sb->truncated = true;
		n = sb->size - sb->len - 1;
	}
	if (sb->buf == empty_text)
		return;  /* memory ran out before the first byte: the text stays "" */
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
	add(sb, &c, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(sb->buf == empty_text ? NULL : sb->buf + sb->len,
		      sb->buf == empty_text ? 0 : sb->size - sb->len, fmt, ap);
	if (n < 0) {
		va_end(again);
		sb->truncated = true;
		return;
	}
	if ((size_t)n < sb->size - sb->len && sb->buf != empty_text) {
		sb->len += (size_t)n;
	} else if (grow(sb, (size_t)n)) {
		vsnprintf(sb->buf + sb->len, sb->size - sb->len, fmt, again);
		sb->len += (size_t)n;
	} else {
		/* a fixed buffer holds the cut text vsnprintf left; a heap one
		 * that could not grow keeps what it had */
		sb->truncated = true;
		if (sb->buf != empty_text)
			sb->len = strlen(sb->buf);
	}
	va_end(again);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_sep(struct strbuf *sb, const char *sep)
{
	if (sb->len)
		strbuf_addstr(sb, sep);
}

bool strbuf_addf_whole(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(sb, (size_t)n))
		return false;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, sb->size - sb->len, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return true;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}
