/*
 * html: libxml2's HTML parser as article/ uses it, and the small tree
 * helpers extract and render share.
 *
 * html_parse reads a whole document with recovery, without network
 * access and without letting libxml2 print anything (its encoding errors
 * bypass HTML_PARSE_NOERROR, and nothing may reach stderr while a screen
 * is up).  Raw terminal escape sequences are cut out of the bytes first:
 * the parser would drop the ESC byte but keep "[31m" as text.  The caller
 * frees the document with xmlFreeDoc.
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
/* The value of n's attribute name, borrowed from the tree, or NULL. */
const char *html_attr(const xmlNode *n, const char *name);
/* The document's <body>, or its root element when there is none. */
xmlNode *html_body(const xmlDoc *doc);

#endif
