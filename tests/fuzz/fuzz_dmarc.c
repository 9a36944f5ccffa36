/*
 * fuzz_dmarc.c - a DMARC record (mail/dmarc.c) as a hostile DNS server
 * could publish it at _dmarc.<domain>: the tag list, the policies, pct= and
 * the report addresses.  Whatever the record, it is either refused with a
 * reason (exit code 2, or 3 for memory) or accepted with a policy, a pct
 * from 0 to 100 and a problems text that fits its buffer; never a crash or
 * leak.
 */
#include "mail/dmarc.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct dmarc_record r;
	struct sb_error err = { 0 };

	if (!text)
		return 0;
	if (dmarc_parse(text, &r, &err) == 0) {
		if (r.p == DMARC_NO_POLICY || r.sp == DMARC_NO_POLICY || r.pct < 0 || r.pct > 100 || r.rua < 0 ||
		    r.ruf < 0 || strnlen(r.problems, sizeof(r.problems)) == sizeof(r.problems))
			abort();
		if (r.p_assumed && r.p != DMARC_NONE)
			abort();
	} else if (!err.msg[0] || (err.code != SB_EXIT_USAGE && err.code != SB_EXIT_SYSTEM)) {
		abort();
	}
	free(text);
	return 0;
}
