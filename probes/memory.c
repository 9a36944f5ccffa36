/*
 * memory.c - the memory probe: how much RAM, and whether it is ECC.
 *
 * Evidence, strongest first:
 *  - EDAC (/sys/devices/system/edac/mc): a memory controller driver that
 *    reports corrected/uncorrected errors exists only with ECC enabled;
 *  - SMBIOS type 16/17, parsed here (smbios.c) from the DMI table.  On a VM
 *    the table is whatever the hypervisor chose to write (QEMU always writes
 *    "Multi-bit ECC"), so there it is recorded as a claim, marked
 *    virtualized, and `ecc` stays "unknown": it is never evidence of the
 *    host's memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/printable.h"
#include "base/safeopen.h"
#include "base/docpath.h"
#include "hypervisor.h"
#include "probe.h"
#include "smbios.h"

#define EDAC_MC "/sys/devices/system/edac/mc"
#define DMI_TABLE "/sys/firmware/dmi/tables/DMI"

/* 1 EiB: far above any machine, far below where kB * 1024 wraps. */
#define MAX_MEM_KB (1ULL << 50)

static void set_total(struct probe_ctx *ctx, json_t *out)
{
	char *text = NULL, *p;
	unsigned long long kb;
	int rc = sr_read(ctx->sr, "/proc/meminfo", &text, NULL);

	if (rc) {
		probe_unknown(ctx, "memory.total_bytes", "/proc/meminfo", rc);
		json_object_set_new(out, "total_bytes", json_null());
		return;
	}
	p = strstr(text, "MemTotal:");
	if (p && sscanf(p, "MemTotal: %llu kB", &kb) == 1 && (kb == 0 || kb > MAX_MEM_KB)) {
		/* sscanf reads "-5" as a huge unsigned number too */
		probe_unknownf(ctx, "memory.total_bytes",
			       "/proc/meminfo: MemTotal of %llu kB is not a plausible memory size", kb);
		json_object_set_new(out, "total_bytes", json_null());
	} else if (p && sscanf(p, "MemTotal: %llu kB", &kb) == 1) {
		json_object_set_new(out, "total_bytes", json_integer((json_int_t)(kb * 1024)));
	} else {
		probe_unknownf(ctx, "memory.total_bytes", "/proc/meminfo: no MemTotal line");
		json_object_set_new(out, "total_bytes", json_null());
	}
	free(text);
}

/* EDAC mode of a controller: edac_mode of its first dimm, rank or csrow. */
static void edac_mode(struct probe_ctx *ctx, const char *mc, char *mode, size_t size)
{
	char **names, path[512];
	size_t n;

	mode[0] = '\0';
	snprintf(path, sizeof(path), EDAC_MC "/%s", mc);
	if (sr_list(ctx->sr, path, &names, &n))
		return;
	for (size_t i = 0; i < n && !mode[0]; i++) {
		const char *file = NULL;

		if (!strncmp(names[i], "dimm", 4) || !strncmp(names[i], "rank", 4))
			file = "dimm_edac_mode";
		else if (!strncmp(names[i], "csrow", 5))
			file = "edac_mode";
		if (!file)
			continue;
		snprintf(path, sizeof(path), EDAC_MC "/%s/%s/%s", mc, names[i], file);
		if (sr_read_line(ctx->sr, path, mode, size))
			mode[0] = '\0';
	}
	sr_free_list(names);
}

/* Fills out["edac"]; returns the number of controllers with ECC, -1 when
 * EDAC is absent or unreadable. */
static int probe_edac(struct probe_ctx *ctx, json_t *out, char *evidence, size_t size)
{
	char **names, path[512], name[128], mode[64];
	unsigned long long ce_total = 0, ue_total = 0;
	size_t n, with_ecc = 0, controllers = 0;
	json_t *list;
	int rc = sr_list(ctx->sr, EDAC_MC, &names, &n);

	if (rc) {
		json_object_set_new(out, "edac", json_null());
		return -1;
	}
	list = json_array();
	for (size_t i = 0; i < n; i++) {
		uint64_t ce = 0, ue = 0, mb = 0;
		int have_ce, have_ue;

		if (strncmp(names[i], "mc", 2) || !names[i][2])
			continue;
		controllers++;
		snprintf(path, sizeof(path), EDAC_MC "/%s/mc_name", names[i]);
		if (sr_read_line(ctx->sr, path, name, sizeof(name)))
			name[0] = '\0';
		snprintf(path, sizeof(path), EDAC_MC "/%s/ce_count", names[i]);
		have_ce = sr_read_u64(ctx->sr, path, &ce) == 0;
		snprintf(path, sizeof(path), EDAC_MC "/%s/ue_count", names[i]);
		have_ue = sr_read_u64(ctx->sr, path, &ue) == 0;
		snprintf(path, sizeof(path), EDAC_MC "/%s/size_mb", names[i]);
		if (sr_read_u64(ctx->sr, path, &mb))
			mb = 0;
		edac_mode(ctx, names[i], mode, sizeof(mode));
		/* a controller whose DIMMs all say "None" does no ECC */
		if (strcmp(mode, "None"))
			with_ecc++;
		ce_total += ce;
		ue_total += ue;
		json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}",
			"name", names[i], "mc_name", sbj_str_or_null(name),
			"edac_mode", sbj_str_or_null(mode),
			"ce_count", sbj_int_or_null((long long)ce, have_ce),
			"ue_count", sbj_int_or_null((long long)ue, have_ue),
			"size_mb", sbj_int_or_null((long long)mb, mb > 0)));
	}
	sr_free_list(names);
	if (!controllers) {
		json_decref(list);
		json_object_set_new(out, "edac", json_null());
		return -1;
	}
	json_object_set_new(out, "edac", json_pack("{s:o, s:I, s:I}", "controllers", list,
		"ce_total", (json_int_t)ce_total, "ue_total", (json_int_t)ue_total));
	snprintf(evidence, size, "EDAC: %zu memory controller(s)%s, %llu corrected and %llu uncorrected errors",
		 controllers, with_ecc ? "" : " with ECC mode None", ce_total, ue_total);
	return (int)with_ecc;
}

static int read_smbios(struct probe_ctx *ctx, struct smbios_info *info, char *why, size_t size,
		       struct sb_error *err)
{
	char *buf = NULL;
	struct sb_error parse;
	size_t len = 0;
	int rc;

	if (ctx->smbios) {
		struct sysroot live = { 0 };

		rc = sr_read(&live, ctx->smbios, &buf, &len);
		if (rc)
			return sb_fail(err, SB_EXIT_USAGE, "%s: %s", ctx->smbios, safe_strerror(rc));
		rc = smbios_parse((const uint8_t *)buf, len, info, &parse);
		free(buf);
		if (rc)
			return sb_fail(err, SB_EXIT_USAGE, "%s: SMBIOS table %s", ctx->smbios, parse.msg);
		return 1;
	}
	rc = sr_read(ctx->sr, DMI_TABLE, &buf, &len);
	if (rc) {
		snprintf(why, size, "%s: %s", DMI_TABLE, sr_strerror(rc));
		if (rc == -EACCES || rc == -EPERM)
			probe_unknown(ctx, "memory.smbios", DMI_TABLE, rc);
		return 0;
	}
	rc = smbios_parse((const uint8_t *)buf, len, info, &parse);
	free(buf);
	if (rc) {
		snprintf(why, size, "%s: SMBIOS table %.400s", DMI_TABLE, parse.msg);
		probe_unknownf(ctx, "memory.smbios", "%s", why);
		return 0;
	}
	return 1;
}

static json_t *smbios_json(const struct smbios_info *info, const char *claim, const char *evidence)
{
	json_t *arrays = json_array(), *devices = json_array();

	for (size_t i = 0; i < info->array_count; i++)
		json_array_append_new(arrays, json_pack("{s:i, s:s, s:s, s:i}",
			"handle", info->arrays[i].handle,
			"use", smbios_use_name(info->arrays[i].use),
			"error_correction", smbios_ecc_name(info->arrays[i].error_correction),
			"devices", info->arrays[i].device_count));
	for (size_t i = 0; i < info->device_count; i++) {
		const struct smbios_device *d = &info->devices[i];

		json_array_append_new(devices, json_pack("{s:s, s:i, s:o, s:o, s:o}",
			"locator", d->locator, "array_handle", d->array_handle,
			"size_bytes", sbj_int_or_null((long long)d->size_bytes, d->size_known),
			"total_width", sbj_int_or_null(d->total_width, d->total_width != 0xffff),
			"data_width", sbj_int_or_null(d->data_width, d->data_width != 0xffff)));
	}
	return json_pack("{s:o, s:o, s:o, s:o, s:s, s:s}",
		"system_manufacturer", sbj_str_or_null(info->sys_vendor),
		"system_product", sbj_str_or_null(info->product),
		"arrays", arrays, "devices", devices,
		"ecc_claim", claim, "evidence", evidence);
}

/* A table written by a hypervisor names it as the system's maker. */
static int smbios_is_virtual(const struct smbios_info *info)
{
	return hypervisor_by_maker(info->sys_vendor) || hypervisor_by_maker(info->product) ||
	       hypervisor_by_maker(info->bios_vendor);
}

static int memory_run(struct probe_ctx *ctx, json_t *out, struct sb_error *err)
{
	const char *hv = rd_str(ctx->probe, "cpu.hypervisor");
	char evidence[768] = "", why[512] = "", claim_ev[256];
	struct smbios_info *info = malloc(sizeof(*info));
	const char *ecc = "unknown", *source = "none";
	int edac, have_smbios, virtualized = hv != NULL;

	if (!info)
		return sb_fail(err, SB_EXIT_SYSTEM, "out of memory");
	set_total(ctx, out);
	edac = probe_edac(ctx, out, evidence, sizeof(evidence));
	have_smbios = read_smbios(ctx, info, why, sizeof(why), err);
	if (have_smbios < 0) {
		free(info);
		return -1;
	}
	if (have_smbios) {
		const char *claim = smbios_ecc_claim(info, claim_ev, sizeof(claim_ev));

		virtualized = virtualized || smbios_is_virtual(info);
		json_object_set_new(out, "smbios", smbios_json(info, claim, claim_ev));
		if (edac < 0 && virtualized) {
			source = "smbios";
			snprintf(evidence, sizeof(evidence),
				 "SMBIOS written by the hypervisor (%s) claims ECC \"%s\" (%s): not evidence of the host's memory",
				 hv ? hv : info->sys_vendor, claim, claim_ev);
		} else if (edac < 0) {
			ecc = claim;
			source = "smbios";
			snprintf(evidence, sizeof(evidence), "SMBIOS %s", claim_ev);
		}
	} else {
		json_object_set_new(out, "smbios", json_null());
	}
	if (edac >= 0) {
		ecc = edac > 0 ? "yes" : "no";
		source = "edac";
	}
	if (!strcmp(source, "none")) {
		snprintf(evidence, sizeof(evidence), "no EDAC memory controller; %s",
			 why[0] ? why : "no SMBIOS table");
		probe_unknownf(ctx, "memory.ecc", "%s", evidence);
	}
	json_object_set_new(out, "ecc", sbj_text(ecc));
	json_object_set_new(out, "ecc_source", sbj_text(source));
	json_object_set_new(out, "virtualized", json_boolean(virtualized));
	json_object_set_new(out, "evidence", sbj_text(evidence));
	free(info);
	return 0;
}

static void memory_print(const json_t *s, FILE *out)
{
	json_t *total = json_object_get(s, "total_bytes");

	fprintf(out, "Memory\n");
	if (json_is_integer(total))
		fprintf(out, "  %-18s %.2f GiB\n", "total", (double)json_integer_value(total) / (1 << 30));
	else
		fprintf(out, "  %-18s unknown\n", "total");
	fprintf(out, "  %-18s %s (%s%s)\n", "ECC", rd_str_or(s, "ecc", "unknown"),
		!strcmp(rd_str_or(s, "ecc_source", "none"), "none") ? "no evidence" : rd_str_or(s, "ecc_source", ""),
		rd_true(s, "virtualized") ? "; virtual machine" : "");
	fprintf(out, "  %-18s %s\n", "evidence", rd_str(s, "evidence"));
}

const struct probe_ops probe_memory = {
	.name = "memory",
	.summary = "RAM size and ECC (EDAC, SMBIOS type 16/17)",
	.run = memory_run,
	.print = memory_print,
};
