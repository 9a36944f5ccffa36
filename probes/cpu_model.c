/*
 * cpu_model.c - product line and generation from family/model/stepping and
 * the brand string; see cpu_model.h for why libcpuid's codename is not used.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu_model.h"

struct gen_range {
	const char *vendor;
	int family, model_lo, model_hi, step_lo, step_hi;
	int generation;
	const char *name;
	const char *line;  /* the line these models belong to */
};

/* Server generations by signature.  Family 17h model 01h is both Naples and
 * desktop Summit Ridge; it counts as Naples only when the brand says EPYC. */
static const struct gen_range gen_table[] = {
	{ "AMD", 0x17, 0x01, 0x01, 0, 15, 1, "Naples", NULL },
	{ "AMD", 0x17, 0x30, 0x3f, 0, 15, 2, "Rome", "EPYC" },
	{ "AMD", 0x19, 0x00, 0x0f, 0, 15, 3, "Milan", "EPYC" },
	{ "AMD", 0x19, 0x10, 0x1f, 0, 15, 4, "Genoa", "EPYC" },
	{ "AMD", 0x19, 0xa0, 0xaf, 0, 15, 4, "Bergamo/Siena", "EPYC" },
	{ "AMD", 0x1a, 0x00, 0x1f, 0, 15, 5, "Turin", "EPYC" },
	{ "Intel", 6, 0x55, 0x55, 0, 4, 1, "Skylake-SP", NULL },
	{ "Intel", 6, 0x55, 0x55, 5, 7, 2, "Cascade Lake", NULL },
	{ "Intel", 6, 0x55, 0x55, 10, 11, 3, "Cooper Lake", NULL },
	{ "Intel", 6, 0x6a, 0x6a, 0, 15, 3, "Ice Lake-SP", NULL },
	{ "Intel", 6, 0x6c, 0x6c, 0, 15, 3, "Ice Lake-SP", NULL },
	{ "Intel", 6, 0x8f, 0x8f, 0, 15, 4, "Sapphire Rapids", NULL },
	{ "Intel", 6, 0xcf, 0xcf, 0, 15, 5, "Emerald Rapids", NULL },
	{ "Intel", 6, 0xad, 0xad, 0, 15, 6, "Granite Rapids", NULL },
	{ "Intel", 6, 0xaf, 0xaf, 0, 15, 6, "Sierra Forest", NULL },
};

static const char *const epyc_gen_names[] = {
	NULL, "Naples", "Rome", "Milan", "Genoa", "Turin",
};
static const char *const xeon_gen_names[] = {
	NULL, "Skylake-SP", "Cascade Lake", "Ice Lake-SP/Cooper Lake",
	"Sapphire Rapids", "Emerald Rapids", "Granite Rapids",
};

static const struct epyc_clock epyc_clocks[] = {
	/* Rome (7xx2) */
	{ "7232P", 3100, 3200 }, { "7252", 3100, 3200 }, { "7262", 3200, 3400 },
	{ "7272", 2900, 3200 }, { "7282", 2800, 3200 }, { "7302", 3000, 3300 },
	{ "7302P", 3000, 3300 }, { "7352", 2300, 3200 }, { "7402", 2800, 3350 },
	{ "7402P", 2800, 3350 }, { "7452", 2350, 3350 }, { "7502", 2500, 3350 },
	{ "7502P", 2500, 3350 }, { "7532", 2400, 3300 }, { "7542", 2900, 3400 },
	{ "7552", 2200, 3300 }, { "7642", 2300, 3300 }, { "7662", 2000, 3300 },
	{ "7702", 2000, 3350 }, { "7702P", 2000, 3350 }, { "7742", 2250, 3400 },
	{ "7F32", 3700, 3900 }, { "7F52", 3500, 3900 }, { "7F72", 3200, 3700 },
	{ "7H12", 2600, 3300 },
	/* Milan (7xx3) */
	{ "7313", 3000, 3700 }, { "7343", 3200, 3900 }, { "7413", 2650, 3600 },
	{ "7443", 2850, 4000 }, { "7513", 2600, 3650 }, { "7543", 2800, 3700 },
	{ "7643", 2300, 3600 }, { "7713", 2000, 3675 }, { "7763", 2450, 3500 },
	/* Genoa (9xx4) */
	{ "9124", 3000, 3700 }, { "9254", 2900, 4150 }, { "9354", 3250, 3800 },
	{ "9454", 2750, 3800 }, { "9554", 3100, 3750 }, { "9654", 2400, 3700 },
};

const struct epyc_clock *epyc_clock_lookup(const char *model_number)
{
	for (size_t i = 0; i < sizeof(epyc_clocks) / sizeof(epyc_clocks[0]); i++)
		if (!strcmp(epyc_clocks[i].sku, model_number))
			return &epyc_clocks[i];
	return NULL;
}

int brand_clock_mhz(const char *brand)
{
	const char *at = brand ? strchr(brand, '@') : NULL;
	char *end;
	double ghz;

	if (!at)
		return 0;
	ghz = strtod(at + 1, &end);
	while (*end == ' ')
		end++;
	if (ghz <= 0 || ghz > 10)
		return 0;
	if (!strncmp(end, "GHz", 3))
		return (int)(ghz * 1000 + 0.5);
	return 0;
}

/* strstr ignoring case: Emerald Rapids brands are upper case
 * ("INTEL(R) XEON(R) GOLD 6548Y+"). */
static const char *ci_find(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncasecmp(s, needle, n))
			return s;
	return NULL;
}

/* Copy the word after `key` (letters and digits) into buf; false when the
 * key is absent or no word follows. */
static int word_after(const char *s, const char *key, char *buf, size_t size)
{
	const char *p = ci_find(s, key);
	size_t n = 0;

	if (!p)
		return 0;
	p += strlen(key);
	while (*p == ' ')
		p++;
	while (isalnum((unsigned char)p[n]) && n + 1 < size) {
		buf[n] = p[n];
		n++;
	}
	buf[n] = '\0';
	return n > 0;
}

static const struct gen_range *gen_by_signature(const char *vendor, int family,
						int model, int stepping)
{
	for (size_t i = 0; i < sizeof(gen_table) / sizeof(gen_table[0]); i++) {
		const struct gen_range *g = &gen_table[i];

		if (!strcmp(g->vendor, vendor) && g->family == family &&
		    model >= g->model_lo && model <= g->model_hi &&
		    stepping >= g->step_lo && stepping <= g->step_hi)
			return g;
	}
	return NULL;
}

static void classify_amd(int family, int model, int stepping, const char *brand,
			 struct cpu_class *c)
{
	const struct gen_range *g = gen_by_signature("AMD", family, model, stepping);
	int brand_gen = 0;

	if (ci_find(brand, "EPYC")) {
		c->line = "EPYC";
		c->line_source = "brand";
		if (word_after(brand, "EPYC", c->model_number, sizeof(c->model_number)) &&
		    isdigit((unsigned char)c->model_number[0]) && strlen(c->model_number) >= 4) {
			int last = c->model_number[3] - '0';

			if (last >= 1 && last <= 5)
				brand_gen = last;
		}
	} else if (ci_find(brand, "Threadripper")) {
		c->line = "Ryzen Threadripper";
		c->line_source = "brand";
	} else if (ci_find(brand, "Ryzen")) {
		c->line = "Ryzen";
		c->line_source = "brand";
	} else if (ci_find(brand, "Opteron")) {
		c->line = "Opteron";
		c->line_source = "brand";
	} else if (g && g->line) {
		c->line = g->line;
		c->line_source = "family/model";
	}
	if (!c->line || strcmp(c->line, "EPYC"))
		return;
	if (g) {
		c->generation = g->generation;
		c->generation_name = g->name;
		c->generation_source = "family/model";
		if (brand_gen && brand_gen != g->generation)
			snprintf(c->note, sizeof(c->note),
				 "brand model number %s says generation %d, family %02xh model %02xh says %d (%s)",
				 c->model_number, brand_gen, family, model, g->generation, g->name);
	} else if (brand_gen) {
		c->generation = brand_gen;
		c->generation_name = epyc_gen_names[brand_gen];
		c->generation_source = "brand model number";
	}
}

/* Xeon Scalable tier from the first digit of the model number. */
static const char *xeon_tier(char digit)
{
	switch (digit) {
	case '8': case '9': return "Xeon Platinum";
	case '5': case '6': return "Xeon Gold";
	case '4': return "Xeon Silver";
	case '3': return "Xeon Bronze";
	default: return NULL;
	}
}

static void classify_intel(int family, int model, int stepping, const char *brand,
			   struct cpu_class *c)
{
	static const char *const tiers[] = { "Platinum", "Gold", "Silver", "Bronze" };
	const struct gen_range *g = gen_by_signature("Intel", family, model, stepping);
	int brand_gen = 0;
	char word[32];

	for (size_t i = 0; i < sizeof(tiers) / sizeof(tiers[0]); i++) {
		if (!word_after(brand, tiers[i], c->model_number, sizeof(c->model_number)))
			continue;
		if (strlen(c->model_number) >= 4 && isdigit((unsigned char)c->model_number[1])) {
			c->line = xeon_tier(c->model_number[0]);
			brand_gen = c->model_number[1] - '0';
		}
		if (!c->line)
			c->line = !strcmp(tiers[i], "Gold") ? "Xeon Gold" :
				  !strcmp(tiers[i], "Silver") ? "Xeon Silver" :
				  !strcmp(tiers[i], "Bronze") ? "Xeon Bronze" : "Xeon Platinum";
		c->line_source = "brand";
		break;
	}
	if (!c->line && ci_find(brand, "Xeon")) {
		if (word_after(brand, " D-", word, sizeof(word)))
			c->line = "Xeon D";
		else if (word_after(brand, " W-", word, sizeof(word)))
			c->line = "Xeon W";
		else
			c->line = "Xeon";
		c->line_source = "brand";
	} else if (!c->line && ci_find(brand, "Core")) {
		c->line = "Core";
		c->line_source = "brand";
	} else if (!c->line && (ci_find(brand, "Pentium") || ci_find(brand, "Celeron"))) {
		c->line = ci_find(brand, "Pentium") ? "Pentium" : "Celeron";
		c->line_source = "brand";
	} else if (!c->line && g) {
		c->line = "Xeon";
		c->line_source = "family/model";
	}
	/* A generation only for the Xeon Scalable family and its masked forms. */
	if (!c->line || !strncmp(c->line, "Xeon D", 6) || !strncmp(c->line, "Xeon W", 6) ||
	    strncmp(c->line, "Xeon", 4))
		return;
	if (g) {
		c->generation = g->generation;
		c->generation_name = g->name;
		c->generation_source = "family/model";
		if (brand_gen && brand_gen != g->generation)
			snprintf(c->note, sizeof(c->note),
				 "brand model number %s says generation %d, family %d model %02xh stepping %d says %d (%s)",
				 c->model_number, brand_gen, family, model, stepping,
				 g->generation, g->name);
	} else if (brand_gen >= 1 && brand_gen <= 6) {
		c->generation = brand_gen;
		c->generation_name = xeon_gen_names[brand_gen];
		c->generation_source = "brand model number";
	}
}

void cpu_classify(const char *vendor, int family, int model, int stepping,
		  const char *brand, struct cpu_class *out)
{
	memset(out, 0, sizeof(*out));
	if (!brand)
		brand = "";
	if (vendor && !strcmp(vendor, "AMD"))
		classify_amd(family, model, stepping, brand, out);
	else if (vendor && !strcmp(vendor, "Intel"))
		classify_intel(family, model, stepping, brand, out);
}
