/*
 * url: resolving references against a base URL, and telling web URLs
 * from everything else.
 *
 * Unlike the rest of util/ (libc only), this module uses libxml2's RFC 3986
 * resolver (xmlBuildURI); every program that links util/ links libxml2
 * already.  All strings are UTF-8; results are new strings the caller
 * frees with free().
 */
#ifndef TIDINGS_URL_H
#define TIDINGS_URL_H

/*
 * Resolve ref against base.  Leading and trailing whitespace and embedded
 * tabs and newlines are removed from ref.  An absolute ref (it has a
 * scheme) is returned unchanged apart from that; a relative one is
 * resolved against base, with spaces, non-ASCII bytes and other characters
 * RFC 3986 does not allow percent-encoded first.  When base is NULL or not
 * absolute, or resolution fails, the cleaned ref is returned as is.
 * Returns NULL only when ref is NULL or empty after cleaning.
 */
char *url_resolve(const char *base, const char *ref);

/* 1 when s starts with a scheme ("http:", "tag:", "mailto:"), else 0. */
int url_is_absolute(const char *s);

/* 1 when s is an http:// or https:// URL with a non-empty host, else 0. */
int url_is_http(const char *s);

#endif
