/* cpuinfo.c - see cpuinfo.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cpuinfo.h"

/* "key\t\t: value" -> key and value, both trimmed; false for other lines. */
static bool split_kv(char *line, char **key, char **value)
{
	char *colon = strchr(line, ':');

	if (!colon)
		return false;
	*colon = '\0';
	*key = trim(line);
	*value = trim(colon + 1);
	return true;
}

static int parse_int(const char *s)
{
	uint64_t v;

	return parse_u64(s, &v) && v < 100000 ? (int)v : -1;
}

bool cpuinfo_parse(const char *text, struct cpuinfo *ci, struct sb_error *err)
{
	char *copy = strdup(text), *cursor = copy, *line, *key, *value;
	int block = -1;

	memset(ci, 0, sizeof(*ci));
	ci->family = ci->model = ci->stepping = -1;
	if (!copy) {
		sb_fail(err, SB_EXIT_USAGE, "out of memory");
		return false;
	}
	while ((line = next_line(&cursor))) {
		if (!split_kv(line, &key, &value))
			continue;
		if (!strcmp(key, "processor")) {
			ci->processors++;
			block++;
			continue;
		}
		if (block > 0)
			continue;  /* facts of the first processor stand for all */
		if (!strcmp(key, "vendor_id"))
			snprintf(ci->vendor_id, sizeof(ci->vendor_id), "%s", value);
		else if (!strcmp(key, "cpu family"))
			ci->family = parse_int(value);
		else if (!strcmp(key, "model"))
			ci->model = parse_int(value);
		else if (!strcmp(key, "stepping"))
			ci->stepping = parse_int(value);
		else if (!strcmp(key, "model name"))
			snprintf(ci->model_name, sizeof(ci->model_name), "%s", value);
		else if (!strcmp(key, "cpu MHz"))
			ci->mhz = atof(value);
		else if (!strcmp(key, "siblings"))
			ci->siblings = parse_int(value) > 0 ? parse_int(value) : 0;
		else if (!strcmp(key, "cpu cores"))
			ci->cores = parse_int(value) > 0 ? parse_int(value) : 0;
		else if (!strcmp(key, "flags")) {
			char *save = NULL;

			ci->have_flags = true;
			snprintf(ci->flags, sizeof(ci->flags), "%s", value);
			for (char *f = strtok_r(value, " ", &save); f; f = strtok_r(NULL, " ", &save))
				if (!strcmp(f, "hypervisor"))
					ci->hypervisor_flag = true;
		}
	}
	free(copy);
	if (ci->processors == 0) {
		sb_fail(err, SB_EXIT_USAGE, "no \"processor\" entries");
		return false;
	}
	return true;
}

static void put_string_regs(uint32_t regs[4], const char *s, const int order[4])
{
	for (int r = 0; r < 4; r++) {
		uint32_t v = 0;

		for (int b = 0; b < 4; b++) {
			unsigned char c = (unsigned char)s[r * 4 + b];

			v |= (uint32_t)c << (8 * b);
		}
		regs[order[r]] = v;
	}
}

bool cpuinfo_to_raw(const struct cpuinfo *ci, struct cpu_raw_data_t *raw)
{
	/* leaf 0 holds the vendor in EBX, EDX, ECX; the brand leaves in EAX..EDX */
	static const int vendor_order[4] = { 1, 3, 2, 0 };
	static const int brand_order[4] = { 0, 1, 2, 3 };
	char vendor[17] = { 0 }, brand[49] = { 0 };
	uint32_t sig, fam = 0, ext_fam = 0, mod, ext_mod;

	if (!ci->vendor_id[0] || ci->family < 0 || ci->model < 0)
		return false;
	memset(raw, 0, sizeof(*raw));
	memcpy(vendor, ci->vendor_id, strnlen(ci->vendor_id, 12));
	put_string_regs(raw->basic_cpuid[0], vendor, vendor_order);
	raw->basic_cpuid[0][0] = 1;
	if (ci->family >= 15) {
		fam = 15;
		ext_fam = (uint32_t)ci->family - 15;
	} else {
		fam = (uint32_t)ci->family;
	}
	mod = (uint32_t)ci->model & 0xf;
	ext_mod = ((uint32_t)ci->model >> 4) & 0xf;
	sig = (uint32_t)(ci->stepping < 0 ? 0 : ci->stepping & 0xf) | mod << 4 | fam << 8 |
	      ext_mod << 16 | ext_fam << 20;
	raw->basic_cpuid[1][0] = sig;
	if (ci->hypervisor_flag)
		raw->basic_cpuid[1][2] |= 1u << 31;
	memcpy(brand, ci->model_name, strnlen(ci->model_name, 48));
	raw->ext_cpuid[0][0] = 0x80000004;
	for (int leaf = 0; leaf < 3; leaf++)
		put_string_regs(raw->ext_cpuid[2 + leaf], brand + leaf * 16, brand_order);
	return true;
}
