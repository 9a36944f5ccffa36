/*
 * host.c - the host a run document describes: hostname, machine id,
 * kernel and OS, read through the sysroot, so that a replay names the
 * recorded machine.  Host facts are probing, not the model: the run
 * document (model/rundoc.c) takes them as an object.
 */
#include <stdlib.h>
#include <string.h>

#include "base/jsonutil.h"
#include "base/printable.h"
#include "base/text.h"
#include "probe.h"

static json_t *os_pretty_name(const struct sysroot *sr)
{
	char *text, *cursor, *line;
	json_t *name = json_null();

	if (sr_read(sr, "/etc/os-release", &text, NULL))
		return name;
	cursor = text;
	while ((line = next_line(&cursor))) {
		if (starts_with(line, "PRETTY_NAME=")) {
			char *v = line + strlen("PRETTY_NAME=");
			size_t n = strlen(v);

			if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
				v[n - 1] = '\0';
				v++;
			}
			json_decref(name);
			name = sbj_text(v);
			break;
		}
	}
	free(text);
	return name;
}

static json_t *line_or_null(const struct sysroot *sr, const char *path)
{
	char buf[256];

	return sr_read_line(sr, path, buf, sizeof(buf)) == 0 ? sbj_text(buf) : json_null();
}

/* /etc/machine-id: 32 lower-case hex digits (machine-id(5)), the identity
 * that stays when a VM is renamed; anything else is no identity at all. */
static json_t *machine_id(const struct sysroot *sr)
{
	char id[64];
	size_t n;

	if (sr_read_line(sr, "/etc/machine-id", id, sizeof(id)))
		return json_null();
	for (n = 0; id[n]; n++)
		if (!((id[n] >= '0' && id[n] <= '9') || (id[n] >= 'a' && id[n] <= 'f')))
			return json_null();
	return n == 32 ? json_string(id) : json_null();
}

json_t *probe_host(const struct sysroot *sr)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"hostname", line_or_null(sr, "/proc/sys/kernel/hostname"),
		"machine_id", machine_id(sr),
		"kernel", line_or_null(sr, "/proc/sys/kernel/osrelease"),
		"os", os_pretty_name(sr),
		"sysroot", sr_is_live(sr) ? json_null() : sbj_text(sr->prefix));
}
