#include "util/url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define URL_MAXLEN (64 * 1024)	/* longer references are not resolved */

/* Length of the scheme including ':', or 0. */
static size_t
url_scheme_len(const char *s)
{
	size_t i;

	if (!text_isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (s[i] == ':')
			return i + 1;
		if (!text_isalpha((unsigned char)s[i]) &&
		    !text_isdigit((unsigned char)s[i]) && s[i] != '+' &&
		    s[i] != '-' && s[i] != '.')
			return 0;
	}
	return 0;
}

int
url_is_absolute(const char *s)
{
	return s != NULL && url_scheme_len(s) > 0;
}

int
url_is_http(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	if (strncasecmp(s, "http://", 7) == 0)
		n = 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		n = 8;
	else
		return 0;
	return s[n] != '\0' && s[n] != '/' && s[n] != '?' && s[n] != '#' &&
	    !text_isspace((unsigned char)s[n]);
}

/* Trim outer whitespace, drop tabs and newlines inside (as browsers do). */
static char *
url_clean(const char *s)
{
	size_t n, i, o;
	char *r;

	while (text_isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && text_isspace((unsigned char)s[n - 1]))
		n--;
	r = xmalloc(n + 1);
	for (i = o = 0; i < n; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			r[o++] = s[i];
	r[o] = '\0';
	return r;
}

/* Percent-encode what xmlParseURI rejects; NULL past URL_MAXLEN. */
static char *
url_escape(const char *s, int brackets_ok)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;
	unsigned char c;
	int rc = 0;

	buf_init(&b, URL_MAXLEN);
	for (; *s != '\0' && rc == 0; s++) {
		c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL ||
		    (!brackets_ok && (c == '[' || c == ']')) ||
		    (c == '%' && !(text_isxdigit((unsigned char)s[1]) &&
		    text_isxdigit((unsigned char)s[2])))) {
			rc = buf_addc(&b, '%');
			if (rc == 0)
				rc = buf_addc(&b, hex[c >> 4]);
			if (rc == 0)
				rc = buf_addc(&b, hex[c & 15]);
		} else {
			rc = buf_addc(&b, (char)c);
		}
	}
	if (rc < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_take(&b);
}

/*
 * The authority a[0..alen) has a ':' that is not followed by a port number
 * (an empty one included): "user:pa" cut short by a '/', '?' or '#' in the
 * password.
 */
static int
url_authority_malformed(const char *a, size_t alen)
{
	const char *colon, *end = a + alen, *p;

	if (alen > 0 && a[0] == '[') {
		/* an IPv6 literal: only the port after ']' counts */
		p = memchr(a, ']', alen);
		if (p == NULL)
			return 1;
		a = p + 1;
	}
	colon = memchr(a, ':', (size_t)(end - a));
	if (colon == NULL)
		return 0;
	if (colon + 1 == end)
		return 1;
	for (p = colon + 1; p < end; p++)
		if (*p < '0' || *p > '9')
			return 1;
	return 0;
}

void
url_redact(char *s)
{
	char *p = s, *a, *at, *q;
	size_t alen, tlen;

	while ((p = strstr(p, "://")) != NULL) {
		a = p + 3;
		tlen = strcspn(a, " \t\r\n\"'<>");
		alen = strcspn(a, "/?#\\ \t\r\n\"'<>");
		at = NULL;
		for (q = a; q < a + alen; q++)
			if (*q == '@')
				at = q;
		if (at == NULL && url_authority_malformed(a, alen))
			for (q = a + alen; q < a + tlen; q++)
				if (*q == '@')
					at = q;
		if (at != NULL)
			memmove(a, at + 1, strlen(at + 1) + 1);
		p = a;
	}
}

char *
url_display(const char *url)
{
	char *s = xstrdup(url != NULL ? url : "");

	url_redact(s);
	return s;
}

int
url_chars_ok(const char *url)
{
	size_t i = 0, n, len = strlen(url);
	uint32_t cp;

	while (i < len) {
		n = text_decode(url + i, len - i, &cp);
		if (text_is_removed(cp, 0) ||
		    (cp == TEXT_REPLACEMENT && n == 1))
			return 0;
		i += n;
	}
	return 1;
}

char *
url_resolve(const char *base, const char *ref)
{
	char *r, *eref, *ebase, *plain;
	xmlChar *x;

	if (ref == NULL)
		return NULL;
	r = url_clean(ref);
	if (r[0] == '\0') {
		free(r);
		return NULL;
	}
	if (url_is_absolute(r) || base == NULL || !url_is_absolute(base))
		return r;
	eref = url_escape(r, 0);
	plain = url_display(base);
	ebase = url_escape(plain, 1);
	free(plain);
	if (eref != NULL && ebase != NULL) {
		x = xmlBuildURI((const xmlChar *)eref, (const xmlChar *)ebase);
		if (x != NULL) {
			free(r);
			r = xstrdup((const char *)x);
			xmlFree(x);
		}
	}
	free(eref);
	free(ebase);
	return r;
}
