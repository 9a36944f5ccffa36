/* stores.c - the history backends, in the order a place is offered to them. */
#include "store.h"

const struct history_ops *const history_stores[] = {
	&history_sqlite, &history_postgres,
	NULL,
};
