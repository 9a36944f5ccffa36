/*
 * fuzz.h - what every libFuzzer harness of specbench shares.
 *
 * One harness per parser (make fuzz runs each for FUZZ_SECONDS; make check
 * replays their seed corpora and every crash ever found, from
 * tests/fuzz/regressions/NAME/, under ASan and UBSan).  A harness feeds
 * the input to the parser as the program would: NUL-terminated text for
 * the text parsers, bytes for SMBIOS, a file for libcpuid.  It checks what
 * must hold for any input (no crash, no leak, no undefined behaviour, and
 * a number the parser accepted is a figure, never NaN or negative).
 */
#ifndef SPECBENCH_FUZZ_H
#define SPECBENCH_FUZZ_H

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (an embedded NUL ends it, as in a file read). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* Every number in a parser's result is a finite, non-negative figure. */
static inline void fuzz_figures_ok(const json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;

	if (json_is_number(v) && !(isfinite(json_number_value(v)) && json_number_value(v) >= 0))
		abort();
	json_object_foreach((json_t *)v, key, item)
		fuzz_figures_ok(item);
	json_array_foreach(v, i, item)
		fuzz_figures_ok(item);
}

#endif
