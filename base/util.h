/* util.h - small string and number helpers shared by the parsers. */
#ifndef SPECBENCH_UTIL_H
#define SPECBENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <stdint.h>

/* Remove trailing white space in place; returns s. */
char *rtrim(char *s);
/* Skip leading white space. */
const char *skip_ws(const char *s);
/* Trim both ends in place; returns the first non-blank character. */
char *trim(char *s);

/* Whole string (after trimming) is a decimal number that fits. */
bool parse_u64(const char *s, uint64_t *value);

bool starts_with(const char *s, const char *prefix);

/* Where specbench keeps what it stores, name inside it: /var/lib/specbench
 * for root, $XDG_DATA_HOME/specbench (~/.local/share/specbench) otherwise. */
void data_path(const char *name, char *buf, size_t size);

/* A helper program of specbench's own ("specbench-net"): next to the
 * binary, in PREFIX/lib/specbench of an installation moved elsewhere, or in
 * the libexec directory it was built for.  0, or -1 when it is nowhere. */
int helper_path(const char *tool, char *buf, size_t size);

/* MAJOR.MINOR.PATCH, each a number without leading zeros (semver 2.0.0):
 * spec versions and application versions. */
bool semver_ok(const char *v);
/* A host name of RFC 1123's characters: labels of letters, digits and
 * hyphens (not at either end), 1-63 long, joined by dots, 253 in all.
 * Anything a VM wrote that ends up in a mail header or a file name. */
bool hostname_ok(const char *name);
/* A day (YYYY-MM-DD) or a UTC time as runs carry it (YYYY-MM-DDTHH:MM:SSZ)
 * that is on the calendar: month 1-12, the month's days (leap years
 * counted), hours, minutes and seconds in range. */
bool utc_time_ok(const char *s);

/* A figure read from a tool's output or a document: a finite number, not
 * negative (no rate, latency, size or count is).  NaN and infinity, which
 * strtod() accepts and an overflow produces, are refused. */
bool figure_ok(double v);
/* A count or size that becomes an integer: a figure a double holds exactly
 * (at most 2^53), so the conversion to an integer is defined. */
bool count_ok(double v);
#define COUNT_MAX 9007199254740992.0

/* A directory given on the command line, made absolute once (relative to
 * the working directory, not resolved further), so that every command
 * records, probes and writes into the same path.  0 or -errno. */
int abs_dir(const char *in, char *out, size_t size);

/* Seconds of CLOCK_MONOTONIC: for deadlines and durations. */
double mono_now(void);

/* 1-based line number of p inside text. */
int line_of(const char *text, const char *p);

/* Next line of a mutable buffer: NUL-terminates it, advances *cursor.
 * NULL at the end. */
char *next_line(char **cursor);

/* mkdir -p; 0 or -errno. */
int mkdir_p(const char *path, unsigned mode);

/* rm -rf path (links are removed, never followed); with keep_top the
 * directory itself stays, emptied.  0 or -errno of the first failure. */
int rm_tree(const char *path, bool keep_top);

/* Write a whole buffer to a new file (mode 0644); 0 or -errno. */
int write_file(const char *path, const char *data, size_t len);
/* Replace path with data, whole or not at all: written to an unnamed file
 * in path's directory (O_TMPFILE; a named temporary one where the file
 * system has none), synced, then renamed over path; 0 or -errno, and path
 * as it was.  A character device or a pipe at path (/dev/null, /dev/stdout)
 * is written into, never replaced; anything else that is no regular file
 * is refused (-EISDIR, -EINVAL). */
int write_file_replace(const char *path, const char *data, size_t len);
/* The same with the file's mode set whatever the umask (0: 0644 less the
 * umask, as write_file_replace): a file another user's daemon reads. */
int write_file_replace_mode(const char *path, const char *data, size_t len, mode_t mode);

#endif
