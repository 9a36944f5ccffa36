/* test_sysroot.c - the path layer and the snapshot recorder. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/recorder.h"
#include "base/sysroot.h"
#include "base/rmtree.h"
#include "probes/probe.h"
#include "harness.h"

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

void suite_sysroot(struct t *t)
{
	char tmpl[] = "/tmp/specbench-test-XXXXXX", path[PATH_MAX], buf[256], *text, **names;
	const char *dir = mkdtemp(tmpl);
	struct sysroot sr = { NULL, NULL };
	struct sb_recorder rec = { NULL, 0, "", 0 };
	struct sysroot live = { NULL, &rec };
	uint64_t v;
	size_t n;
	ssize_t len;

	CHECK(t, dir != NULL);
	if (!dir)
		return;
	sr.prefix = dir;
	snprintf(path, sizeof(path), "%s/real", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/real/number", dir);
	put(path, "42\n");
	snprintf(path, sizeof(path), "%s/real/word", dir);
	put(path, "  hello world  \nsecond line\n");
	snprintf(path, sizeof(path), "%s/link", dir);
	CHECK(t, symlink("real", path) == 0);

	CHECK(t, sr_read_u64(&sr, "/link/number", &v) == 0);
	CHECK_INT(t, v, 42);
	CHECK_INT(t, sr_read_u64(&sr, "/real/word", &v), -EINVAL);
	CHECK(t, sr_read_line(&sr, "/real/word", buf, sizeof(buf)) == 0);
	CHECK_STR(t, buf, "  hello world");
	CHECK_INT(t, sr_read_line(&sr, "/real/word", buf, 4), -EINVAL);
	CHECK_INT(t, sr_read(&sr, "/missing", &text, NULL), -ENOENT);
	CHECK(t, sr_readlink(&sr, "/link", buf, sizeof(buf)) == 0);
	CHECK_STR(t, buf, "real");
	CHECK(t, sr_list(&sr, "/real", &names, &n) == 0);
	CHECK_INT(t, n, 2);
	CHECK_STR(t, names[0], "number");
	CHECK_STR(t, names[1], "word");
	sr_free_list(names);
	CHECK(t, strstr(sr_strerror(-EACCES), "needs root") != NULL);
	CHECK(t, sr_path(&sr, "/x", buf, 4) == -ENAMETOOLONG);

	/* the recorder keeps links as links and files behind them */
	snprintf(path, sizeof(path), "%s/snap", dir);
	mkdir(path, 0755);
	rec.dir = path;
	snprintf(buf, sizeof(buf), "%s/link/number", dir);
	CHECK(t, sr_read(&live, buf, &text, NULL) == 0);
	free(text);
	CHECK_INT(t, rec.errors, 0);
	CHECK_INT(t, rec.files, 1);
	snprintf(buf, sizeof(buf), "%s/snap%s/link", dir, dir);
	len = readlink(buf, path, sizeof(path) - 1);
	CHECK_INT(t, len, 4);
	snprintf(buf, sizeof(buf), "%s/snap%s/real/number", dir, dir);
	CHECK(t, access(buf, R_OK) == 0);
	snprintf(buf, sizeof(buf), "%s/missing", dir);
	CHECK(t, sr_read(&live, buf, &text, NULL) == -ENOENT);
	CHECK_INT(t, rec.errors, 0);  /* a failed read records nothing */

	/* unknown facts: root-only ones land in needs_root */
	{
		json_t *probe = json_pack("{s:[], s:[]}", "unknown", "needs_root");
		struct probe_ctx ctx = { &sr, NULL, NULL, "/", probe };

		probe_unknown(&ctx, "memory.smbios", "/sys/firmware/dmi/tables/DMI", -EACCES);
		probe_unknown(&ctx, "storage.arrays", "/proc/mdstat", -ENOENT);
		CHECK_JSTR(t, probe, "needs_root[0]", "memory.smbios");
		CHECK_JSIZE(t, probe, "needs_root", 1);
		CHECK_JSTR(t, probe, "unknown[0].reason",
			   "/sys/firmware/dmi/tables/DMI: permission denied (needs root)");
		CHECK_JSTR(t, probe, "unknown[1].reason", "/proc/mdstat: not present");
		json_decref(probe);
	}
	/* rm_tree removes links without following them */
	snprintf(path, sizeof(path), "%s/snap", dir);
	CHECK(t, rm_tree(path, true) == 0);
	CHECK(t, access(path, F_OK) == 0);
	snprintf(buf, sizeof(buf), "%s/snap%s", dir, dir);
	CHECK(t, access(buf, F_OK) != 0);
	CHECK(t, rm_tree(dir, false) == 0);
	CHECK(t, access(dir, F_OK) != 0);
	CHECK_INT(t, rm_tree(dir, false), 0);  /* already gone: nothing to do */
}
