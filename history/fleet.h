/*
 * fleet.h - every VM of a package against the fleet: which hosts are out
 * of line.
 *
 * One VM judged against its own past (regress.h) cannot see that it was
 * slow from the start, or that it shares a crowded host.  The fleet view
 * compares VMs with each other: per comparable figure (benchmark, metric
 * and command: runs of other commands are never mixed), each host's median
 * over its last FLEET_LAST runs (among its last FLEET_READ), the fleet's median of those medians and
 * its robust spread (1.4826 MAD).  A host is SLOW when its median is at
 * least FLEET_MIN_PCT % below the fleet's and at least FLEET_MIN_Z robust
 * sigmas below it, FAST in the mirror case, else OK: both a large and an
 * unusual difference, as regress asks of a step.  Cached, unstable and
 * steal-bound figures (above the spec's limit) do not count.
 */
#ifndef SPECBENCH_HISTORY_FLEET_H
#define SPECBENCH_HISTORY_FLEET_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"
#include "history.h"

#define FLEET_LAST 5
/* The runs of each host read: twice FLEET_LAST, so that a figure still has
 * its FLEET_LAST values when some of the newest runs lack it or had it
 * cached, unstable or under steal. */
#define FLEET_READ (2 * FLEET_LAST)
#define FLEET_MIN_PCT 25.0
#define FLEET_MIN_Z 3.0

/* The fleet report of the runs f selects (a spec; since): {"schema":
 * "specbench.fleet", "spec", "hosts", "status" ("OK" or "OUTLIERS"),
 * "metrics": [{benchmark, metric, command, hosts, fleet_median, fleet_mad,
 * "outliers": n, "ranking": [{host, hostname, runs, median, ratio, z,
 * state}, ... slowest first]}]} (history/fleet.schema.json); NULL with
 * err.  max_steal: the spec's limit (100: none). */
json_t *fleet_report(struct history *h, const struct history_filter *f, double max_steal, struct sb_error *err);

/* The report as a table: each metric's fleet median and its outliers
 * (all: every host). */
void fleet_print_table(const json_t *report, bool all, FILE *out);

#endif
