/*
 * test_replay.c - the four probes over fixture machines (recorded and
 * constructed sysroots), in process, so ASan and UBSan watch them.
 */
#include <stdio.h>
#include <string.h>

#include "model/rundoc.h"
#include "probes/probe.h"
#include "harness.h"

struct replay_opts { const char *cpuid_raw, *smbios; };

/* Probe a machine.  `machine` starting with "recorded:" is under
 * tests/fixtures, else under the built fixtures.  smbios names a file in the
 * built fixtures directory. */
static json_t *replay(struct t *t, const char *machine, struct replay_opts o, struct sb_error *err)
{
	char root[512], smbios[512];
	struct sysroot sr = { root, NULL };
	struct probe_ctx ctx = { &sr, o.cpuid_raw, NULL, "/var/tmp", NULL };
	json_t *doc;

	if (!strncmp(machine, "recorded:", 9))
		snprintf(root, sizeof(root), "%s/fixtures/%s", t->data, machine + 9);
	else
		snprintf(root, sizeof(root), "%s/%s", t->fixtures, machine);
	if (o.smbios) {
		snprintf(smbios, sizeof(smbios), "%s/%s", t->fixtures, o.smbios);
		ctx.smbios = smbios;
	}
	doc = rundoc_new(probe_host(&sr));
	err->code = 0;
	probes_run(&ctx, doc, err);  /* the caller checks err */
	return doc;
}

#define NONE ((struct replay_opts){ NULL, NULL })

static void kvm_recorded(struct t *t)
{
	struct sb_error err;
	json_t *d = replay(t, "recorded:kvm-epyc-milan-2vcpu", NONE, &err);

	CHECK_INT(t, err.code, 0);
	CHECK_JSTR(t, d, "host.hostname", "vm");
	CHECK_JSTR(t, d, "probe.cpu.source", "sysroot cpuid.raw");
	CHECK_JSTR(t, d, "probe.cpu.vendor", "AMD");
	CHECK_JSTR(t, d, "probe.cpu.brand", "AMD EPYC");
	CHECK_JSTR(t, d, "probe.cpu.codename", "EPYC (Milan)");
	CHECK_JSTR(t, d, "probe.cpu.line", "EPYC");
	CHECK_JINT(t, d, "probe.cpu.generation", 3);
	CHECK_JSTR(t, d, "probe.cpu.generation_name", "Milan");
	CHECK_JINT(t, d, "probe.cpu.base_mhz", 2445);
	CHECK_JNULL(t, d, "probe.cpu.max_mhz");
	CHECK_JINT(t, d, "probe.cpu.vcpus", 2);
	CHECK_JINT(t, d, "probe.cpu.threads_per_core", 1);
	CHECK_JSTR(t, d, "probe.cpu.hypervisor", "KVM");
	CHECK_JINT(t, d, "probe.memory.total_bytes", 24682416LL * 1024);
	CHECK_JSTR(t, d, "probe.memory.ecc", "unknown");
	CHECK_JSTR(t, d, "probe.memory.ecc_source", "none");
	CHECK_JBOOL(t, d, "probe.memory.virtualized", true);
	CHECK_JSIZE(t, d, "probe.storage.devices", 1);  /* zram0, swap in RAM, is no storage */
	CHECK_JSTR(t, d, "probe.storage.devices[0].name", "vda");
	CHECK_JSTR(t, d, "probe.storage.devices[0].transport", "virtio");
	CHECK_JBOOL(t, d, "probe.storage.devices[0].rotational", true);
	CHECK_JINT(t, d, "probe.storage.devices[0].size_bytes", 274877906944LL);
	CHECK(t, jpath(d, "probe.storage.devices[0].rotational_note") != NULL);
	CHECK_JSIZE(t, d, "probe.storage.arrays", 0);
	CHECK_JBOOL(t, d, "probe.storage.md_driver", false);
	CHECK_JSTR(t, d, "probe.storage.filesystem.device", "vda");
	CHECK_JSTR(t, d, "probe.storage.filesystem.fstype", "ext4");
	CHECK_JSIZE(t, d, "probe.network.addresses", 5);
	CHECK_JSTR(t, d, "probe.network.addresses[1].interface", "eth0");
	CHECK_JSTR(t, d, "probe.network.addresses[1].address", "192.0.2.2");
	CHECK_JINT(t, d, "probe.network.addresses[1].prefix", 24);
	CHECK_JSTR(t, d, "probe.network.addresses[1].scope", "documentation");
	CHECK_JSTR(t, d, "probe.network.addresses[3].family", "ipv6");
	CHECK_JSTR(t, d, "probe.network.addresses[3].scope", "ula");
	CHECK_JSTR(t, d, "probe.network.addresses[4].scope", "link-local");
	CHECK_JSTR(t, d, "probe.network.default_route.ipv4.gateway", "192.0.2.1");
	CHECK_JSTR(t, d, "probe.network.default_route.ipv6.gateway", "fd00::1");
	CHECK_JBOOL(t, d, "probe.network.dual_stack", false);
	CHECK_JSIZE(t, d, "probe.network.global_addresses.ipv4", 0);
	json_decref(d);

	/* without the recorded CPUID: identified from cpuinfo, same facts */
	d = replay(t, "kvm-milan-cpuinfo-only", NONE, &err);
	CHECK_JSTR(t, d, "probe.cpu.source", "cpuinfo");
	CHECK_JSTR(t, d, "probe.cpu.vendor", "AMD");
	CHECK_JSTR(t, d, "probe.cpu.line", "EPYC");
	CHECK_JINT(t, d, "probe.cpu.generation", 3);
	CHECK_JSTR(t, d, "probe.cpu.codename", "EPYC (Milan)");
	CHECK_JSTR(t, d, "probe.cpu.hypervisor", "unknown");
	CHECK_JBOOL(t, d, "probe.cpu.hypervisor_flag", true);
	json_decref(d);
}

/* Recorded on an AMD Turin (family 1Ah) guest under PVM inside another VM:
 * user-space CPUID reaches the outer bhyve-based hypervisor and its brand,
 * the kernel shows "AMD EPYC" (issue 10). */
static void pvm_turin_recorded(struct t *t)
{
	struct sb_error err;
	json_t *d = replay(t, "recorded:pvm-epyc-turin-2vcpu", NONE, &err);

	CHECK_INT(t, err.code, 0);
	CHECK_JSTR(t, d, "probe.cpu.source", "sysroot cpuid.raw");
	CHECK_JSTR(t, d, "probe.cpu.vendor", "AMD");
	CHECK_JSTR(t, d, "probe.cpu.brand", "Oxide Virtual Turin-like Processor");
	CHECK_JSTR(t, d, "probe.cpu.model_name", "AMD EPYC");
	CHECK_JSTR(t, d, "probe.cpu.verdict_brand", "model_name");
	CHECK(t, jpath(d, "probe.cpu.brand_note") != NULL);
	CHECK_JNULL(t, d, "probe.cpu.codename");
	CHECK(t, strstr(json_string_value(jpath(d, "probe.cpu.codename_note")), "family 1Ah") != NULL);
	CHECK_JINT(t, d, "probe.cpu.family", 26);
	CHECK_JSTR(t, d, "probe.cpu.line", "EPYC");
	CHECK_JINT(t, d, "probe.cpu.generation", 5);
	CHECK_JSTR(t, d, "probe.cpu.generation_name", "Turin");
	CHECK_JBOOL(t, d, "probe.cpu.hypervisor_flag", true);
	CHECK_JSTR(t, d, "probe.cpu.hypervisor", "bhyve");
	CHECK(t, strstr(json_string_value(jpath(d, "probe.cpu.hypervisor_source")), "nested") != NULL);
	CHECK_JINT(t, d, "probe.cpu.vcpus", 2);
	CHECK_JSTR(t, d, "probe.storage.devices[0].transport", "virtio");
	json_decref(d);

	/* the same machine from its cpuinfo alone: one brand, still a VM */
	d = replay(t, "pvm-turin-cpuinfo-only", NONE, &err);
	CHECK_INT(t, err.code, 0);
	CHECK_JSTR(t, d, "probe.cpu.source", "cpuinfo");
	CHECK_JSTR(t, d, "probe.cpu.brand", "AMD EPYC");
	CHECK_JSTR(t, d, "probe.cpu.verdict_brand", "brand");
	CHECK(t, jpath(d, "probe.cpu.brand_note") == NULL);
	CHECK_JNULL(t, d, "probe.cpu.codename");
	CHECK_JINT(t, d, "probe.cpu.generation", 5);
	CHECK_JSTR(t, d, "probe.cpu.hypervisor", "unknown");
	json_decref(d);
}

static void rome_metal(struct t *t)
{
	struct sb_error err;
	json_t *d = replay(t, "epyc-rome-metal", (struct replay_opts){ NULL, "smbios-ecc.bin" }, &err);

	CHECK_INT(t, err.code, 0);
	CHECK_JSTR(t, d, "probe.cpu.source", "cpuinfo");
	CHECK_JSTR(t, d, "probe.cpu.line", "EPYC");
	CHECK_JINT(t, d, "probe.cpu.generation", 2);
	CHECK_JSTR(t, d, "probe.cpu.generation_name", "Rome");
	CHECK_JSTR(t, d, "probe.cpu.model_number", "7302P");
	CHECK_JINT(t, d, "probe.cpu.base_mhz", 3000);
	CHECK_JSTR(t, d, "probe.cpu.base_mhz_source", "AMD model table (EPYC 7302P)");
	CHECK_JINT(t, d, "probe.cpu.max_mhz", 3000);
	CHECK_JSTR(t, d, "probe.cpu.max_mhz_source", "cpufreq cpuinfo_max_freq");
	CHECK_JINT(t, d, "probe.cpu.vcpus", 32);
	CHECK_JINT(t, d, "probe.cpu.threads_per_core", 2);
	CHECK_JNULL(t, d, "probe.cpu.hypervisor");
	CHECK_JSTR(t, d, "probe.memory.ecc", "yes");
	CHECK_JSTR(t, d, "probe.memory.ecc_source", "edac");
	CHECK_JBOOL(t, d, "probe.memory.virtualized", false);
	CHECK_JINT(t, d, "probe.memory.edac.ce_total", 3);
	CHECK_JINT(t, d, "probe.memory.edac.ue_total", 0);
	CHECK_JSTR(t, d, "probe.memory.edac.controllers[0].edac_mode", "SECDED");
	CHECK_JSTR(t, d, "probe.memory.smbios.ecc_claim", "yes");
	CHECK_JSTR(t, d, "probe.memory.smbios.system_manufacturer", "Supermicro");
	CHECK_JSIZE(t, d, "probe.storage.devices", 5);
	CHECK_JSTR(t, d, "probe.storage.devices[0].transport", "md");
	CHECK_JSTR(t, d, "probe.storage.devices[1].name", "nvme0n1");
	CHECK_JSTR(t, d, "probe.storage.devices[1].transport", "nvme");
	CHECK_JBOOL(t, d, "probe.storage.devices[1].rotational", false);
	CHECK_JSTR(t, d, "probe.storage.devices[1].model", "SAMSUNG MZQLB1T9HAJR-00007");
	CHECK_JINT(t, d, "probe.storage.devices[1].size_bytes", 3750748848LL * 512);
	CHECK_JSTR(t, d, "probe.storage.arrays[0].name", "md0");
	CHECK_JSTR(t, d, "probe.storage.arrays[0].level", "raid10");
	CHECK_JSTR(t, d, "probe.storage.arrays[0].state", "clean");
	CHECK_JBOOL(t, d, "probe.storage.arrays[0].degraded", false);
	CHECK_JSIZE(t, d, "probe.storage.arrays[0].members", 4);
	CHECK_JSIZE(t, d, "probe.storage.arrays[0].spares", 0);
	CHECK_JSIZE(t, d, "probe.storage.arrays[0].failed", 0);
	CHECK_JSTR(t, d, "probe.storage.filesystem.device", "md0");
	CHECK_JSIZE(t, d, "probe.storage.filesystem.disks", 4);
	CHECK_JSTR(t, d, "probe.storage.filesystem.disks[0]", "nvme0n1");
	CHECK_JSTR(t, d, "probe.network.addresses[1].scope", "global");
	CHECK_JSTR(t, d, "probe.network.default_route.ipv4.gateway", "94.130.10.1");
	CHECK_JSTR(t, d, "probe.network.default_route.ipv6.gateway", "fe80::1");
	CHECK_JBOOL(t, d, "probe.network.dual_stack", true);
	CHECK_JSIZE(t, d, "probe.unknown", 0);
	json_decref(d);
}

static void rome_arrays(struct t *t)
{
	static const struct { const char *machine, *state; bool degraded; int members, spares, failed; } cases[] = {
		{ "rome-degraded", "degraded", true, 3, 0, 1 },
		{ "rome-recovering", "recovering", true, 4, 0, 0 },
		{ "rome-resyncing", "resyncing", false, 4, 0, 0 },
		{ "rome-inactive", "inactive", false, 0, 2, 0 },
		{ "rome-spares", "clean", false, 4, 2, 0 },
		{ "rome-inconsistent", "unknown", true, 4, 0, 0 },
		{ "rome-garbled", "unknown", false, 3, 0, 0 },
		{ "rome-sysfs-degraded", "degraded", true, 4, 0, 0 },
	};
	struct sb_error err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *d = replay(t, cases[i].machine, NONE, &err);

		CHECK_JSTR(t, d, "probe.storage.arrays[0].state", cases[i].state);
		CHECK_JBOOL(t, d, "probe.storage.arrays[0].degraded", cases[i].degraded);
		CHECK_JSIZE(t, d, "probe.storage.arrays[0].members", cases[i].members);
		CHECK_JSIZE(t, d, "probe.storage.arrays[0].spares", cases[i].spares);
		CHECK_JSIZE(t, d, "probe.storage.arrays[0].failed", cases[i].failed);
		json_decref(d);
	}
	{
		json_t *d = replay(t, "rome-recovering", NONE, &err);

		CHECK_JSTR(t, d, "probe.storage.arrays[0].progress.action", "recovery");
		json_decref(d);
		d = replay(t, "rome-inactive", NONE, &err);
		/* mdstat shows no level for an inactive array; sysfs does */
		CHECK_JSTR(t, d, "probe.storage.arrays[0].level", "raid10");
		json_decref(d);
	}
}

static void vms(struct t *t)
{
	struct sb_error err;
	json_t *d = replay(t, "xeon-gold-vm", (struct replay_opts){ NULL, "smbios-qemu.bin" }, &err);

	CHECK_INT(t, err.code, 0);
	CHECK_JSTR(t, d, "probe.cpu.vendor", "Intel");
	CHECK_JSTR(t, d, "probe.cpu.line", "Xeon Gold");
	CHECK_JINT(t, d, "probe.cpu.generation", 2);
	CHECK_JSTR(t, d, "probe.cpu.generation_name", "Cascade Lake");
	CHECK_JINT(t, d, "probe.cpu.base_mhz", 2100);
	CHECK_JSTR(t, d, "probe.cpu.base_mhz_source", "brand string");
	CHECK_JINT(t, d, "probe.cpu.vcpus", 4);
	CHECK_JSTR(t, d, "probe.cpu.hypervisor", "VMware");
	CHECK_JSTR(t, d, "probe.cpu.hypervisor_source", "dmi");
	/* a hypervisor's SMBIOS claim is never evidence of ECC */
	CHECK_JSTR(t, d, "probe.memory.ecc", "unknown");
	CHECK_JSTR(t, d, "probe.memory.ecc_source", "smbios");
	CHECK_JBOOL(t, d, "probe.memory.virtualized", true);
	CHECK_JSTR(t, d, "probe.memory.smbios.ecc_claim", "yes");
	CHECK_JSTR(t, d, "probe.storage.devices[0].transport", "scsi");
	CHECK_JSTR(t, d, "probe.storage.devices[0].model", "Virtual disk");
	CHECK_JSTR(t, d, "probe.storage.filesystem.device", "sda1");
	CHECK_JSTR(t, d, "probe.storage.filesystem.disks[0]", "sda");
	CHECK_JBOOL(t, d, "probe.network.dual_stack", true);
	json_decref(d);

	d = replay(t, "rome-ipv4-only", NONE, &err);
	CHECK_JSTR(t, d, "probe.cpu.hypervisor", "KVM");
	CHECK_JINT(t, d, "probe.cpu.base_mhz", 2500);
	CHECK_JINT(t, d, "probe.cpu.max_mhz", 3350);
	CHECK_JSTR(t, d, "probe.network.global_addresses.ipv4[0]", "5.9.100.7");
	CHECK_JSIZE(t, d, "probe.network.global_addresses.ipv6", 0);
	CHECK_JNULL(t, d, "probe.network.default_route.ipv6");
	CHECK_JBOOL(t, d, "probe.network.dual_stack", false);
	CHECK_JSTR(t, d, "probe.storage.filesystem.disks[0]", "vda");
	json_decref(d);

	/* no hypervisor, SMBIOS without ECC: a real "no" */
	d = replay(t, "ryzen-desktop", (struct replay_opts){ NULL, "smbios-no-ecc.bin" }, &err);
	CHECK_JSTR(t, d, "probe.cpu.line", "Ryzen");
	CHECK_JNULL(t, d, "probe.cpu.generation");
	CHECK_JNULL(t, d, "probe.cpu.hypervisor");
	CHECK_JSTR(t, d, "probe.memory.ecc", "no");
	CHECK_JSTR(t, d, "probe.memory.ecc_source", "smbios");
	CHECK_JBOOL(t, d, "probe.memory.virtualized", false);
	json_decref(d);
	d = replay(t, "ryzen-desktop", (struct replay_opts){ NULL, "smbios-widths.bin" }, &err);
	CHECK_JSTR(t, d, "probe.memory.ecc", "yes");
	json_decref(d);

	d = replay(t, "genoa-masked", NONE, &err);
	CHECK_JINT(t, d, "probe.cpu.generation", 4);
	CHECK_JSTR(t, d, "probe.cpu.codename", "EPYC (Milan)");  /* libcpuid 0.6.2's name */
	json_decref(d);
	d = replay(t, "naples-vm", NONE, &err);
	CHECK_JINT(t, d, "probe.cpu.generation", 1);
	json_decref(d);
	d = replay(t, "xeon-silver-vm", NONE, &err);
	CHECK_JSTR(t, d, "probe.cpu.line", "Xeon Silver");
	json_decref(d);
	d = replay(t, "cascadelake-qemu", NONE, &err);
	CHECK_JSTR(t, d, "probe.cpu.line", "Xeon");
	CHECK_JINT(t, d, "probe.cpu.generation", 2);
	/* nothing of storage or network recorded: unknown with reasons, no crash */
	CHECK_JSIZE(t, d, "probe.storage.devices", 0);
	CHECK(t, json_array_size(jpath(d, "probe.unknown")) >= 5);
	json_decref(d);
}

static void bad_input(struct t *t)
{
	char raw[512];
	struct sb_error err;
	json_t *d = replay(t, "epyc-rome-metal", (struct replay_opts){ NULL, "smbios-truncated.bin" }, &err);

	CHECK_INT(t, err.code, SB_EXIT_USAGE);
	CHECK(t, strstr(err.msg, "smbios-truncated.bin: SMBIOS table truncated") != NULL);
	json_decref(d);

	snprintf(raw, sizeof(raw), "%s/data/mdstat/garbled.txt", t->data);
	d = replay(t, "epyc-rome-metal", (struct replay_opts){ raw, NULL }, &err);
	CHECK_INT(t, err.code, SB_EXIT_USAGE);
	CHECK(t, strstr(err.msg, "not a CPUID dump") != NULL);
	json_decref(d);

	/* an explicit dump wins over the sysroot's cpuinfo */
	snprintf(raw, sizeof(raw), "%s/fixtures/kvm-epyc-milan-2vcpu/specbench/cpuid.raw", t->data);
	d = replay(t, "xeon-gold-vm", (struct replay_opts){ raw, NULL }, &err);
	CHECK_INT(t, err.code, 0);
	CHECK_JSTR(t, d, "probe.cpu.source", "cpuid-raw");
	CHECK_JSTR(t, d, "probe.cpu.vendor", "AMD");
	CHECK_JINT(t, d, "probe.cpu.vcpus", 4);
	json_decref(d);
}

void suite_replay(struct t *t)
{
	kvm_recorded(t);
	pvm_turin_recorded(t);
	rome_metal(t);
	rome_arrays(t);
	vms(t);
	bad_input(t);
}
