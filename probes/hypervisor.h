/*
 * hypervisor.h - which hypervisor a VM runs under, by the names it leaves:
 * the 12-byte signature of CPUID leaf 0x40000000, and the maker a
 * hypervisor writes into DMI/SMBIOS ("QEMU", "BHYVE", ...).  One table for
 * the cpu probe (naming the hypervisor) and the memory probe (an SMBIOS
 * table written by a hypervisor is its claim, not evidence of ECC), so the
 * two cannot drift apart.
 */
#ifndef SPECBENCH_HYPERVISOR_H
#define SPECBENCH_HYPERVISOR_H

/* The name for a leaf-0x40000000 signature (12 bytes), or NULL. */
const char *hypervisor_by_signature(const char sig[12]);

/* The name for a DMI/SMBIOS maker or product text that holds a known
 * hypervisor's mark, or NULL. */
const char *hypervisor_by_maker(const char *text);

#endif
