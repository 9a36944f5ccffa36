/* test_smbios.c - the SMBIOS parser and its ECC claim. */
#include <stdlib.h>
#include <string.h>

#include "probes/smbios.h"
#include "harness.h"

static const char *claim_of(struct t *t, enum smbios_kind kind, struct smbios_info *info)
{
	static char evidence[256];
	uint8_t buf[4096];
	struct sb_error why = { 0, 0, "", NULL };
	size_t n = smbios_build(kind, buf, sizeof(buf));

	CHECK(t, smbios_parse(buf, n, info, &why) == 0);
	return smbios_ecc_claim(info, evidence, sizeof(evidence));
}

void suite_smbios(struct t *t)
{
	static struct smbios_info info;
	uint8_t buf[4096];
	char ev[256];
	struct sb_error why = { 0, 0, "", NULL };
	size_t n;

	CHECK_STR(t, claim_of(t, SMBIOS_ECC, &info), "yes");
	CHECK_INT(t, info.array_count, 1);
	CHECK_INT(t, info.device_count, 4);
	CHECK_INT(t, info.devices[0].total_width, 72);
	CHECK_INT(t, info.devices[0].data_width, 64);
	CHECK_INT(t, info.devices[3].size_bytes, 32768ull << 20);
	CHECK_STR(t, info.devices[3].locator, "DIMMA4");
	CHECK_STR(t, info.sys_vendor, "Supermicro");
	CHECK_STR(t, smbios_ecc_name(info.arrays[0].error_correction), "Multi-bit ECC");

	CHECK_STR(t, claim_of(t, SMBIOS_NO_ECC, &info), "no");
	CHECK_STR(t, claim_of(t, SMBIOS_QEMU, &info), "yes");
	CHECK_STR(t, info.sys_vendor, "QEMU");
	CHECK_STR(t, info.product, "Standard PC (Q35 + ICH9, 2009)");
	/* array says "Unknown": the 72/64-bit widths decide; empty slot ignored */
	CHECK_STR(t, claim_of(t, SMBIOS_WIDTHS_ONLY, &info), "yes");
	smbios_ecc_claim(&info, ev, sizeof(ev));
	CHECK_STR(t, ev, "type 16: Unknown; 1 installed device(s), 72-bit total / 64-bit data width");

	/* truncated: an error naming the offset, never a read past the end */
	n = smbios_build(SMBIOS_TRUNCATED, buf, sizeof(buf));
	CHECK(t, smbios_parse(buf, n, &info, &why) == -1);
	CHECK(t, strstr(why.msg, "truncated") != NULL);
	CHECK(t, strstr(why.msg, "offset") != NULL);
	/* every prefix of a good table is either parsed or refused, never overrun
	 * (ASan watches this loop) */
	n = smbios_build(SMBIOS_ECC, buf, sizeof(buf));
	for (size_t cut = 0; cut < n; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);

		memcpy(copy, buf, cut);
		if (smbios_parse(copy, cut, &info, &why) == 0)
			CHECK(t, info.structures > 0);
		free(copy);
	}
	/* a structure claiming length 2 is corrupt */
	memcpy(buf, (uint8_t[]){ 16, 2, 0, 0, 0, 0 }, 6);
	CHECK(t, smbios_parse(buf, 6, &info, &why) == -1);
	CHECK(t, strstr(why.msg, "corrupt") != NULL);
	CHECK(t, smbios_parse(buf, 0, &info, &why) == -1);
	CHECK_STR(t, why.msg, "empty: no SMBIOS structures");
}
