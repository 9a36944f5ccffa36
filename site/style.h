/* style.h - the default style sheet (style.c). */
#ifndef SPECBENCH_SITE_STYLE_H
#define SPECBENCH_SITE_STYLE_H

extern const char site_style_css[];

#endif
