/* netphase.h - how long the network benchmark measures, per profile: its
 * helper (netbench.c) measures for this long, and the runner (network.c)
 * gives it this long before it is stopped. */
#ifndef SPECBENCH_NETPHASE_H
#define SPECBENCH_NETPHASE_H

#include "bench.h"

struct net_phase {
	double seconds, warmup;
};

static const struct net_phase net_phases[] = {
	[PROFILE_DOCUMENTED] = { 10, 2 }, [PROFILE_QUICK] = { 5, 1 }, [PROFILE_SMOKE] = { 1.5, 0.5 },
};

#endif
