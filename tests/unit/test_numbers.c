/*
 * test_numbers.c - numbers that cannot lie (issue 10): the parsers refuse
 * NaN, infinity, overflow, negative figures, unknown units, wrong JSON
 * types and truncated reports, with the field and its position.  Each case
 * is a published report with one value replaced.
 */
#include <stdlib.h>
#include <string.h>

#include "base/validate.h"
#include "bench/fio_parse.h"
#include "bench/sysbench_parse.h"
#include "harness.h"

typedef int (*parser)(const char *, size_t, json_t *, struct sb_error *);

/* The file with the first `from` replaced by `to`. */
static char *edited(struct t *t, const char *file, const char *from, const char *to)
{
	char path[256], *text, *out, *at;

	snprintf(path, sizeof(path), "data/import/%s", file);
	text = t_read(t, path);
	at = text ? strstr(text, from) : NULL;
	CHECK(t, at != NULL);
	if (!at)
		return text;
	out = malloc(strlen(text) + strlen(to) + 1);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	free(text);
	return out;
}

/* The edited report is refused and the reason holds `says`. */
static void refused(struct t *t, parser parse, const char *file, const char *from, const char *to,
		    const char *says)
{
	char *text = edited(t, file, from, to);
	struct sb_error why = { 0, 0, "", NULL };
	json_t *r = json_object();
	int rc = text ? parse(text, strlen(text), r, &why) : 0;

	t_check(t, __FILE__, __LINE__, to, rc == -1);
	t_check(t, __FILE__, __LINE__, says, strstr(why.msg, says) != NULL);
	if (!strstr(why.msg, says))
		printf("#   %s -> why: %s\n", to, why.msg);
	json_decref(r);
	free(text);
}

static void sysbench_numbers(struct t *t)
{
	const char *cpu = "published-sysbench-cpu.txt", *mem = "published-sysbench-memory.txt";

	refused(t, sysbench_parse_cpu, cpu, "1807.14", "nan", "line 21: \"events per second\" is nan");
	refused(t, sysbench_parse_cpu, cpu, "1807.14", "inf", "not a finite, non-negative number");
	refused(t, sysbench_parse_cpu, cpu, "1807.14", "-1807.14", "line 21");
	refused(t, sysbench_parse_cpu, cpu, "1807.14", "1e999", "line 21");
	refused(t, sysbench_parse_cpu, cpu, "18077", "1e300", "too large for a count");
	refused(t, sysbench_parse_cpu, cpu, "18077", "-18077", "line 33");
	refused(t, sysbench_parse_cpu, cpu, "                        1.27", " -1.27", "line 43: \"95th percentile:\"");
	refused(t, sysbench_parse_memory, mem, "4108.83 MiB/sec", "nan MiB/sec", "line 31: \"MiB/sec\" is nan");
	refused(t, sysbench_parse_memory, mem, "42084784 (", "1e30 (", "line 27: \"Total operations\"");
	refused(t, sysbench_parse_memory, mem, "4207444.09 per", "-4207444.09 per", "line 27");
}

static void fio_numbers(struct t *t)
{
	const char *rd = "published-randread.txt", *js = "fio-3.33-randread-2jobs.json";

	refused(t, fio_parse, rd, "IOPS=13.8k", "IOPS=13.8x", "line 29: garbled fio result line: IOPS");
	refused(t, fio_parse, rd, "IOPS=13.8k", "IOPS=nan", "IOPS is not a number");
	refused(t, fio_parse, rd, "IOPS=13.8k", "IOPS=-13.8k", "IOPS is not a number");
	refused(t, fio_parse, rd, "BW=54.0MiB/s", "BW=54.0QiB/s", "BW is not a number with a known unit");
	refused(t, fio_parse, rd, "(2048MiB/", "(2048ZiB/", "the size is not a number");
	refused(t, fio_parse, rd, "(2048MiB/", "(1e300GiB/", "the size is not a number");
	refused(t, fio_parse, rd, "37921msec", "37921sec", "the run time");
	refused(t, fio_parse, rd, "50.00th=[ 3523]", "50.00th=[ -3523]", "a percentile");
	refused(t, fio_parse, rd, "Run status group", "Run stat", "truncated fio report");
	refused(t, fio_parse, js, "\"iops\" : ", "\"iops\" : -", "jobs[0].read.iops is -");
	refused(t, fio_parse, js, "\"bw\" : ", "\"bw\" : \"x\", \"z\" : ", "jobs[0].read.bw: a number was expected, not a string");
	refused(t, fio_parse, js, "\"io_bytes\" : ", "\"io_bytes\" : 1e300, \"y\" : ", "too large for a count");
	refused(t, fio_parse, js, "\"io_bytes\" : ", "\"io_bytes\" : 1e999, \"y\" : ", "malformed JSON");
	CHECK(t, figure_ok(0) && figure_ok(1e18) && !figure_ok(-0.5) && !figure_ok(1.0 / 0.0));
	CHECK(t, count_ok(COUNT_MAX) && !count_ok(COUNT_MAX * 2));
}

/* a log of both published reports: each import reads its own */
static void sysbench_log(struct t *t)
{
	char *cpu = t_read(t, "data/import/published-sysbench-cpu.txt");
	char *mem = t_read(t, "data/import/published-sysbench-memory.txt");
	struct sb_error why = { 0, 0, "", NULL };
	char *both = malloc(strlen(cpu) + strlen(mem) + 1);
	json_t *r = json_object();

	strcpy(both, cpu);
	strcat(both, mem);
	CHECK_INT(t, sysbench_parse_memory(both, strlen(both), r, &why), 0);
	CHECK(t, json_number_value(jpath(r, "mib_per_sec")) == 4108.83);
	json_decref(r);
	r = json_object();
	CHECK_INT(t, sysbench_parse_cpu(both, strlen(both), r, &why), 0);
	CHECK(t, json_number_value(jpath(r, "events_per_sec")) == 1807.14);
	json_decref(r);
	free(both);
	free(cpu);
	free(mem);
}

void suite_numbers(struct t *t)
{
	sysbench_numbers(t);
	fio_numbers(t);
	sysbench_log(t);
}
