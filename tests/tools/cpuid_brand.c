/*
 * cpuid_brand.c - what CPUID says from user space, read with the compiler's
 * <cpuid.h> and not with libcpuid, so the CLI tests can compare specbench's
 * probe.cpu.brand and hypervisor signature with a second reader of the same
 * source (lscpu reads the kernel's model name, which a PVM or nested guest
 * can show differently).
 *   cpuid_brand brand        the brand string, trimmed ("" when absent)
 *   cpuid_brand hypervisor   leaf 0x40000000's 12-byte signature, or "-"
 */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>

static void brand(void)
{
	unsigned regs[12] = { 0 }, max = __get_cpuid_max(0x80000000, NULL);
	char s[49];
	size_t len;
	const char *p = s;

	if (max >= 0x80000004)
		for (unsigned i = 0; i < 3; i++)
			__cpuid(0x80000002 + i, regs[4 * i], regs[4 * i + 1], regs[4 * i + 2], regs[4 * i + 3]);
	memcpy(s, regs, 48);
	s[48] = '\0';
	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	printf("%.*s\n", (int)len, p);
}

static void hypervisor(void)
{
	unsigned a, b, c, d;
	char sig[13];

	__cpuid(1, a, b, c, d);
	if (!(c & (1u << 31))) {
		puts("-");
		return;
	}
	__cpuid(0x40000000, a, b, c, d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	sig[12] = '\0';
	printf("%s\n", a >= 0x40000000 ? sig : "-");
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "brand"))
		brand();
	else if (argc == 2 && !strcmp(argv[1], "hypervisor"))
		hypervisor();
	else {
		fprintf(stderr, "usage: cpuid_brand brand|hypervisor\n");
		return 2;
	}
	return 0;
}
