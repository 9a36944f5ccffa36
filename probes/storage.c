/*
 * storage.c - the storage probe: block devices, software RAID arrays and the
 * device behind a directory's filesystem.
 *
 * The transport of a disk is read from where its /sys/block link points
 * (".../nvme/...", ".../virtio2/block/vda", ".../ata3/...") because that is
 * what the kernel knows, not a guess from the name.  The rotational flag is
 * reported as the kernel has it, with a remark where it is known to lie:
 * virtio disks claim rotational=1 whatever the host has.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/blockdev.h"
#include "base/printable.h"
#include "base/text.h"
#include "base/docpath.h"
#include "mdstat.h"
#include "probe.h"

/* 8 EiB / 512 and / 1024: larger sizes would wrap a signed 64-bit byte
 * count, and no disk comes near (a wrapped number would show as negative). */
#define MAX_SECTORS (1ULL << 53)
#define MAX_MD_BLOCKS (1ULL << 52)

static const char *transport_of(const char *name, const char *link)
{
	static const struct { const char *needle; const char *transport; } by_path[] = {
		{ "/nvme", "nvme" }, { "/usb", "usb" }, { "/ata", "sata" },
		{ "/mmc", "mmc" }, { "/xen", "xen" }, { "/vmbus", "hyperv" },
	};

	if (!strncmp(name, "md", 2))
		return "md";
	if (!strncmp(name, "dm-", 3))
		return "dm";
	if (!strncmp(name, "loop", 4))
		return "loop";
	if (!strncmp(name, "zram", 4))
		return "zram";
	if (!strncmp(name, "nbd", 3))
		return "nbd";
	for (size_t i = 0; i < sizeof(by_path) / sizeof(by_path[0]); i++)
		if (strstr(link, by_path[i].needle))
			return by_path[i].transport;
	if (strstr(link, "/virtio"))
		return !strncmp(name, "vd", 2) ? "virtio" : "virtio-scsi";
	if (strstr(link, "/host") && strstr(link, "/target"))
		return "scsi";
	if (strstr(link, "/devices/virtual/"))
		return "virtual";
	return "unknown";
}

/* Model of a disk: device/model (SCSI, NVMe) or nothing (virtio has none). */
static void read_model(struct probe_ctx *ctx, const char *name, char *buf, size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/block/%s/device/model", name);
	if (sr_read_line(ctx->sr, path, buf, size))
		buf[0] = '\0';
	else
		memmove(buf, trim(buf), strlen(trim(buf)) + 1);
}

static json_t *probe_device(struct probe_ctx *ctx, const char *name)
{
	char path[256], link[512], model[128];
	const char *transport;
	uint64_t sectors = 0, rot = 0;
	int have_size, have_rot, rc;
	json_t *dev;

	snprintf(path, sizeof(path), "/sys/block/%s", name);
	rc = sr_readlink(ctx->sr, path, link, sizeof(link));
	transport = transport_of(name, rc ? "" : link);
	snprintf(path, sizeof(path), "/sys/block/%s/size", name);
	have_size = sr_read_u64(ctx->sr, path, &sectors) == 0;
	if (have_size && sectors > MAX_SECTORS) {
		probe_unknownf(ctx, "storage.size", "%s: %llu sectors is not a plausible disk size",
			       path, (unsigned long long)sectors);
		have_size = 0;
	}
	snprintf(path, sizeof(path), "/sys/block/%s/queue/rotational", name);
	have_rot = sr_read_u64(ctx->sr, path, &rot) == 0;
	read_model(ctx, name, model, sizeof(model));
	dev = json_pack("{s:s, s:s, s:o, s:o, s:o}", "name", name, "transport", transport,
			"rotational", have_rot ? json_boolean(rot) : json_null(),
			"size_bytes", sbj_int_or_null((long long)(sectors * 512), have_size),
			"model", sbj_str_or_null(model));
	if (!strcmp(transport, "virtio") || !strcmp(transport, "virtio-scsi"))
		json_object_set_new(dev, "rotational_note", sbj_text(
			"virtio reports rotational=1 for any backing store: the host's disks are not visible"));
	return dev;
}

static void probe_devices(struct probe_ctx *ctx, json_t *out)
{
	json_t *list = json_array();
	char **names;
	size_t n;
	int rc = sr_list(ctx->sr, "/sys/block", &names, &n);

	if (rc)
		probe_unknown(ctx, "storage.devices", "/sys/block", rc);
	for (size_t i = 0; !rc && i < n; i++) {
		/* loop and ram devices are not storage the VM was sold, nor is
		 * zram: swap compressed into RAM */
		if (!strncmp(names[i], "loop", 4) || !strncmp(names[i], "ram", 3) ||
		    !strncmp(names[i], "zram", 4))
			continue;
		json_array_append_new(list, probe_device(ctx, names[i]));
	}
	if (!rc)
		sr_free_list(names);
	json_object_set_new(out, "devices", list);
}

static json_t *name_list(char (*names)[MD_NAME], size_t n)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, sbj_text(names[i]));
	return list;
}

/* The kernel's own view of an array, where /sys/block/mdX/md exists: a
 * degraded count there overrides an mdstat that looks clean. */
static void cross_check_sysfs(struct probe_ctx *ctx, struct md_array *a, json_t *arr)
{
	char path[256], level[32];
	uint64_t degraded;

	snprintf(path, sizeof(path), "/sys/block/%s/md/level", a->name);
	if (!a->level[0] && sr_read_line(ctx->sr, path, level, sizeof(level)) == 0 && level[0])
		json_object_set_new(arr, "level", sbj_text(level));
	snprintf(path, sizeof(path), "/sys/block/%s/md/degraded", a->name);
	if (sr_read_u64(ctx->sr, path, &degraded) == 0 && degraded > 0 && !a->degraded) {
		json_object_set_new(arr, "degraded", json_true());
		if (a->state == MD_CLEAN)
			json_object_set_new(arr, "state", sbj_text("degraded"));
		json_object_set_new(arr, "error", sbj_text(
			"/proc/mdstat shows no missing member but /sys/block/*/md/degraded is not 0"));
	}
}

static json_t *array_json(const struct md_array *a)
{
	json_t *progress = json_null();

	if (a->action[0])
		progress = json_pack("{s:s, s:o, s:o, s:o}", "action", a->action,
			"percent", a->progress_pct >= 0 ? json_real(a->progress_pct) : json_null(),
			"finish_min", a->finish_min >= 0 ? json_real(a->finish_min) : json_null(),
			"speed_kib_s", a->speed_kib_s >= 0 ? json_real(a->speed_kib_s) : json_null());
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:b, s:b, s:o, s:o, s:o}",
		"name", a->name, "level", sbj_str_or_null(a->level),
		"members", name_list((char (*)[MD_NAME])a->members, a->n_members),
		"spares", name_list((char (*)[MD_NAME])a->spares, a->n_spares),
		"failed", name_list((char (*)[MD_NAME])a->failed, a->n_failed),
		"raid_disks", sbj_int_or_null(a->raid_disks, a->raid_disks >= 0),
		"active_disks", sbj_int_or_null(a->active_disks, a->active_disks >= 0),
		"state", md_state_name(a->state), "degraded", a->degraded,
		"read_only", a->read_only,
		"size_bytes", sbj_int_or_null((long long)a->blocks * 1024, a->blocks > 0 && a->blocks <= MAX_MD_BLOCKS),
		"progress", progress,
		"error", sbj_str_or_null(a->error));
}

static void probe_arrays(struct probe_ctx *ctx, json_t *out)
{
	struct md_array *arrays = NULL;
	json_t *list = json_array();
	char *text;
	struct sb_error why;
	size_t n = 0;
	int rc = sr_read(ctx->sr, "/proc/mdstat", &text, NULL);

	json_object_set_new(out, "arrays", list);
	if (rc == -ENOENT) {
		json_object_set_new(out, "md_driver", json_false());
		return;
	}
	json_object_set_new(out, "md_driver", json_true());
	if (rc) {
		probe_unknown(ctx, "storage.arrays", "/proc/mdstat", rc);
		return;
	}
	rc = mdstat_parse(text, &arrays, &n, &why);
	if (rc) {  /* not an mdstat (-1), or more arrays than are kept (1) */
		probe_unknownf(ctx, "storage.arrays", "/proc/mdstat: %s%s", rc < 0 ? "not an mdstat: " : "", why.msg);
		json_object_set_new(out, "arrays_error", sbj_text(why.msg));
	}
	for (size_t i = 0; i < n; i++) {
		json_t *arr = array_json(&arrays[i]);

		cross_check_sysfs(ctx, &arrays[i], arr);
		json_array_append_new(list, arr);
	}
	free(arrays);
	free(text);
}

/* The disk(s) holding block device `name`: itself, its parent for a
 * partition, and the disks under md/dm devices (their slaves).  Every
 * device passed on the way down goes into `stack` (the filesystem's own
 * device first): a filesystem on LVM (dm-0) or on a partition of an array
 * (md0p1) is judged by the md array somewhere below it. */
static void add_disks(struct probe_ctx *ctx, const char *name, json_t *disks, json_t *stack, int depth)
{
	char path[256], link[512], **slaves;
	size_t n;

	if (depth > 8)
		return;
	json_array_append_new(stack, sbj_text(name));
	snprintf(path, sizeof(path), "/sys/class/block/%s/partition", name);
	if (sr_read_line(ctx->sr, path, link, sizeof(link)) == 0) {
		char *slash, *parent;

		snprintf(path, sizeof(path), "/sys/class/block/%s", name);
		if (sr_readlink(ctx->sr, path, link, sizeof(link)) == 0 &&
		    (slash = strrchr(link, '/'))) {
			*slash = '\0';
			parent = strrchr(link, '/');
			if (parent) {
				add_disks(ctx, parent + 1, disks, stack, depth + 1);
				return;
			}
		}
	}
	snprintf(path, sizeof(path), "/sys/block/%s/slaves", name);
	if (sr_list(ctx->sr, path, &slaves, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			add_disks(ctx, slaves[i], disks, stack, depth + 1);
		sr_free_list(slaves);
		if (n)
			return;
	}
	json_array_append_new(disks, sbj_text(name));
}

static void probe_backing(struct probe_ctx *ctx, json_t *out)
{
	const char *dir = ctx->dir ? ctx->dir : "/";
	struct dir_mount m;
	char dev[32];
	json_t *fs;
	int rc = blockdev_dir_mount(ctx->sr, dir, &m);

	if (rc) {
		if (rc < 0)
			probe_unknown(ctx, "storage.filesystem", "/proc/self/mountinfo", rc);
		else
			probe_unknownf(ctx, "storage.filesystem", "no mount in /proc/self/mountinfo holds %s", dir);
		json_object_set_new(out, "filesystem", json_null());
		return;
	}
	fs = json_pack("{s:s, s:s, s:s, s:s}", "dir", dir, "mount_point", m.mount_point,
		       "fstype", m.fstype, "source", m.source);
	snprintf(dev, sizeof(dev), "%u:%u", m.major, m.minor);
	json_object_set_new(fs, "dev", sbj_text(dev));
	if (m.device[0]) {
		json_t *disks = json_array(), *stack = json_array();

		json_object_set_new(fs, "device", sbj_text(m.device));
		add_disks(ctx, m.device, disks, stack, 0);
		json_object_set_new(fs, "disks", disks);
		json_object_set_new(fs, "stack", stack);
	} else {
		json_object_set_new(fs, "device", json_null());
		json_object_set_new(fs, "disks", json_array());
		json_object_set_new(fs, "stack", json_array());
	}
	json_object_set_new(out, "filesystem", fs);
}

static int storage_run(struct probe_ctx *ctx, json_t *out, struct sb_error *err)
{
	(void)err;
	probe_devices(ctx, out);
	probe_arrays(ctx, out);
	probe_backing(ctx, out);
	return 0;
}

static void storage_print(const json_t *s, FILE *out)
{
	size_t i;
	json_t *d, *fs = json_object_get(s, "filesystem");

	fprintf(out, "Storage\n");
	json_array_foreach(json_object_get(s, "devices"), i, d) {
		json_t *rot = json_object_get(d, "rotational");

		fprintf(out, "  %-18s %-8s %8.1f GiB  %s%s\n", rd_str(d, "name"),
			rd_str(d, "transport"),
			(double)rd_int_or(d, "size_bytes", 0) / (1 << 30),
			json_is_boolean(rot) ? (json_is_true(rot) ? "rotational" : "non-rotational") : "rotational unknown",
			json_object_get(d, "rotational_note") ? " (virtio: not trusted)" : "");
	}
	json_array_foreach(json_object_get(s, "arrays"), i, d) {
		fprintf(out, "  %-18s %-8s %zu member(s), %zu spare(s), %zu failed: %s%s%s\n",
			rd_str(d, "name"),
			rd_str_or(d, "level", "?"),
			json_array_size(json_object_get(d, "members")),
			json_array_size(json_object_get(d, "spares")),
			json_array_size(json_object_get(d, "failed")),
			rd_str(d, "state"),
			rd_str(d, "error") ? " - " : "",
			rd_str_or(d, "error", ""));
	}
	if (json_is_object(fs))
		fprintf(out, "  %-18s %s on %s (%s, device %s)\n", rd_str(fs, "dir"),
			rd_str(fs, "mount_point"),
			rd_str(fs, "source"),
			rd_str(fs, "fstype"),
			rd_str_or(fs, "device", "unknown"));
}

const struct probe_ops probe_storage = {
	.name = "storage",
	.summary = "block devices, md RAID arrays, the device behind --dir",
	.run = storage_run,
	.print = storage_print,
};
