/* test_cpuinfo.c - /proc/cpuinfo parsing and its CPUID reconstruction. */
#include <stdlib.h>
#include <string.h>
#include <libcpuid.h>

#include "probes/cpuinfo.h"
#include "harness.h"

void suite_cpuinfo(struct t *t)
{
	char *text = t_read(t, "fixtures/kvm-epyc-milan-2vcpu/proc/cpuinfo");
	struct sb_error why = { 0, 0, "", NULL };
	struct cpuinfo ci;
	struct cpu_raw_data_t raw;
	struct cpu_id_t id;

	CHECK(t, cpuinfo_parse(text, &ci, &why));
	CHECK_INT(t, ci.processors, 2);
	CHECK_STR(t, ci.vendor_id, "AuthenticAMD");
	CHECK_INT(t, ci.family, 25);
	CHECK_INT(t, ci.model, 1);
	CHECK_INT(t, ci.stepping, 1);
	CHECK_STR(t, ci.model_name, "AMD EPYC");
	CHECK(t, ci.mhz > 2445 && ci.mhz < 2446);
	CHECK_INT(t, ci.siblings, 2);
	CHECK_INT(t, ci.cores, 2);
	CHECK(t, ci.hypervisor_flag);
	free(text);

	/* the reconstructed CPUID identifies like the real one */
	CHECK(t, cpuinfo_to_raw(&ci, &raw));
	CHECK(t, cpu_identify(&raw, &id) == 0);
	CHECK_STR(t, id.vendor_str, "AuthenticAMD");
	CHECK_STR(t, id.brand_str, "AMD EPYC");
	CHECK_INT(t, id.ext_family, 25);
	CHECK_INT(t, id.ext_model, 1);
	CHECK_INT(t, id.stepping, 1);
	CHECK(t, id.flags[CPU_FEATURE_HYPERVISOR]);

	/* Intel: family 6 keeps the base family, the model is extended */
	CHECK(t, cpuinfo_parse("processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n"
			       "model\t\t: 85\nmodel name\t: Intel(R) Xeon(R) Gold 6230R CPU @ 2.10GHz\n"
			       "stepping\t: 7\nflags\t\t: fpu sse\n", &ci, &why));
	CHECK(t, !ci.hypervisor_flag);
	CHECK(t, cpuinfo_to_raw(&ci, &raw));
	CHECK(t, cpu_identify(&raw, &id) == 0);
	CHECK_INT(t, id.ext_model, 85);
	CHECK_INT(t, id.ext_family, 6);
	CHECK_STR(t, id.brand_str, "Intel(R) Xeon(R) Gold 6230R CPU @ 2.10GHz");

	/* not a cpuinfo; one without vendor cannot be turned into CPUID */
	CHECK(t, !cpuinfo_parse("hello world\n", &ci, &why));
	CHECK_STR(t, why.msg, "no \"processor\" entries");
	CHECK(t, cpuinfo_parse("processor : 0\nmodel name : x\n", &ci, &why));
	CHECK(t, !cpuinfo_to_raw(&ci, &raw));
}
