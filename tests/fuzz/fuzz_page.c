/* fuzz_page.c - the spec page (site/) from any history rows: JSON
 * {"runs": [history list rows], "figures": [[run_id, benchmark, metric,
 * value, steal_pct, cached, unstable, tool_version, command], ...],
 * "description": "..."}, built into the page model and written as HTML and
 * Markdown in English (and Dutch when the catalogue is next to the binary).
 * What must hold for any input: no crash, leak or undefined behaviour, and
 * no markup of the input in the pages (no <script> in the HTML, no '<' at
 * all in the Markdown). */
#include <stdio.h>

#include "model/spec.h"
#include "site/i18n.h"
#include "site/site.h"
#include "fuzz.h"

static const char spec_text[] =
	"{\"name\": \"fuzz\", \"version\": \"1.0.0\", \"description\": \"OS updates\","
	" \"cpu\": {\"accept\": [{\"line\": \"EPYC\", \"generation\": 2}, {\"line\": \"Xeon Gold\"}], \"min_mhz\": 2000,"
	" \"vcpus\": 2}, \"memory\": {\"gib\": 4, \"ecc\": true}, \"storage\": {\"nvme\": true, \"raid\": \"raid10\","
	" \"min_gib\": 40}, \"network\": {\"ipv4\": 1, \"ipv6\": 1}, \"limits\": {\"max_steal_pct\": 5},"
	" \"maintenance\": {\"windows\": [{\"day\": \"mon\", \"from\": \"05:00\", \"to\": \"07:00\", \"what\": \"OS updates\"}]},"
	" \"benchmarks\": {\"cpu.events\": {\"reference\": {\"events_per_sec\": 1807.14}},"
	" \"disk.randrw\": {\"reference\": {\"read.iops\": 36900, \"write.iops\": 12300}}}}";

static void render(const json_t *model, const char *lang)
{
	struct sb_error err;
	char *html = NULL, *md = NULL;
	size_t hl = 0, ml = 0;
	FILE *h = open_memstream(&html, &hl), *m = open_memstream(&md, &ml);

	if (!h || !m)
		abort();
	site_html(model, lang, NULL, h, &err);
	site_markdown(model, lang, m, &err);
	fclose(h);
	fclose(m);
	if (strstr(html, "<script") || strchr(md, '<'))
		abort();
	free(html);
	free(md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sb_error err;
	json_t *in = json_loadb((const char *)data, size, 0, NULL), *spec, *specs, *runs, *figs, *f, *model, *cmds;
	struct site_builder *b;
	size_t i;

	if (!json_is_object(in))
		goto out;
	runs = json_object_get(in, "runs");
	figs = json_object_get(in, "figures");
	if (!json_is_array(runs))
		goto out;
	spec = spec_parse("fuzz.json", spec_text, sizeof(spec_text) - 1, &err);
	if (!spec)
		abort();
	if (json_is_string(json_object_get(in, "description")))
		json_object_set(spec, "description", json_object_get(in, "description"));
	specs = json_pack("[O]", spec);
	cmds = json_pack("{s:s}", "cpu", "sysbench cpu --threads=2 run");
	b = site_begin(&(struct site_input){ spec, specs, runs, cmds, NULL, "2026-11-23T00:00:00Z", "0" }, &err);
	if (!b)
		abort();
	json_array_foreach(figs, i, f) {
		json_t *steal = json_array_get(f, 4);

		site_add(b, &(struct site_figure){
			(long long)json_integer_value(json_array_get(f, 0)), json_string_value(json_array_get(f, 1)),
			json_string_value(json_array_get(f, 2)), json_string_value(json_array_get(f, 8)),
			json_string_value(json_array_get(f, 7)), json_number_value(json_array_get(f, 3)),
			json_is_number(steal) ? json_number_value(steal) : NAN, json_is_true(json_array_get(f, 5)),
			json_is_true(json_array_get(f, 6)) });
	}
	model = site_finish(b, &err);
	if (!model)
		abort();
	for (const char *const *l = i18n_langs; *l; l++)
		if (i18n_use(*l, &err) == 0)
			render(model, *l);
	json_decref(model);
	json_decref(cmds);
	json_decref(specs);
	json_decref(spec);
out:
	json_decref(in);
	return 0;
}
