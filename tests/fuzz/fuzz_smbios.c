/* fuzz_smbios.c - the SMBIOS/DMI table, types 16 and 17 (probes/smbios.c). */
#include "probes/smbios.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smbios_info info;
	struct sb_error why = { 0, 0, "", NULL };

	smbios_parse(data, size, &info, &why);
	return 0;
}
