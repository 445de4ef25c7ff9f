/*
 * html: the small tree helpers extract and render share.  Parsing and
 * attribute access are markup/'s (markup_html_parse, markup_attr).
 */
#ifndef TIDINGS_HTML_H
#define TIDINGS_HTML_H

#include <stddef.h>

#include <libxml/tree.h>

/* Is n an element named name (lower case, as the parser gives them)? */
int html_is(const xmlNode *n, const char *name);
/* Is n an element named by one of the NULL-terminated list? */
int html_in(const xmlNode *n, const char *const *list);
/* 1..6 for h1..h6, else 0. */
int html_heading(const xmlNode *n);
/* The document's <body>, or its root element when there is none. */
xmlNode *html_body(const xmlDoc *doc);

#endif
