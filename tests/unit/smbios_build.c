/*
 * smbios_build.c - SMBIOS tables for the tests, built structure by structure
 * the way firmware lays them out (header, formatted area, strings, "\0\0").
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

struct sb_buf { uint8_t *p; size_t size, len; };

static void put(struct sb_buf *b, const void *data, size_t n)
{
	if (b->len + n <= b->size)
		memcpy(b->p + b->len, data, n);
	b->len += n;
}

/* One structure: formatted area `f` of `flen` bytes (header included), then
 * the strings, each NUL-terminated, then the final NUL. */
static void structure(struct sb_buf *b, uint8_t *f, uint8_t flen, const char *const *strings)
{
	f[1] = flen;
	put(b, f, flen);
	if (!strings || !strings[0]) {
		put(b, "\0\0", 2);
		return;
	}
	for (; *strings; strings++)
		put(b, *strings, strlen(*strings) + 1);
	put(b, "", 1);
}

static void type1(struct sb_buf *b, const char *maker, const char *product)
{
	uint8_t f[0x1b] = { 1, 0, 0x01, 0x00, 1, 2 };
	const char *s[] = { maker, product, NULL };

	structure(b, f, sizeof(f), s);
}

static void type16(struct sb_buf *b, uint16_t handle, uint8_t ecc, uint16_t devices)
{
	uint8_t f[0x17] = { 16, 0, (uint8_t)handle, (uint8_t)(handle >> 8), 0x03, 0x03, ecc };

	f[0x0d] = (uint8_t)devices;
	f[0x0e] = (uint8_t)(devices >> 8);
	structure(b, f, sizeof(f), NULL);
}

static void type17(struct sb_buf *b, uint16_t handle, uint16_t array, uint16_t total,
		   uint16_t data, uint16_t size_mb, const char *locator)
{
	uint8_t f[0x28] = { 17, 0, (uint8_t)handle, (uint8_t)(handle >> 8),
			    (uint8_t)array, (uint8_t)(array >> 8), 0xfe, 0xff,
			    (uint8_t)total, (uint8_t)(total >> 8), (uint8_t)data, (uint8_t)(data >> 8),
			    (uint8_t)size_mb, (uint8_t)(size_mb >> 8), 0x09, 0, 1, 0, 0x1a };
	const char *s[] = { locator, NULL };

	if (size_mb >= 0x7fff) {  /* 32 GiB and up: the extended size field */
		f[0x0c] = 0xff;
		f[0x0d] = 0x7f;
		f[0x1c] = (uint8_t)size_mb;
		f[0x1d] = (uint8_t)(size_mb >> 8);
	}
	structure(b, f, sizeof(f), s);
}

size_t smbios_build(enum smbios_kind kind, uint8_t *buf, size_t size)
{
	struct sb_buf b = { buf, size, 0 };
	uint8_t end[4] = { 127, 4, 0xff, 0xfe };
	size_t full;

	switch (kind) {
	case SMBIOS_ECC:
	case SMBIOS_TRUNCATED:
		type1(&b, "Supermicro", "AS -1114S-WN10RT");
		type16(&b, 0x1000, 0x06, 4);
		for (int i = 0; i < 4; i++) {
			char loc[16];

			snprintf(loc, sizeof(loc), "DIMMA%d", i + 1);
			type17(&b, (uint16_t)(0x1100 + i), 0x1000, 72, 64, 32768, loc);
		}
		break;
	case SMBIOS_NO_ECC:
		type1(&b, "ASUS", "PRIME X570-PRO");
		type16(&b, 0x1000, 0x03, 2);
		type17(&b, 0x1100, 0x1000, 64, 64, 16384, "DIMM_A1");
		type17(&b, 0x1101, 0x1000, 64, 64, 16384, "DIMM_B1");
		break;
	case SMBIOS_QEMU:
		type1(&b, "QEMU", "Standard PC (Q35 + ICH9, 2009)");
		type16(&b, 0x1000, 0x06, 1);
		type17(&b, 0x1100, 0x1000, 0xffff, 0xffff, 4096, "DIMM 0");
		break;
	case SMBIOS_WIDTHS_ONLY:
		type1(&b, "Dell Inc.", "PowerEdge R6515");
		type16(&b, 0x1000, 0x02, 2);
		type17(&b, 0x1100, 0x1000, 72, 64, 16384, "A1");
		type17(&b, 0x1101, 0x1000, 72, 64, 0, "A2");
		break;
	}
	structure(&b, end, 4, NULL);
	full = b.len;
	if (kind == SMBIOS_TRUNCATED)
		return full - 40;  /* cut inside the last memory device */
	return full;
}

int smbios_write_all(const char *dir)
{
	static const struct { enum smbios_kind kind; const char *name; } files[] = {
		{ SMBIOS_ECC, "smbios-ecc.bin" }, { SMBIOS_NO_ECC, "smbios-no-ecc.bin" },
		{ SMBIOS_QEMU, "smbios-qemu.bin" }, { SMBIOS_WIDTHS_ONLY, "smbios-widths.bin" },
		{ SMBIOS_TRUNCATED, "smbios-truncated.bin" },
	};
	uint8_t buf[4096];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];
		size_t n = smbios_build(files[i].kind, buf, sizeof(buf));
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, n, f) != n || fclose(f)) {
			perror(path);
			return -1;
		}
	}
	return 0;
}
