#include "app/highlight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"

void
highlight_init(struct highlight *h)
{
	memset(h, 0, sizeof *h);
}

void
highlight_release(struct highlight *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		regfree(&h->rules[i].re);
	free(h->rules);
	for (i = 0; i < h->nfeeds; i++)
		filter_free(h->feeds[i].f);
	free(h->feeds);
	memset(h, 0, sizeof *h);
}

static void
highlight_msg(char ***msgs, size_t *nmsgs, const char *where, const char *what)
{
	*msgs = xreallocarray(*msgs, *nmsgs + 1, sizeof **msgs);
	(*msgs)[(*nmsgs)++] = xasprintf("%s: highlight: %s", where, what);
}

static void
highlight_feed_msg(char ***msgs, size_t *nmsgs, const char *where, const char *what)
{
	*msgs = xreallocarray(*msgs, *nmsgs + 1, sizeof **msgs);
	(*msgs)[(*nmsgs)++] = xasprintf("%s: highlight-feed: %s", where, what);
}

/* A back-reference: a backslash (not itself escaped) before 1..9. */
static int
highlight_has_backref(const char *re)
{
	for (; *re != '\0'; re++) {
		if (*re != '\\')
			continue;
		if (re[1] >= '1' && re[1] <= '9')
			return 1;
		if (re[1] != '\0')
			re++;
	}
	return 0;
}

static int
highlight_contexts(const char *name, unsigned *out)
{
	if (strcmp(name, "all") == 0)
		*out = 1u << HIGHLIGHT_FEEDLIST | 1u << HIGHLIGHT_ARTICLELIST |
		    1u << HIGHLIGHT_ARTICLE;
	else if (strcmp(name, "feedlist") == 0)
		*out = 1u << HIGHLIGHT_FEEDLIST;
	else if (strcmp(name, "articlelist") == 0)
		*out = 1u << HIGHLIGHT_ARTICLELIST;
	else if (strcmp(name, "article") == 0)
		*out = 1u << HIGHLIGHT_ARTICLE;
	else
		return -1;
	return 0;
}

/* One highlight line: 0 and the rule in *r, or -1 and *e. */
static int
highlight_compile(const struct settings_line *l, struct highlight_rule *r, struct err *e)
{
	char msg[256];
	int rc;

	if (l->argc < 4)
		return err_set(e, "needs CONTEXT REGEX FG [BG [ATTR...]]");
	if (highlight_contexts(l->argv[1], &r->contexts) < 0)
		return err_set(e, "unknown context \"%s\" (feedlist, articlelist, article, all)",
		    l->argv[1]);
	if (strlen(l->argv[2]) > HIGHLIGHT_MAX_PATTERN)
		return err_set(e, "the regex is longer than %d bytes", HIGHLIGHT_MAX_PATTERN);
	if (highlight_has_backref(l->argv[2]))
		return err_set(e, "back-references (\\1..\\9) are not supported: "
		    "they can take exponential time");
	if (settings_parse_style(l->argv + 3, l->argc - 3, &r->color, e) < 0)
		return -1;
	rc = regcomp(&r->re, l->argv[2], REG_EXTENDED | REG_ICASE);
	if (rc != 0) {
		regerror(rc, &r->re, msg, sizeof msg);
		return err_set(e, "bad regex \"%s\": %s", l->argv[2], msg);
	}
	return 0;
}

void
highlight_load(struct highlight *h, const struct settings *cfg, char ***msgs, size_t *nmsgs)
{
	const struct settings_line *lines;
	size_t n, i;
	struct err e;

	lines = settings_lines(cfg, SETTINGS_L_HIGHLIGHT, &n);
	for (i = 0; i < n; i++) {
		struct highlight_rule r;

		memset(&r, 0, sizeof r);
		if (h->n >= HIGHLIGHT_MAX_RULES) {
			highlight_msg(msgs, nmsgs, lines[i].where, "too many highlight lines");
			break;
		}
		if (highlight_compile(&lines[i], &r, &e) < 0) {
			highlight_msg(msgs, nmsgs, lines[i].where, e.msg);
			continue;
		}
		h->rules = xreallocarray(h->rules, h->n + 1, sizeof *h->rules);
		h->rules[h->n++] = r;
	}
	lines = settings_lines(cfg, SETTINGS_L_HIGHLIGHT_FEED, &n);
	for (i = 0; i < n; i++) {
		struct highlight_feed r;

		memset(&r, 0, sizeof r);
		if (h->nfeeds >= HIGHLIGHT_MAX_RULES) {
			highlight_feed_msg(msgs, nmsgs, lines[i].where, "too many highlight-feed lines");
			break;
		}
		if (lines[i].argc < 3) {
			highlight_feed_msg(msgs, nmsgs, lines[i].where,
			    "needs \"EXPRESSION\" FG [BG [ATTR...]]");
			continue;
		}
		if (settings_parse_style(lines[i].argv + 2, lines[i].argc - 2, &r.color, &e) < 0 ||
		    (r.f = filter_parse(lines[i].argv[1], &e)) == NULL) {
			highlight_feed_msg(msgs, nmsgs, lines[i].where, e.msg);
			continue;
		}
		h->feeds = xreallocarray(h->feeds, h->nfeeds + 1, sizeof *h->feeds);
		h->feeds[h->nfeeds++] = r;
	}
	/* the last line counts, as for any option */
	lines = settings_lines(cfg, SETTINGS_L_SEARCH_HIGHLIGHT_COLORS, &n);
	for (i = 0; i < n; i++) {
		struct settings_color c;

		if (settings_parse_style(lines[i].argv + 1, lines[i].argc - 1, &c, &e) < 0) {
			*msgs = xreallocarray(*msgs, *nmsgs + 1, sizeof **msgs);
			(*msgs)[(*nmsgs)++] = xasprintf("%s: search-highlight-colors: %s",
			    lines[i].where, e.msg);
			continue;
		}
		h->search = c;
		h->has_search = 1;
	}
}

size_t
highlight_line(const struct highlight *h, enum highlight_context ctx, const char *s,
    size_t len, struct highlight_span *out, size_t max)
{
	char line[HIGHLIGHT_MAX_LINE + 1];
	int owner[HIGHLIGHT_MAX_LINE];
	size_t i, k, n = 0, any = 0;

	if (h->n == 0 || max == 0)
		return 0;
	if (len > HIGHLIGHT_MAX_LINE)
		len = text_utf8_complete(s, HIGHLIGHT_MAX_LINE);
	/* regexec reads a C string: a NUL in the text ends what is matched */
	memcpy(line, s, len);
	line[len] = '\0';
	len = strlen(line);
	for (i = 0; i < len; i++)
		owner[i] = -1;
	for (k = 0; k < h->n; k++) {
		size_t off = 0;
		int eflags = 0;

		if (!(h->rules[k].contexts & 1u << ctx))
			continue;
		while (off <= len) {
			regmatch_t m;
			size_t a, b;

			if (regexec(&h->rules[k].re, line + off, 1, &m, eflags) != 0)
				break;
			a = off + (size_t)m.rm_so;
			b = off + (size_t)m.rm_eo;
			/* past the first match ^ no longer matches (newsboat's REG_NOTBOL) */
			eflags = REG_NOTBOL;
			if (b <= a) {
				/* an empty match paints nothing: step over a character */
				uint32_t cp;

				if (a >= len)
					break;
				off = a + text_decode(line + a, len - a, &cp);
				continue;
			}
			for (i = a; i < b; i++)
				owner[i] = (int)k;
			any = 1;
			off = b;
		}
	}
	if (!any)
		return 0;
	for (i = 0; i < len && n < max;) {
		size_t j = i;

		if (owner[i] < 0) {
			i++;
			continue;
		}
		while (j < len && owner[j] == owner[i])
			j++;
		out[n].start = i;
		out[n].end = j;
		out[n].rule = (size_t)owner[i];
		n++;
		i = j;
	}
	return n;
}

/* A feed-list row's attributes, for filter_match. */
struct feed_attrs {
	const struct views_feed *f;
	int index;
	struct buf tags;	/* newsboat's list: each tag followed by a space */
	char num[24];
};

static const char *
feed_value(void *arg, enum filter_attr a)
{
	struct feed_attrs *c = arg;
	const struct views_feed *f = c->f;

	switch (a) {
	case FILTER_A_FEEDTITLE: return f->title ? f->title : "";
	case FILTER_A_RSSURL: return f->url ? f->url : "";
	case FILTER_A_TAGS: return c->tags.data;
	case FILTER_A_UNREAD_COUNT:
		snprintf(c->num, sizeof c->num, "%d", f->unread);
		return c->num;
	case FILTER_A_TOTAL_COUNT:
		snprintf(c->num, sizeof c->num, "%d", f->total);
		return c->num;
	case FILTER_A_FEEDINDEX:
		snprintf(c->num, sizeof c->num, "%d", c->index);
		return c->num;
	default: return "";
	}
}

int
highlight_feed_rule(const struct highlight *h, const struct views_feed *f, int index)
{
	struct feed_attrs c;
	size_t i;
	int rule = -1;

	if (h->nfeeds == 0 || f == NULL || f->heading)
		return -1;
	c.f = f;
	c.index = index;
	buf_init(&c.tags, 0);
	filter_tags_value(f->tags, &c.tags);
	for (i = 0; i < h->nfeeds && rule < 0; i++)
		if (filter_match(h->feeds[i].f, feed_value, &c))
			rule = (int)i;
	buf_release(&c.tags);
	return rule;
}
