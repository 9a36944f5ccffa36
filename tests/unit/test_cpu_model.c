/* test_cpu_model.c - line and generation from signature and brand. */
#include <string.h>

#include "probes/cpu_model.h"
#include "probes/hypervisor.h"
#include "harness.h"

struct case_ {
	const char *vendor;
	int family, model, stepping;
	const char *brand;
	const char *line;
	int generation;
	const char *gen_name;
	const char *model_number;
	bool note;
};

static const struct case_ cases[] = {
	{ "AMD", 0x17, 0x31, 0, "AMD EPYC 7502P 32-Core Processor", "EPYC", 2, "Rome", "7502P", false },
	{ "AMD", 0x17, 0x31, 0, "AMD EPYC 7302P 16-Core Processor", "EPYC", 2, "Rome", "7302P", false },
	{ "AMD", 0x19, 0x01, 1, "AMD EPYC", "EPYC", 3, "Milan", "", false },
	{ "AMD", 0x19, 0x01, 1, "AMD EPYC 7763 64-Core Processor", "EPYC", 3, "Milan", "7763", false },
	{ "AMD", 0x19, 0x11, 1, "AMD EPYC 9654 96-Core Processor", "EPYC", 4, "Genoa", "9654", false },
	{ "AMD", 0x19, 0x11, 1, "AMD EPYC", "EPYC", 4, "Genoa", "", false },
	{ "AMD", 0x19, 0xa0, 2, "AMD EPYC 9754 128-Core Processor", "EPYC", 4, "Bergamo/Siena", "9754", false },
	{ "AMD", 0x1a, 0x02, 1, "AMD EPYC 9755 128-Core Processor", "EPYC", 5, "Turin", "9755", false },
	{ "AMD", 0x17, 0x01, 2, "AMD EPYC 7551P 32-Core Processor", "EPYC", 1, "Naples", "7551P", false },
	{ "AMD", 0x17, 0x01, 1, "AMD Ryzen 7 1700X Eight-Core Processor", "Ryzen", 0, NULL, "", false },
	{ "AMD", 0x19, 0x21, 0, "AMD Ryzen 9 5950X 16-Core Processor", "Ryzen", 0, NULL, "", false },
	{ "AMD", 0x17, 0x31, 0, "AMD Ryzen Threadripper 3970X 32-Core Processor", "Ryzen Threadripper", 0, NULL, "", false },
	/* brand and signature disagree: the signature wins, the note says so */
	{ "AMD", 0x17, 0x31, 0, "AMD EPYC 7763 64-Core Processor", "EPYC", 2, "Rome", "7763", true },
	/* unknown signature: the brand's model number decides */
	{ "AMD", 0x19, 0x0f, 0, "AMD EPYC 7413 24-Core Processor", "EPYC", 3, "Milan", "7413", false },
	{ "Intel", 6, 0x55, 7, "Intel(R) Xeon(R) Gold 6230R CPU @ 2.10GHz", "Xeon Gold", 2, "Cascade Lake", "6230R", false },
	{ "Intel", 6, 0x55, 4, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", "Xeon Gold", 1, "Skylake-SP", "6130", false },
	{ "Intel", 6, 0x55, 7, "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz", "Xeon Silver", 2, "Cascade Lake", "4214", false },
	{ "Intel", 6, 0x55, 7, "Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz", "Xeon Platinum", 2, "Cascade Lake", "8275CL", false },
	{ "Intel", 6, 0x55, 4, "Intel(R) Xeon(R) Bronze 3106 CPU @ 1.70GHz", "Xeon Bronze", 1, "Skylake-SP", "3106", false },
	{ "Intel", 6, 0x6a, 6, "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "Xeon Gold", 3, "Ice Lake-SP", "6338", false },
	{ "Intel", 6, 0x8f, 8, "Intel(R) Xeon(R) Gold 6430", "Xeon Gold", 4, "Sapphire Rapids", "6430", false },
	{ "Intel", 6, 0xcf, 2, "INTEL(R) XEON(R) GOLD 6548Y+", "Xeon Gold", 5, "Emerald Rapids", "6548Y", false },
	{ "Intel", 6, 0x55, 6, "Intel Xeon Processor (Cascadelake)", "Xeon", 2, "Cascade Lake", "", false },
	{ "Intel", 6, 0x55, 7, "Intel(R) Xeon(R) CPU @ 2.20GHz", "Xeon", 2, "Cascade Lake", "", false },
	{ "Intel", 6, 0x55, 4, "Intel(R) Xeon(R) D-2146NT CPU @ 2.30GHz", "Xeon D", 0, NULL, "", false },
	{ "Intel", 6, 0x56, 3, "Intel(R) Xeon(R) CPU D-1541 @ 2.10GHz", "Xeon D", 0, NULL, "", false },
	{ "Intel", 6, 0x4f, 1, "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz", "Xeon", 0, NULL, "", false },
	{ "Intel", 6, 0x9e, 10, "Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", "Core", 0, NULL, "", false },
	{ "Hygon", 0x18, 0x01, 1, "Hygon C86 7185 32-core Processor", NULL, 0, NULL, "", false },
};

void suite_cpu_model(struct t *t)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct case_ *c = &cases[i];
		struct cpu_class cls;

		cpu_classify(c->vendor, c->family, c->model, c->stepping, c->brand, &cls);
		CHECK_STR(t, cls.line, c->line);
		CHECK_INT(t, cls.generation, c->generation);
		CHECK_STR(t, cls.generation_name, c->gen_name);
		CHECK_STR(t, cls.model_number, c->model_number);
		CHECK_INT(t, cls.note[0] != '\0', c->note);
	}
	CHECK_INT(t, brand_clock_mhz("Intel(R) Xeon(R) Gold 6230R CPU @ 2.10GHz"), 2100);
	CHECK_INT(t, brand_clock_mhz("AMD EPYC 7502P 32-Core Processor"), 0);
	CHECK_INT(t, brand_clock_mhz("Weird @ 99GHz"), 0);
	CHECK_INT(t, epyc_clock_lookup("7502P")->base_mhz, 2500);
	CHECK_INT(t, epyc_clock_lookup("7302P")->boost_mhz, 3300);
	CHECK(t, epyc_clock_lookup("1234") == NULL);

	/* one hypervisor table for the cpu and memory probes (issue 11) */
	CHECK_STR(t, hypervisor_by_signature("KVMKVMKVM\0\0\0"), "KVM");
	CHECK_STR(t, hypervisor_by_signature("bhyve bhyve "), "bhyve");
	CHECK_STR(t, hypervisor_by_signature("Microsoft Hv"), "Hyper-V");
	CHECK(t, hypervisor_by_signature("AuthenticAMD") == NULL);
	CHECK_STR(t, hypervisor_by_maker("QEMU Standard PC (Q35 + ICH9, 2009)"), "KVM");
	CHECK_STR(t, hypervisor_by_maker("BHYVE"), "bhyve");
	CHECK(t, hypervisor_by_maker("Supermicro") == NULL);
	CHECK(t, hypervisor_by_maker(NULL) == NULL);
}
