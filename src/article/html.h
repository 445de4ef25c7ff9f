/*
 * html: libxml2's HTML parser as article/ uses it, and the small tree
 * helpers extract and render share.
 *
 * html_parse is markup_html_parse (markup/markup.h: the one HTML parser
 * call, with its character-reference, NUL, escape-sequence and depth
 * policy).  The caller frees the document with xmlFreeDoc.  html_parse
 * and html_attr stay only for extract.c, until it calls markup/ itself.
 */
#ifndef TIDINGS_HTML_H
#define TIDINGS_HTML_H

#include <stddef.h>

#include <libxml/tree.h>

/* encoding is a charset name libxml2 knows ("utf-8", "windows-1252"). */
xmlDoc *html_parse(const char *data, size_t len, const char *url,
    const char *encoding);

/* Is n an element named name (lower case, as the parser gives them)? */
int html_is(const xmlNode *n, const char *name);
/* Is n an element named by one of the NULL-terminated list? */
int html_in(const xmlNode *n, const char *const *list);
/* 1..6 for h1..h6, else 0. */
int html_heading(const xmlNode *n);
/* The value of n's attribute name, borrowed from the tree, or NULL: that
 * is markup_attr (markup/markup.h), the one attribute access, which new
 * code calls directly. */
const char *html_attr(const xmlNode *n, const char *name);
/* The document's <body>, or its root element when there is none. */
xmlNode *html_body(const xmlDoc *doc);

#endif
