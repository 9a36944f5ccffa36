/*
 * dashboard.h - the fleet at a glance for the people who run it: every VM
 * of a package with the state an operator acts on, worst first, and each
 * VM's figures over time (`specbench dashboard`; the pages are site/'s).
 *
 * What a VM is in, each from what specbench already knows:
 *   REGRESSED  a figure stepped down against the VM's own past, not
 *              acknowledged (history_judge of its newest run), with the
 *              change the step is attributed to and since when;
 *   FAIL       its newest run failed a check of the package's spec;
 *   SLOW/FAST  against VMs on the same CPU (fleet_report);
 *   SUSPECT    its newest run alone is bad: to be run again;
 *   STALE      no run for DASH_STALE_S (the timer or the VM is broken);
 *   ACKED      a regression someone acknowledged, with the reason;
 *   OK, or INSUFFICIENT when too few runs make a baseline.
 * A VM can be in several; the worst is its state (the order above), and
 * the index sorts by it.  Everything a VM wrote (host names, check ids,
 * reasons) stays text here: the pages escape it.
 *
 * A VM is one of the package's when it has a stored run of the spec with
 * figures.  For 1,000 VMs x 365 runs, one VM is built at a time, from its
 * own rows: its detail (all its series) goes to a callback that renders
 * and frees it, and only the summary of each stays for the index.
 */
#ifndef SPECBENCH_HISTORY_DASHBOARD_H
#define SPECBENCH_HISTORY_DASHBOARD_H

#include <jansson.h>
#include <time.h>

#include "base/error.h"
#include "history.h"

#define DASH_STALE_S (2 * 86400)
/* the points of a regressed figure's small chart on the index */
#define DASH_SPARK_POINTS 30

/* The summary of every VM of spec's runs (since: NULL or YYYY-MM-DD) into
 * *index: {"spec", "generated_at", "counts": {state: n}, "hosts": [{key,
 * hostname, machine_id, state, states, last_run, fails, regressed,
 * suspect, acked, fleet}, ... worst first]}.  Each VM's detail (the same
 * plus "figures" with every point, "changes", "checks") is handed to
 * each_host, which must not keep it; a non-zero return stops and is
 * returned.  0, or -1 with err. */
int dashboard_build(struct history *h, const json_t *spec, const char *since, time_t now,
		    int (*each_host)(const json_t *detail, void *ctx), void *ctx, json_t **index,
		    struct sb_error *err);

#endif
