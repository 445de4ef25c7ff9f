/*
 * opml: OPML 2.0 subscription lists in and out.
 *
 * Import: every outline with an xmlUrl is a feed; the titles of the
 * outlines it is nested in become its tags (outermost first), followed by
 * the entries of its `category` attribute ("/a/b,c" gives a, b, c); its
 * `title` (else `text`) is its title.  Parsed with libxml2 without network
 * access and without entity substitution.
 *
 * Export: feeds nested in a folder outline named after their first tag, with
 * all their tags in `category`, so readers that know folders and readers
 * that know categories both keep them, and an import of our own export gives
 * back the same tags in the same order.
 */
#ifndef TIDINGS_OPML_H
#define TIDINGS_OPML_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct opml_feed {
	char *url;
	char *title;		/* or NULL */
	char *site;		/* htmlUrl, or NULL */
	char **tags;
	size_t ntags;
};

struct opml {
	struct opml_feed *feeds;
	size_t nfeeds;
};

/* Parse; NULL and "NAME: message" (or "NAME:LINE: message") in *e on error. */
struct opml *opml_parse(const char *data, size_t len, const char *name, struct err *e);
void opml_free(struct opml *o);

/* Append a feed to o (strings copied). */
void opml_add(struct opml *o, const char *url, const char *title, const char *site,
    char *const *tags, size_t ntags);
/* Write o as an OPML 2.0 document into out. */
int opml_write(const struct opml *o, const char *title, struct buf *out, struct err *e);

#endif
