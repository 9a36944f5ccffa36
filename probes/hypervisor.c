/* hypervisor.c - the hypervisors specbench knows by name; see hypervisor.h. */
#include <string.h>

#include "hypervisor.h"

/* Signatures of CPUID leaf 0x40000000; the names are the ones lscpu prints
 * where it has them.  libcpuid 0.6.2 has a table too, but answers
 * "unknown" for bhyve's signature under a PVM guest. */
static const struct { const char sig[13]; const char *name; } signatures[] = {
	{ "KVMKVMKVM", "KVM" }, { "Linux KVM Hv", "KVM" }, { "Microsoft Hv", "Hyper-V" },
	{ "VMwareVMware", "VMware" }, { "XenVMMXenVMM", "Xen" }, { "bhyve bhyve ", "bhyve" },
	{ "TCGTCGTCGTCG", "QEMU" }, { "VBoxVBoxVBox", "VirtualBox" },
	{ " lrpepyh  vr", "Parallels" }, { "ACRNACRNACRN", "ACRN" }, { "Jailhouse", "Jailhouse" },
	{ "OpenBSDVMM58", "OpenBSD vmm" }, { "HAXMHAXMHAXM", "HAXM" }, { "QNXQVMBSQG", "QNX" },
	{ "UnisysSpar64", "Unisys s-Par" }, { "EVMMEVMMEVMM", "EVMM" },
};

/* What hypervisors and clouds write as the system's maker or product. */
static const struct { const char *mark; const char *name; } makers[] = {
	{ "QEMU", "KVM" }, { "KVM", "KVM" }, { "Red Hat", "KVM" }, { "bochs", "KVM" },
	{ "OpenStack", "KVM" }, { "Amazon EC2", "KVM" }, { "Google", "KVM" }, { "Hetzner", "KVM" },
	{ "DigitalOcean", "KVM" }, { "VMware", "VMware" }, { "Microsoft Corporation", "Hyper-V" },
	{ "Xen", "Xen" }, { "innotek", "VirtualBox" }, { "Parallels", "Parallels" },
	{ "BHYVE", "bhyve" }, { "Oxide", "bhyve" },
};

const char *hypervisor_by_signature(const char sig[12])
{
	for (size_t i = 0; i < sizeof(signatures) / sizeof(signatures[0]); i++)
		if (!memcmp(sig, signatures[i].sig, 12))  /* shorter ones are padded with NULs, as in CPUID */
			return signatures[i].name;
	return NULL;
}

const char *hypervisor_by_maker(const char *text)
{
	for (size_t i = 0; text && i < sizeof(makers) / sizeof(makers[0]); i++)
		if (strstr(text, makers[i].mark))
			return makers[i].name;
	return NULL;
}
