/*
 * discover: the feeds a web page advertises.
 *
 * Reads <link rel="alternate" type="..." href="..."> elements (RSS, Atom,
 * RDF and JSON Feed types) with libxml2's HTML parser (recovering, no
 * network) and resolves their hrefs against the page's <base href> or URL.
 * Only http and https results are kept, and only those url_chars_ok
 * accepts (no control, C1 or bidi characters); duplicates are dropped.
 */
#ifndef TIDINGS_DISCOVER_H
#define TIDINGS_DISCOVER_H

#include <stddef.h>

struct discover_link {
	char *url;
	char *title;		/* the link's title attribute, or NULL */
	char *type;		/* its MIME type */
};

/*
 * Returns the number of links found (0 too); *links is freed with
 * discover_free.  The XML types (RSS, Atom, RDF, XML) come first, then
 * JSON Feed, each in the page's order.
 */
size_t discover_feeds(const char *html, size_t len, const char *page_url,
    struct discover_link **links);
void discover_free(struct discover_link *links, size_t n);
/* Does this document look like a feed (RSS, Atom, RDF, or JSON Feed with
 * its version in the first 4 KiB) rather than a web page? */
int discover_is_feed(const char *data, size_t len);

#endif
