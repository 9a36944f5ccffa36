/*
 * sysbench_parse.h - sysbench 1.0.x cpu and memory reports, parsed by their
 * labels ("events per second:"), not by column: 1.0.11 and 1.0.20 pad
 * differently.  A build that prints no "events per second" gets it derived
 * from events / total time (and says so).
 */
#ifndef SPECBENCH_SYSBENCH_PARSE_H
#define SPECBENCH_SYSBENCH_PARSE_H

#include <jansson.h>

#include "base/error.h"

/* Which test produced the text: "cpu", "memory" or NULL. */
const char *sysbench_test_of(const char *text);

/* 0, or -1 with err (exit code 2) naming the line or the version. */
int sysbench_parse_cpu(const char *text, size_t len, json_t *result, struct sb_error *err);
int sysbench_parse_memory(const char *text, size_t len, json_t *result, struct sb_error *err);

#endif
