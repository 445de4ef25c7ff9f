/*
 * feed_rebase: relative URLs inside HTML fields.  Owns which attributes
 * hold URLs and the rewrite of their relative values against the base in
 * effect (xml:base, else the feed URL).
 */
#include "feed/feed_priv.h"

#include <stdlib.h>
#include <string.h>

#include "markup/markup.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

int
feed_url_attr(const char *name, size_t n)
{
	static const char *const names[] = {
		"href", "src", "poster", "cite", "background", "longdesc"
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Resolve relative href/src values inside HTML source against base.
 * Returns a new string, or NULL when nothing changed.
 */
char *
feed_html_rebase(const char *html, const char *base)
{
	struct buf b;
	const char *s = html, *copied = html, *name, *val;
	char *v, *abs;
	size_t nlen, vlen;
	char q;
	int changed = 0;

	if (base == NULL || !url_is_absolute(base))
		return NULL;
	buf_init(&b, FEED_MAX_FIELD);
	while ((s = strchr(s, '<')) != NULL && !b.overflow) {
		s++;
		if (!text_isalpha((unsigned char)*s))
			continue;
		while (*s != '\0' && !text_ishtmlspace((unsigned char)*s) &&
		    *s != '>' && *s != '/')
			s++;
		for (;;) {
			while (text_ishtmlspace((unsigned char)*s) || *s == '/')
				s++;
			if (*s == '\0' || *s == '>' || *s == '<')
				break;
			name = s;
			while (*s != '\0' && !text_ishtmlspace((unsigned char)*s) &&
			    *s != '=' && *s != '>' && *s != '/' && *s != '<')
				s++;
			nlen = (size_t)(s - name);
			while (text_ishtmlspace((unsigned char)*s))
				s++;
			if (*s != '=')
				continue;
			s++;
			while (text_ishtmlspace((unsigned char)*s))
				s++;
			q = (*s == '"' || *s == '\'') ? *s++ : '\0';
			val = s;
			while (*s != '\0' && (q ? *s != q :
			    !text_ishtmlspace((unsigned char)*s) && *s != '>'))
				s++;
			vlen = (size_t)(s - val);
			if (q && *s == q)
				s++;
			if (nlen == 0 || vlen == 0 || !feed_url_attr(name, nlen) ||
			    val[0] == '#')
				continue;
			v = xstrndup(val, vlen);
			if (!url_is_absolute(v) && (abs = url_resolve(base, v)) != NULL) {
				if (strcmp(abs, v) != 0) {
					buf_add(&b, copied, (size_t)(val - copied));
					markup_escape(&b, abs, strlen(abs), 1);
					copied = val + vlen;
					changed = 1;
				}
				free(abs);
			}
			free(v);
		}
	}
	/* nothing changed: no copy of the rest */
	if (changed)
		buf_addstr(&b, copied);
	if (!changed || b.overflow) {
		buf_release(&b);
		return NULL;
	}
	return buf_take(&b);
}
