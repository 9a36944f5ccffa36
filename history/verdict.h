/* verdict.h - a regression report as a verdict, for the report formats; see verdict.c. */
#ifndef SPECBENCH_REGRESS_VERDICT_H
#define SPECBENCH_REGRESS_VERDICT_H

#include <jansson.h>

json_t *regress_verdict(const json_t *report);

#endif
