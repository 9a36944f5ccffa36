/*
 * registry.h - every benchmark and every figure it yields, in one table.
 *
 * A benchmark is one row here (its id, tool, title and figures) plus one
 * file in bench/ that runs it (bench_ops).  Everything else reads this
 * table: the run document's number checks and the spec's references
 * (model/rundoc.c, model/spec.c), the rows a history keeps (history/
 * record.c), --repeat's summaries (bench/runner.c), the Prometheus series
 * (reports/format_prometheus.c) and the page's words (site/texts.c).
 * Before, the same list was spelled in five places that had to agree.
 */
#ifndef SPECBENCH_MODEL_REGISTRY_H
#define SPECBENCH_MODEL_REGISTRY_H

/* What a figure is to the rest of specbench. */
enum {
	FIG_HEADLINE = 1,  /* a spec may reference it; the history keeps it */
	FIG_REPEAT = 2,    /* --repeat summarises it (median, CV, samples) */
};

struct figure_def {
	const char *path;       /* inside bench.<benchmark>: "write.iops" */
	const char *unit;       /* "IOPS", "MiB/s", "events/s", "Mbit/s", "ms", "us" */
	int better;             /* +1: higher is better; -1: lower */
	unsigned flags;         /* FIG_* */
	const char *label;      /* the page's words for it (a gettext msgid), or NULL */
	const char *prom;       /* its Prometheus metric, or NULL */
	const char *prom_help;  /* the metric's HELP, on its first figure only */
	const char *prom_rw;    /* the metric's "direction" label (read, write), or NULL */
	double prom_scale;      /* the figure in the metric's base unit */
};

struct benchmark_def {
	const char *id;     /* "disk.randwrite": the run document's bench.<id> */
	const char *tool;   /* the program it runs */
	const char *title;  /* the page's words for it (a gettext msgid) */
	const struct figure_def *figures;  /* ends with { NULL } */
};

/* A spec's benchmark check, and the benchmark it reads. */
struct check_def {
	const char *id;         /* "cpu.events" */
	const char *benchmark;  /* "cpu" */
	const char *title;      /* the page's words for it (a gettext msgid) */
};

extern const struct benchmark_def benchmark_registry[];  /* ends with { NULL } */
extern const struct check_def check_registry[];          /* ends with { NULL } */

/* The benchmark of that id, or NULL. */
const struct benchmark_def *registry_benchmark(const char *id);
/* The figure at path of that benchmark, or NULL. */
const struct figure_def *registry_figure(const char *benchmark, const char *path);

#endif
