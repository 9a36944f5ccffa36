/*
 * recorder.h - copying what the probes read into a snapshot directory.
 *
 * The path layer calls these while `specbench snapshot` runs.  Symbolic links
 * on the way to a file are recreated as links (made relative so that they
 * resolve inside the snapshot), so that a replay sees /sys/block/vda as the
 * link it is and reads /sys/block/vda/size through it.
 */
#ifndef SPECBENCH_RECORDER_H
#define SPECBENCH_RECORDER_H

#include <stddef.h>

struct sb_recorder {
	const char *dir;     /* the snapshot directory (exists) */
	int errors;          /* paths that could not be recorded */
	char first_error[512];
	unsigned files;      /* files written */
};

void rec_file(struct sb_recorder *rec, const char *path, const char *data, size_t len);
void rec_dir(struct sb_recorder *rec, const char *path);
/* A generated file (see sysroot.h): written to SR_GENERATED_DIR/name. */
void rec_generated(struct sb_recorder *rec, const char *name, const char *text);
/* Path of generated file `name` in the snapshot (its directory made), for
 * writers that want a file name rather than a buffer.  0 or -errno. */
int rec_generated_path(struct sb_recorder *rec, const char *name, char *buf, size_t size);
void rec_link(struct sb_recorder *rec, const char *path, const char *target);

#endif
