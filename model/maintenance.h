/*
 * maintenance.h - when a machine is not itself: its maintenance windows.
 *
 * The source documents: OS updates every Monday 05:00-07:00 (a reboot
 * right after if needed), application updates Monday 07:00-09:00, local
 * time.  A benchmark taken then - or while the machine settles after it, a
 * timer catching up after the reboot - measures the update, not the VM.
 * A spec says when (its "maintenance" object, specs/README.md); these
 * functions say whether a moment falls inside, in local time, through
 * localtime_r: a daylight-saving change moves the window with the clock,
 * as the updates themselves move.
 */
#ifndef SPECBENCH_MAINTENANCE_H
#define SPECBENCH_MAINTENANCE_H

#include <jansson.h>
#include <stddef.h>
#include <time.h>

#include "base/error.h"

#define MAINT_DEFAULT_SETTLE_MIN 60

/* A window of a spec ({"day": "mon", "from": "05:00", "to": "07:00",
 * "what": "OS updates"}): 0, or -1 with err naming what is wrong. */
int maint_check_window(const json_t *w, struct sb_error *err);

/* Is t inside one of spec's windows, or less than its settle time
 * (maintenance.settle_minutes) after one?  1 with a description in what
 * ("Monday 05:00-07:00 (OS updates)", "... settling"), else 0. */
int maint_inside(const json_t *spec, time_t t, char *what, size_t size);

/* "2026-11-23T05:30:00Z" as a time: 0, or -1 when it is not one. */
int maint_parse_time(const char *iso, time_t *t);

#endif
