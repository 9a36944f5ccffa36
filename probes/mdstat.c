/*
 * mdstat.c - parse /proc/mdstat; see mdstat.h.
 *
 * The format (drivers/md/md.c, md_seq_show):
 *   md0 : active raid10 nvme3n1p2[3] nvme2n1p2[2](F) sdb1[4](S)
 *         1000204288 blocks super 1.2 512K chunks 2 near-copies [4/3] [UU_U]
 *         [=>...................]  recovery =  8.1% (...) finish=83.2min speed=96000K/sec
 *         bitmap: 2/8 pages [8KB], 65536KB chunk
 * An array starts at column 0 with "NAME : "; its other lines are indented.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "mdstat.h"

const char *md_state_name(enum md_state s)
{
	static const char *const names[] = {
		"clean", "degraded", "resyncing", "recovering", "inactive", "unknown",
	};

	return names[s];
}

bool md_level_redundant(const char *level)
{
	return !strcmp(level, "raid1") || !strcmp(level, "raid4") || !strcmp(level, "raid5") ||
	       !strcmp(level, "raid6") || !strcmp(level, "raid10");
}

static void set_unknown(struct md_array *a, const char *fmt, const char *arg)
{
	if (a->state == MD_UNKNOWN)
		return;  /* keep the first reason */
	a->state = MD_UNKNOWN;
	snprintf(a->error, sizeof(a->error), fmt, arg);
}

/* "nvme0n1p2[3](F)(S)" -> the right list.  false when garbled. */
static bool add_member(struct md_array *a, const char *tok)
{
	const char *br = strchr(tok, '['), *p;
	bool spare = false, failed = false;
	size_t n;

	if (!br || br == tok || (size_t)(br - tok) >= MD_NAME)
		return false;
	p = br + 1;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != ']')
		return false;
	while (*p == '(') {
		if (!p[1] || p[2] != ')')
			return false;
		if (p[1] == 'F')
			failed = true;
		else if (p[1] == 'S')
			spare = true;
		else if (!strchr("WJR", p[1]))
			return false;
		p += 3;
	}
	if (*p)
		return false;
	n = (size_t)(br - tok);
	if (failed && a->n_failed < MD_MAX_DEVS)
		snprintf(a->failed[a->n_failed++], MD_NAME, "%.*s", (int)n, tok);
	else if (spare && a->n_spares < MD_MAX_DEVS)
		snprintf(a->spares[a->n_spares++], MD_NAME, "%.*s", (int)n, tok);
	else if (!failed && !spare && a->n_members < MD_MAX_DEVS)
		snprintf(a->members[a->n_members++], MD_NAME, "%.*s", (int)n, tok);
	return true;
}

static bool is_level(const char *tok)
{
	static const char *const levels[] = {
		"linear", "multipath", "faulty", "raid0", "raid1", "raid4", "raid5", "raid6", "raid10",
	};

	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcmp(tok, levels[i]))
			return true;
	return false;
}

static void parse_header(struct md_array *a, char *rest)
{
	char *save = NULL, *tok = strtok_r(rest, " \t", &save);

	if (!tok) {
		set_unknown(a, "empty header line%s", "");
		return;
	}
	if (!strcmp(tok, "active"))
		a->active = true;
	else if (strcmp(tok, "inactive")) {
		set_unknown(a, "header says \"%s\", neither active nor inactive", tok);
		return;
	}
	while ((tok = strtok_r(NULL, " \t", &save))) {
		if (!strcmp(tok, "(read-only)") || !strcmp(tok, "(auto-read-only)")) {
			a->read_only = true;
		} else if (!a->level[0] && !strchr(tok, '[') && (a->active || is_level(tok))) {
			/* an inactive array shows its level when the personality is loaded */
			snprintf(a->level, sizeof(a->level), "%s", tok);
		} else if (!add_member(a, tok)) {
			/* keep reading: the other members are still worth showing */
			set_unknown(a, "garbled member \"%s\"", tok);
		}
	}
}

/* "[4/3]" and "[UU_U]" and the block count of the status line. */
static void parse_status(struct md_array *a, const char *line)
{
	const char *p;
	int n, m;

	sscanf(line, "%llu blocks", &a->blocks);
	for (p = strchr(line, '['); p; p = strchr(p + 1, '[')) {
		char map[MD_MAX_DEVS + 2];

		if (sscanf(p, "[%d/%d]", &n, &m) == 2) {
			a->raid_disks = n;
			a->active_disks = m;
		} else if (sscanf(p, "[%65[U_]]", map) == 1 && strlen(map) <= MD_MAX_DEVS) {
			strcpy(a->map, map);
		}
	}
}

static void parse_progress(struct md_array *a, const char *line)
{
	static const char *const actions[] = { "recovery", "resync", "reshape", "check", "repair" };
	const char *p;

	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		p = strstr(line, actions[i]);
		if (!p)
			continue;
		snprintf(a->action, sizeof(a->action), "%s", actions[i]);
		p += strlen(actions[i]);
		while (*p == ' ')
			p++;
		if (*p != '=') {
			set_unknown(a, "garbled progress line \"%s\"", line);
			return;
		}
		p++;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "DELAYED", 7) || !strncmp(p, "PENDING", 7))
			return;
		if (sscanf(p, "%lf%%", &a->progress_pct) != 1) {
			set_unknown(a, "garbled progress line \"%s\"", line);
			return;
		}
		if ((p = strstr(line, "finish=")))
			sscanf(p, "finish=%lfmin", &a->finish_min);
		if ((p = strstr(line, "speed=")))
			sscanf(p, "speed=%lfK/sec", &a->speed_kib_s);
		return;
	}
}

/* Decide the state once all lines of an array are read. */
static void finish_array(struct md_array *a)
{
	size_t ups = 0;

	if (a->state == MD_UNKNOWN)
		return;
	if (!a->active) {
		a->state = MD_INACTIVE;
		a->degraded = a->n_failed > 0;
		return;
	}
	if (!a->level[0]) {
		set_unknown(a, "no RAID level in the header%s", "");
		return;
	}
	if (md_level_redundant(a->level)) {
		if (a->raid_disks < 0 || !a->map[0]) {
			set_unknown(a, "no [n/m] [U_] status for a %s array", a->level);
			return;
		}
		for (const char *c = a->map; *c; c++)
			ups += *c == 'U';
		if (strlen(a->map) != (size_t)a->raid_disks || ups != (size_t)a->active_disks ||
		    a->active_disks > a->raid_disks) {
			char detail[160];

			snprintf(detail, sizeof(detail), "[%d/%d] disagrees with [%s]",
				 a->raid_disks, a->active_disks, a->map);
			set_unknown(a, "inconsistent status: %s", detail);
			a->degraded = true;
			return;
		}
		a->degraded = a->active_disks < a->raid_disks;
	}
	if (!strcmp(a->action, "recovery"))
		a->state = MD_RECOVERING;
	else if (!strcmp(a->action, "resync") || !strcmp(a->action, "reshape"))
		a->state = MD_RESYNCING;
	else
		a->state = a->degraded ? MD_DEGRADED : MD_CLEAN;
}

/* The array list grows geometrically (hundreds of thousands of header
 * lines must not mean as many reallocations) up to MD_MAX_ARRAYS; NULL
 * when out of memory or at the limit (*full set). */
static struct md_array *new_array(struct md_array **arrays, size_t *count, size_t *cap,
				  const char *name, bool *full)
{
	struct md_array *a;

	if (*count == MD_MAX_ARRAYS) {
		*full = true;
		return NULL;
	}
	if (*count == *cap) {
		size_t want = *cap ? *cap * 2 : 8;
		struct md_array *bigger;

		if (want > MD_MAX_ARRAYS)
			want = MD_MAX_ARRAYS;
		bigger = realloc(*arrays, want * sizeof(**arrays));
		if (!bigger)
			return NULL;
		*arrays = bigger;
		*cap = want;
	}
	a = &(*arrays)[(*count)++];
	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->raid_disks = a->active_disks = -1;
	a->progress_pct = a->finish_min = a->speed_kib_s = -1;
	a->state = MD_CLEAN;
	return a;
}

int mdstat_parse(const char *text, struct md_array **arrays, size_t *count,
		 struct sb_error *err)
{
	char *copy = strdup(text), *cursor = copy, *line;
	struct md_array *cur = NULL;
	bool personalities = false, full = false;
	size_t cap = 0, skipped = 0;

	*arrays = NULL;
	*count = 0;
	if (!copy) {
		sb_fail(err, SB_EXIT_USAGE, "out of memory");
		return -1;
	}
	while ((line = next_line(&cursor))) {
		char *colon;

		rtrim(line);
		if (!*line)
			continue;
		if (starts_with(line, "Personalities")) {
			personalities = true;
			continue;
		}
		if (!personalities) {
			/* the kernel always starts with the Personalities line */
			sb_fail(err, SB_EXIT_USAGE, "does not start with \"Personalities\"");
			free(*arrays);
			*arrays = NULL;
			*count = 0;
			free(copy);
			return -1;
		}
		if (starts_with(line, "unused devices") || starts_with(line, "read_ahead")) {
			if (cur)
				finish_array(cur);
			cur = NULL;
			continue;
		}
		if (!isspace((unsigned char)line[0])) {
			char name[MD_NAME];

			colon = strstr(line, " : ");
			if (sscanf(line, "%31s", name) != 1)
				continue;
			if (cur)
				finish_array(cur);
			cur = new_array(arrays, count, &cap, name, &full);
			if (!cur && full) {
				skipped++;  /* counted, not kept (MD_MAX_ARRAYS); cur is NULL, so its lines are passed over */
				continue;
			}
			if (!cur) {
				free(copy);
				free(*arrays);
				*arrays = NULL;
				*count = 0;
				sb_fail(err, SB_EXIT_USAGE, "out of memory");
				return -1;
			}
			if (!colon)
				set_unknown(cur, "header line without \" : \": \"%s\"", line);
			else
				parse_header(cur, colon + 3);
			continue;
		}
		if (!cur)
			continue;
		if (strstr(line, "blocks"))
			parse_status(cur, line);
		else if (!strstr(line, "bitmap:"))
			parse_progress(cur, line);
	}
	if (cur)
		finish_array(cur);
	free(copy);
	if (!personalities) {
		sb_fail(err, SB_EXIT_USAGE, "empty");
		return -1;
	}
	if (skipped) {
		sb_fail(err, SB_EXIT_USAGE, "more than %d arrays: %zu more not read", MD_MAX_ARRAYS, skipped);
		return 1;
	}
	return 0;
}
