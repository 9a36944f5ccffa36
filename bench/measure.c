/* measure.c - steal time and device bytes; see measure.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sysroot.h"
#include "base/text.h"
#include "measure.h"

bool measure_parse_stat(const char *text, struct cpu_times *t)
{
	unsigned long long v[8] = { 0 };
	int n = sscanf(text, "cpu %llu %llu %llu %llu %llu %llu %llu %llu",
		       &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);

	t->ok = n >= 4;
	t->total = 0;
	for (int i = 0; i < n && i < 8; i++)
		t->total += v[i];
	t->steal = n >= 8 ? v[7] : 0;
	return t->ok;
}

void measure_cpu(struct cpu_times *t)
{
	char *text;

	t->ok = false;
	if (sr_read(NULL, "/proc/stat", &text, NULL))
		return;
	measure_parse_stat(text, t);
	free(text);
}

double measure_steal_pct(const struct cpu_times *a, const struct cpu_times *b)
{
	if (!a->ok || !b->ok || b->total <= a->total)
		return -1;
	return 100.0 * (double)(b->steal - a->steal) / (double)(b->total - a->total);
}

bool measure_parse_diskstats(const char *text, const char *device, struct disk_io *io)
{
	char *copy = strdup(text), *cursor = copy, *line;

	io->ok = false;
	while (copy && (line = next_line(&cursor))) {
		char name[64];
		unsigned long long rsect, wsect;

		/* major minor name reads merged sectors_read ms writes merged sectors_written */
		if (sscanf(line, "%*u %*u %63s %*u %*u %llu %*u %*u %*u %llu", name, &rsect, &wsect) == 3 &&
		    !strcmp(name, device)) {
			io->read_bytes = rsect * 512;
			io->write_bytes = wsect * 512;
			io->ok = true;
			break;
		}
	}
	free(copy);
	return io->ok;
}

void measure_disk(const char *device, struct disk_io *io)
{
	char *text;

	io->ok = false;
	if (!device || sr_read(NULL, "/proc/diskstats", &text, NULL))
		return;
	measure_parse_diskstats(text, device, io);
	free(text);
}
