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
 * RFC 3986 does not allow percent-encoded first; base's userinfo is never
 * inherited (a feed fetched with a password must not put it into its
 * item links).  When base is NULL or not
 * absolute, or resolution fails, the cleaned ref is returned as is.
 * Returns NULL only when ref is NULL or empty after cleaning.
 */
char *url_resolve(const char *base, const char *ref);

/*
 * A URL as it may be shown: the same URL without its userinfo
 * ("https://user:pw@host/feed" becomes "https://host/feed").  A password
 * holding an unencoded '/', '?' or '#' ends the authority early and makes
 * it malformed ("user:pa" with a port that is no number); then everything
 * up to the last '@' of the URL goes, so no part of the password shows.
 * Anything that is not a URL is returned as it is.  Never NULL.
 */
char *url_display(const char *url);
/* The same for every URL ("scheme://...") inside a message, in place. */
void url_redact(char *s);

/*
 * 1 when url may be a feed URL as far as its characters go: valid UTF-8
 * with no C0 or C1 control, DEL or bidi control (text_is_removed), so what
 * is subscribed is what is shown.  Says nothing about the scheme.
 */
int url_chars_ok(const char *url);

/* 1 when s starts with a scheme ("http:", "tag:", "mailto:"), else 0. */
int url_is_absolute(const char *s);

/* 1 when s is an http:// or https:// URL with a non-empty host, else 0. */
int url_is_http(const char *s);

#endif
