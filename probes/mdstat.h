/*
 * mdstat.h - Linux software RAID arrays as /proc/mdstat shows them.
 *
 * The parser is strict on purpose: an array is reported "clean" only when
 * its header, its [n/m] count and its [UU_U] map agree.  A line it cannot
 * make sense of gives state "unknown" with the reason in `error`, never a
 * guess (a garbled line must not hide a failed disk).
 */
#ifndef SPECBENCH_MDSTAT_H
#define SPECBENCH_MDSTAT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define MD_MAX_DEVS 64
/* No machine has this many arrays (each is a kernel device, md0..md1023 is
 * already generous); past it the parser keeps memory bounded, counts the
 * rest and says so rather than cutting the list silently. */
#define MD_MAX_ARRAYS 1024
#define MD_NAME 32

enum md_state {
	MD_CLEAN, MD_DEGRADED, MD_RESYNCING, MD_RECOVERING, MD_INACTIVE, MD_UNKNOWN,
};

struct md_array {
	char name[MD_NAME];
	char level[16];                 /* "raid10"; "" when not shown */
	bool active, read_only;
	char members[MD_MAX_DEVS][MD_NAME];  /* data members (not spare, not failed) */
	size_t n_members;
	char spares[MD_MAX_DEVS][MD_NAME];
	size_t n_spares;
	char failed[MD_MAX_DEVS][MD_NAME];
	size_t n_failed;
	int raid_disks, active_disks;   /* the [n/m] pair; -1 when absent */
	char map[MD_MAX_DEVS + 1];      /* "UU_U" */
	unsigned long long blocks;      /* 1 KiB blocks; 0 when absent */
	char action[16];                /* "resync", "recovery", "reshape", "check", ... or "" */
	double progress_pct;            /* -1 when none or delayed */
	double finish_min, speed_kib_s; /* -1 when absent */
	enum md_state state;
	bool degraded;
	char error[192];                /* why the state is unknown, or a remark */
};

/* Parse the text of /proc/mdstat.  Returns 0 (an array list, possibly
 * empty, in *arrays, to free()), 1 when it holds more than MD_MAX_ARRAYS
 * arrays (the first ones in *arrays, err says how many more), or -1 with err
 * filled when the text is not an mdstat at all.  Garbled arrays are
 * returned with state MD_UNKNOWN. */
int mdstat_parse(const char *text, struct md_array **arrays, size_t *count,
		 struct sb_error *err);

const char *md_state_name(enum md_state s);

/* Does this level keep redundant copies (so that [n/m] must be shown)? */
bool md_level_redundant(const char *level);

#endif
