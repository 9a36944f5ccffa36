/*
 * smbios.h - the SMBIOS structure table, parsed by specbench itself.
 *
 * Input is the raw table as Linux exports it in /sys/firmware/dmi/tables/DMI
 * (the structures only, no entry point).  Only what the memory verdict needs
 * is kept: type 16 (Physical Memory Array: its use and error correction),
 * type 17 (Memory Device: size, total and data width) and the system's maker
 * from types 0 and 1 (to recognise a hypervisor's invented table).
 */
#ifndef SPECBENCH_SMBIOS_H
#define SPECBENCH_SMBIOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

#define SMBIOS_MAX_ARRAYS 16
#define SMBIOS_MAX_DEVICES 256

enum smbios_array_use { SMBIOS_USE_SYSTEM_MEMORY = 0x03 };

struct smbios_array {
	uint16_t handle;
	uint8_t use;              /* 0x03 = system memory */
	uint8_t error_correction; /* 0x03 none ... 0x06 multi-bit ECC */
	uint16_t device_count;
};

struct smbios_device {
	uint16_t handle, array_handle;
	uint16_t total_width, data_width;   /* 0xffff = unknown */
	uint64_t size_bytes;                /* 0 = slot empty */
	bool size_known;
	char locator[64];
};

struct smbios_info {
	struct smbios_array arrays[SMBIOS_MAX_ARRAYS];
	size_t array_count;
	struct smbios_device devices[SMBIOS_MAX_DEVICES];
	size_t device_count;
	size_t structures;
	char bios_vendor[64], sys_vendor[64], product[64];
};

/* 0, or -1 with a message naming the offset when the table is truncated or
 * corrupt. */
int smbios_parse(const uint8_t *buf, size_t len, struct smbios_info *info,
		 struct sb_error *err);

/* Name of a type 16 error-correction value ("Multi-bit ECC"). */
const char *smbios_ecc_name(uint8_t value);
const char *smbios_use_name(uint8_t value);

/* What the table claims about ECC for system memory: "yes", "no" or
 * "unknown", with the evidence in words. */
const char *smbios_ecc_claim(const struct smbios_info *info, char *evidence, size_t size);

#endif
