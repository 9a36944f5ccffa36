/*
 * spool.h - runs kept on the VM while a central history cannot take them.
 *
 * A fleet stores its runs in one PostgreSQL database; a VM that cannot
 * reach it (the server down, the network cut, a login refused) must lose
 * nothing.  Such a run is kept in the spool, a directory of the VM's own
 * (/var/lib/specbench/spool as root, $XDG_DATA_HOME/specbench/spool
 * otherwise), as its document, named by time so that the names sort
 * oldest first.  Before the next run is stored, the spool is shipped,
 * oldest first; each document leaves the spool only once the history holds
 * it.  The history knows a document by its digest, so one shipped twice (a
 * run killed between storing and removing) is still one run: exactly once.
 */
#ifndef SPECBENCH_HISTORY_SPOOL_H
#define SPECBENCH_HISTORY_SPOOL_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"
#include "history.h"

/* The spool's default place. */
void spool_default_dir(char *buf, size_t size);

/* Keep doc (text: its rundoc_text) in dir (made when missing); its file
 * name in path. */
int spool_keep(const char *dir, const json_t *doc, const char *text, char *path, size_t size,
	       struct sb_error *err);

/* Ship every document of dir into h, oldest first; *shipped counts them.
 * A file that is not a run document is named and left (exit 2 at the
 * end); a store that fails stops the shipping (the rest stays). */
int spool_ship(struct history *h, const char *dir, size_t *shipped, struct sb_error *err);

/* How many documents wait in dir. */
size_t spool_count(const char *dir);

#endif
