/*
 * feed: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 documents
 * to struct feed (feed_json.c says how JSON Feed's fields map).
 *
 * Owns: parsing feed XML (libxml2, no network, no entity substitution,
 * bounded sizes and depth), item identity, dates, URL resolution against
 * xml:base and the feed URL, character encodings.  Knows nothing of SQLite
 * or curses.  Strings in the result are UTF-8, NUL-terminated and owned by
 * the struct feed; absent fields are NULL.  HTML fields (summary, content)
 * are kept as HTML text; plain fields (titles, names) are plain text with
 * entities decoded, still unsanitised for the terminal (render and
 * util/text do that at display time).
 *
 * Conventions: several authors of an entry are joined with ", "; ids are
 * kept exactly as written (never resolved); the fallback id is
 * "hash:" and 16 hex digits.  Links, enclosure URLs and href/src inside
 * summary and content are resolved against xml:base and opts->url (they
 * stay relative only when neither is known).  dc:date and Atom <updated>
 * set updated, not published: a caller that wants one date uses
 * published, else updated.  Limits: 10,000 items (opts->max_items),
 * 1 MiB per field (cut at a character boundary), 64 categories and 32
 * enclosures per item, nesting 256 deep, 1 MiB of entity expansion.
 */
#ifndef TIDINGS_FEED_H
#define TIDINGS_FEED_H

#include <stddef.h>
#include <time.h>

#include "util/err.h"

struct enclosure {
	char *url;
	char *type;		/* MIME type, or NULL */
	long long length;	/* bytes, or -1 */
	long duration;		/* seconds (media:content's duration, else
				 * the item's itunes:duration, JSON Feed's
				 * duration_in_seconds), or -1 */
};

struct item {
	char *guid;		/* stable id: guid/id, else link, else a hash of title+date; never NULL */
	char *title;
	char *link;		/* absolute URL (see above) */
	char *author;
	time_t published;	/* 0 when unknown */
	time_t updated;		/* 0 when unknown */
	char *summary;		/* HTML */
	char *content;		/* HTML */
	char **categories;	/* ncategories plain strings */
	size_t ncategories;
	struct enclosure *enclosures;
	size_t nenclosures;
	char *image;		/* media:thumbnail, else an image media:content or enclosure; absolute */
};

enum feed_kind {
	FEED_UNKNOWN,
	FEED_RSS,		/* RSS 0.9x / 2.0 */
	FEED_RDF,		/* RSS 0.90 / 1.0 */
	FEED_ATOM03,
	FEED_ATOM10,
	FEED_JSON,		/* JSON Feed 1.0 / 1.1 */
};

struct feed {
	enum feed_kind kind;
	char *title;
	char *link;		/* the site, absolute */
	char *description;	/* plain text */
	char *author;
	time_t updated;
	int recovered;		/* 1: the XML was ill-formed and read in recovery mode */
	struct item *items;	/* in document order */
	size_t nitems;
};

struct feed_parse_opts {
	const char *url;	/* the feed's URL, base for relative links; may be NULL */
	const char *charset;	/* charset from the HTTP Content-Type, or NULL; it
				 * beats the XML declaration, not a BOM, and a
				 * Latin-1/ASCII label on valid UTF-8 is ignored */
	size_t max_items;	/* 0: the default cap (10000) */
};

/*
 * Parse len bytes of a feed document.  Returns a new struct feed (free with
 * feed_free), or NULL with a one-line message in *e ("not a feed: root
 * element is <html>", "XML error at line 12: ...").  Ill-formed documents
 * are recovered where libxml2's recover mode can (bare '&' is escaped
 * first); f->recovered says so.  Never reads files or the network.
 */
struct feed *feed_parse(const char *data, size_t len,
    const struct feed_parse_opts *opts, struct err *e);
void feed_free(struct feed *f);
/* Does data start (after a UTF-8 BOM and blanks) with '{', as JSON Feed
 * does and XML never can?  feed_parse reads such a document as JSON Feed. */
int feed_is_json(const char *data, size_t len);

#endif
