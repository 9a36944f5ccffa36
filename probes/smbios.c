/*
 * smbios.c - parse the SMBIOS structure table; see smbios.h.
 *
 * Every structure is a 4-byte header (type, formatted length, handle), the
 * formatted area, then a string set ended by a double NUL.  Each bound is
 * checked before it is read: a table cut short or with a bad length is
 * reported with the offset where it went wrong, never read past.
 */
#include <stdio.h>
#include <string.h>

#include "smbios.h"

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* String number `index` (1-based) of a structure; "" when absent. */
static void get_string(const uint8_t *strings, const uint8_t *end, uint8_t index,
		       char *buf, size_t size)
{
	const uint8_t *p = strings;

	buf[0] = '\0';
	if (index == 0)
		return;
	for (uint8_t i = 1; p < end && *p; i++) {
		size_t n = strnlen((const char *)p, (size_t)(end - p));

		if (i == index) {
			snprintf(buf, size, "%.*s", (int)n, (const char *)p);
			return;
		}
		p += n + 1;
	}
}

static void parse_array(const uint8_t *s, uint8_t len, struct smbios_info *info)
{
	struct smbios_array *a;

	if (len < 0x0f || info->array_count >= SMBIOS_MAX_ARRAYS)
		return;
	a = &info->arrays[info->array_count++];
	a->handle = le16(s + 2);
	a->use = s[0x05];
	a->error_correction = s[0x06];
	a->device_count = le16(s + 0x0d);
}

static void parse_device(const uint8_t *s, uint8_t len, const uint8_t *strings,
			 const uint8_t *end, struct smbios_info *info)
{
	struct smbios_device *d;
	uint16_t size;

	if (len < 0x15 || info->device_count >= SMBIOS_MAX_DEVICES)
		return;
	d = &info->devices[info->device_count++];
	memset(d, 0, sizeof(*d));
	d->handle = le16(s + 2);
	d->array_handle = le16(s + 0x04);
	d->total_width = le16(s + 0x08);
	d->data_width = le16(s + 0x0a);
	size = le16(s + 0x0c);
	d->size_known = size != 0xffff;
	if (size == 0x7fff && len >= 0x20)
		d->size_bytes = (uint64_t)(le32(s + 0x1c) & 0x7fffffff) << 20;
	else if (size != 0xffff)
		d->size_bytes = (size & 0x8000) ? (uint64_t)(size & 0x7fff) << 10
						: (uint64_t)size << 20;
	get_string(strings, end, s[0x10], d->locator, sizeof(d->locator));
}

int smbios_parse(const uint8_t *buf, size_t len, struct smbios_info *info,
		 struct sb_error *err)
{
	size_t off = 0;

	memset(info, 0, sizeof(*info));
	while (off < len) {
		const uint8_t *s = buf + off, *strings, *p, *end = buf + len;
		uint8_t type, slen;

		if (len - off < 4) {
			sb_fail(err, SB_EXIT_USAGE, "truncated: structure header at offset %zu runs past the end (%zu bytes)",
				 off, len);
			return -1;
		}
		type = s[0];
		slen = s[1];
		if (slen < 4) {
			sb_fail(err, SB_EXIT_USAGE, "corrupt: structure type %u at offset %zu has length %u (< 4)",
				 type, off, slen);
			return -1;
		}
		if (slen > len - off) {
			sb_fail(err, SB_EXIT_USAGE, "truncated: structure type %u at offset %zu (length %u) runs past the end (%zu bytes)",
				 type, off, slen, len);
			return -1;
		}
		strings = s + slen;
		/* the string set ends at the first double NUL */
		for (p = strings; p + 1 < end && !(p[0] == 0 && p[1] == 0); p++)
			;
		if (p + 1 >= end) {
			sb_fail(err, SB_EXIT_USAGE, "truncated: strings of structure type %u at offset %zu are not terminated",
				 type, off);
			return -1;
		}
		info->structures++;
		switch (type) {
		case 0:
			if (slen >= 0x05)
				get_string(strings, end, s[0x04], info->bios_vendor, sizeof(info->bios_vendor));
			break;
		case 1:
			if (slen >= 0x06) {
				get_string(strings, end, s[0x04], info->sys_vendor, sizeof(info->sys_vendor));
				get_string(strings, end, s[0x05], info->product, sizeof(info->product));
			}
			break;
		case 16:
			parse_array(s, slen, info);
			break;
		case 17:
			parse_device(s, slen, strings, end, info);
			break;
		default:
			break;
		}
		off = (size_t)(p + 2 - buf);
		if (type == 127)
			break;
	}
	if (info->structures == 0) {
		sb_fail(err, SB_EXIT_USAGE, "empty: no SMBIOS structures");
		return -1;
	}
	return 0;
}

const char *smbios_ecc_name(uint8_t value)
{
	static const char *const names[] = {
		NULL, "Other", "Unknown", "None", "Parity", "Single-bit ECC",
		"Multi-bit ECC", "CRC",
	};

	return value < sizeof(names) / sizeof(names[0]) && names[value] ? names[value] : "invalid";
}

const char *smbios_use_name(uint8_t value)
{
	static const char *const names[] = {
		NULL, "Other", "Unknown", "System memory", "Video memory", "Flash memory",
		"Non-volatile RAM", "Cache memory",
	};

	return value < sizeof(names) / sizeof(names[0]) && names[value] ? names[value] : "invalid";
}

static const struct smbios_array *find_array(const struct smbios_info *info, uint16_t handle)
{
	for (size_t i = 0; i < info->array_count; i++)
		if (info->arrays[i].handle == handle)
			return &info->arrays[i];
	return NULL;
}

const char *smbios_ecc_claim(const struct smbios_info *info, char *evidence, size_t size)
{
	size_t sys = 0, yes = 0, no = 0, dev = 0, wide = 0, narrow = 0;
	uint16_t tw = 0, dw = 0;
	uint8_t first_ec = 0;
	const char *claim;

	for (size_t i = 0; i < info->array_count; i++) {
		uint8_t ec = info->arrays[i].error_correction;

		if (info->arrays[i].use != SMBIOS_USE_SYSTEM_MEMORY)
			continue;
		if (!sys++)
			first_ec = ec;
		if (ec >= 0x05 && ec <= 0x07)
			yes++;
		else if (ec == 0x03 || ec == 0x04)
			no++;
	}
	for (size_t i = 0; i < info->device_count; i++) {
		const struct smbios_device *d = &info->devices[i];
		const struct smbios_array *a = find_array(info, d->array_handle);

		if (!a || a->use != SMBIOS_USE_SYSTEM_MEMORY || !d->size_bytes)
			continue;
		dev++;
		if (d->total_width == 0xffff || d->data_width == 0xffff || !d->total_width)
			continue;
		tw = d->total_width;
		dw = d->data_width;
		if (d->total_width > d->data_width)
			wide++;
		else
			narrow++;
	}
	if (sys == 0) {
		snprintf(evidence, size, "no type 16 array used as system memory");
		return "unknown";
	}
	if (no)
		claim = "no";
	else if (yes == sys)
		claim = "yes";
	else if (wide && !narrow)
		claim = "yes";
	else if (narrow && !wide)
		claim = "no";
	else
		claim = "unknown";
	if (dev && (wide || narrow))
		snprintf(evidence, size, "type 16: %s; %zu installed device(s), %u-bit total / %u-bit data width",
			 smbios_ecc_name(first_ec), dev, tw, dw);
	else
		snprintf(evidence, size, "type 16: %s; %zu installed device(s), widths unknown",
			 smbios_ecc_name(first_ec), dev);
	return claim;
}
