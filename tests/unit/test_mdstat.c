/* test_mdstat.c - /proc/mdstat parsing: every state, spares, garbage. */
#include <stdlib.h>
#include <string.h>

#include "probes/mdstat.h"
#include "harness.h"

static struct md_array *parse(struct t *t, const char *file, size_t *n)
{
	char path[128];
	struct sb_error why = { 0, 0, "", NULL };
	char *text;
	struct md_array *arrays = NULL;

	snprintf(path, sizeof(path), "data/mdstat/%s", file);
	text = t_read(t, path);
	if (mdstat_parse(text, &arrays, n, &why))
		*n = 0;
	free(text);
	return arrays;
}

void suite_mdstat(struct t *t)
{
	struct md_array *a;
	size_t n;
	struct sb_error why = { 0, 0, "", NULL };

	a = parse(t, "raid10-clean.txt", &n);
	CHECK_INT(t, n, 1);
	CHECK_STR(t, a[0].name, "md0");
	CHECK_STR(t, a[0].level, "raid10");
	CHECK_INT(t, a[0].n_members, 4);
	CHECK_STR(t, a[0].members[0], "nvme3n1p2");
	CHECK_INT(t, a[0].n_spares, 0);
	CHECK_INT(t, a[0].n_failed, 0);
	CHECK_INT(t, a[0].raid_disks, 4);
	CHECK_INT(t, a[0].active_disks, 4);
	CHECK_STR(t, md_state_name(a[0].state), "clean");
	CHECK(t, !a[0].degraded);
	CHECK_INT(t, a[0].blocks, 3749571584ull);
	free(a);

	a = parse(t, "raid10-degraded.txt", &n);
	CHECK_STR(t, md_state_name(a[0].state), "degraded");
	CHECK(t, a[0].degraded);
	CHECK_INT(t, a[0].n_members, 3);
	CHECK_INT(t, a[0].n_failed, 1);
	CHECK_STR(t, a[0].failed[0], "nvme2n1p2");
	CHECK_STR(t, a[0].map, "UU_U");
	free(a);

	a = parse(t, "raid10-recovering.txt", &n);
	CHECK_STR(t, md_state_name(a[0].state), "recovering");
	CHECK(t, a[0].degraded);
	CHECK_STR(t, a[0].action, "recovery");
	CHECK(t, a[0].progress_pct > 8.09 && a[0].progress_pct < 8.11);
	CHECK(t, a[0].finish_min > 83.1 && a[0].finish_min < 83.3);
	CHECK(t, a[0].speed_kib_s == 344812);
	free(a);

	a = parse(t, "raid10-resyncing.txt", &n);
	CHECK_STR(t, md_state_name(a[0].state), "resyncing");
	CHECK(t, !a[0].degraded);
	CHECK(t, a[0].progress_pct > 52.2 && a[0].progress_pct < 52.4);
	free(a);

	a = parse(t, "raid10-resync-delayed.txt", &n);
	CHECK_STR(t, md_state_name(a[0].state), "resyncing");
	CHECK(t, a[0].progress_pct < 0);
	free(a);

	/* a scrub is not a resync: the array stays clean */
	a = parse(t, "raid10-check.txt", &n);
	CHECK_STR(t, md_state_name(a[0].state), "clean");
	CHECK_STR(t, a[0].action, "check");
	free(a);

	a = parse(t, "inactive.txt", &n);
	CHECK_STR(t, a[0].name, "md127");
	CHECK_STR(t, md_state_name(a[0].state), "inactive");
	CHECK_STR(t, a[0].level, "");
	CHECK_INT(t, a[0].n_spares, 2);
	CHECK_INT(t, a[0].n_members, 0);
	free(a);

	a = parse(t, "spares.txt", &n);
	CHECK_INT(t, n, 2);
	CHECK_INT(t, a[0].n_members, 4);
	CHECK_INT(t, a[0].n_spares, 2);
	CHECK_STR(t, a[0].spares[1], "nvme4n1p2");
	CHECK_STR(t, md_state_name(a[0].state), "clean");
	CHECK_STR(t, a[1].level, "raid1");
	CHECK_INT(t, a[1].n_spares, 1);
	CHECK_STR(t, md_state_name(a[1].state), "clean");
	free(a);

	a = parse(t, "mixed.txt", &n);
	CHECK_INT(t, n, 3);
	CHECK(t, a[0].read_only);
	CHECK_STR(t, md_state_name(a[0].state), "resyncing");
	CHECK_STR(t, a[1].level, "raid0");
	CHECK_STR(t, md_state_name(a[1].state), "clean");
	CHECK_STR(t, a[2].level, "linear");
	CHECK_STR(t, md_state_name(a[2].state), "clean");
	free(a);

	/* [4/4] with a missing member in the map is never clean */
	a = parse(t, "inconsistent.txt", &n);
	CHECK_STR(t, md_state_name(a[0].state), "unknown");
	CHECK(t, a[0].degraded);
	CHECK(t, strstr(a[0].error, "[4/4] disagrees with [UU_U]") != NULL);
	free(a);

	a = parse(t, "garbled.txt", &n);
	CHECK_INT(t, n, 4);
	CHECK_STR(t, md_state_name(a[0].state), "unknown");
	CHECK(t, strstr(a[0].error, "nvme2n1p2{2}") != NULL);
	CHECK_STR(t, md_state_name(a[1].state), "unknown");  /* raid1 without [n/m] */
	CHECK_STR(t, md_state_name(a[2].state), "unknown");  /* "sleeping" */
	CHECK_STR(t, md_state_name(a[3].state), "unknown");  /* no " : " */
	free(a);

	a = parse(t, "empty.txt", &n);
	CHECK_INT(t, n, 0);
	free(a);

	CHECK(t, mdstat_parse("random text\nmore\n", &a, &n, &why) == -1);
	CHECK(t, mdstat_parse("", &a, &n, &why) == -1);

	/* issue 10: an inactive array that shows its level keeps it */
	CHECK_INT(t, mdstat_parse("Personalities : [raid1]\nmd4 : inactive raid1 sda3[0] sdb3[1]\n"
				  "      1048576 blocks super 1.2\n\nunused devices: <none>\n",
				  &a, &n, &why), 0);
	CHECK_INT(t, n, 1);
	if (n == 1) {
		CHECK_STR(t, md_state_name(a[0].state), "inactive");
		CHECK_STR(t, a[0].level, "raid1");
		CHECK_INT(t, a[0].n_members, 2);
	}
	free(a);

	/* issue 10: 300,000 array headers stay in bounded memory, and the rest
	 * is reported, not cut silently */
	{
		const char *line = "md0 : active raid1 sda1[0] sdb1[1]\n      1024 blocks [2/2] [UU]\n";
		size_t len = strlen(line), count = 300000;
		char *big = malloc(32 + len * count), *p = big;

		p += sprintf(p, "Personalities : [raid1]\n");
		for (size_t i = 0; i < count; i++, p += len)
			memcpy(p, line, len);
		*p = '\0';
		CHECK_INT(t, mdstat_parse(big, &a, &n, &why), 1);
		CHECK_INT(t, n, MD_MAX_ARRAYS);
		CHECK(t, strstr(why.msg, "298976 more not read") != NULL);
		free(a);
		free(big);
	}
}
