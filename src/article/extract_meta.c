/*
 * extract_meta: the article's metadata (title, byline, date) from meta tags,
 * <title>, <time> and visible bylines, chosen among JSON-LD's and theirs.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "article/extract_priv.h"
#include "article/html.h"
#include "article/render.h"
#include "markup/charref.h"
#include "markup/markup.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

static int
is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* Which meta names we read, in order of preference within each field. */
static const char *const meta_titles[] = {
	"dc:title", "dcterm:title", "dc.title", "dcterms.title", "og:title", "weibo:article:title",
	"weibo:webpage:title", "title", "twitter:title", "parsely-title", NULL
};
static const char *const meta_authors[] = {
	"dc:creator", "dcterm:creator", "dc.creator", "dcterms.creator", "author", "parsely-author",
	"article:author", "sailthru.author", NULL
};
static const char *const meta_dates[] = {
	"article:published_time", "og:published_time", "datepublished",
	"parsely-pub-date", "dc.date.issued", "dcterms.created", "dc.date",
	"sailthru.date", "pubdate", "publishdate", "publish-date",
	"citation_publication_date", "published", "date", NULL
};

/* Dates of the last change, the article's date only when it gives no
 * other (htmldate keeps them as its "reserve"). */
static const char *const meta_modified[] = {
	"article:modified_time", "og:updated_time", "datemodified",
	"dcterms.modified", "dc.date.modified", "last-modified", NULL
};

static const char *const meta_sites[] = {
	"og:site_name", "application-name", "apple-mobile-web-app-title", NULL
};

struct meta_hit {
	int rank;
	char *value;
};

static void
meta_offer(struct meta_hit *h, const char *const *names, const char *key,
    const char *content)
{
	int i;

	for (i = 0; names[i] != NULL; i++) {
		if (equal_ci(key, names[i]) && (h->value == NULL || i < h->rank)) {
			char *v = meta_value(content);

			if (v == NULL)
				return;
			free(h->value);
			h->value = v;
			h->rank = i;
			return;
		}
	}
}

/*
 * A publication date under a name of the site's own making
 * ("published-date", "og:publish_date", "cxenseparse:publishtime"): its
 * letters end in "publish(ed)date" or "publish(ed)time".  Below every
 * name meta_dates lists; a day before a time.
 */
static void
meta_offer_published(struct meta_hit *h, const char *key, const char *content)
{
	static const char *const ends[] = {
		"publisheddate", "publishdate", "publishedtime", "publishtime", NULL
	};
	char k[64];
	size_t n = 0, i, e;

	for (; *key != '\0' && n + 1 < sizeof k; key++)
		if (text_isalpha((unsigned char)*key))
			k[n++] = (char)text_tolower((unsigned char)*key);
	k[n] = '\0';
	for (i = 0; ends[i] != NULL; i++) {
		e = strlen(ends[i]);
		if (n >= e && strcmp(k + n - e, ends[i]) == 0 &&
		    (h->value == NULL || 100 + (int)i < h->rank)) {
			char *v = meta_value(content);

			if (v == NULL)
				return;
			free(h->value);
			h->value = v;
			h->rank = 100 + (int)i;
			return;
		}
	}
}

struct meta_scan {
	struct meta_hit title, author, date, site, modified;
	char *tw_label[4], *tw_data[4];	/* twitter:label1..4, twitter:data1..4 */
};

/* twitter:labelN and twitter:dataN pair a field's name and its value
 * ("Written by", "Jo Doe"): WordPress's SEO plugins write the author
 * there and nowhere else on some pages. */
static void
twitter_field(struct meta_scan *ms, const char *key, const char *content)
{
	char **slot = NULL;
	size_t n;

	if (strncasecmp(key, "twitter:label", 13) == 0)
		slot = ms->tw_label, key += 13;
	else if (strncasecmp(key, "twitter:data", 12) == 0)
		slot = ms->tw_data, key += 12;
	if (slot == NULL || key[0] < '1' || key[0] > '4' || key[1] != '\0')
		return;
	n = (size_t)(key[0] - '1');
	if (slot[n] == NULL)
		slot[n] = meta_value(content);
}

/* The author the twitter fields name, into m->twitter_author. */
static void
twitter_author(struct meta *m, struct meta_scan *ms)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		if (m->twitter_author == NULL && ms->tw_label[i] != NULL &&
		    ms->tw_data[i] != NULL && (equal_ci(ms->tw_label[i], "written by") ||
		    equal_ci(ms->tw_label[i], "author"))) {
			m->twitter_author = ms->tw_data[i];
			ms->tw_data[i] = NULL;
		}
		free(ms->tw_label[i]);
		free(ms->tw_data[i]);
	}
}

static void
meta_tag(struct meta_scan *ms, const xmlNode *n)
{
	const char *content = markup_attr(n, "content"), *keys[3];
	char key[128];
	size_t i, k;

	if (content == NULL)
		return;
	keys[0] = markup_attr(n, "property");
	keys[1] = markup_attr(n, "name");
	keys[2] = markup_attr(n, "itemprop");
	for (i = 0; i < 3; i++) {
		const char *s = keys[i];

		if (s == NULL)
			continue;
		/* property may hold several space-separated names */
		while (*s != '\0') {
			while (text_ishtmlspace((unsigned char)*s))
				s++;
			for (k = 0; s[k] != '\0' && !text_ishtmlspace((unsigned char)s[k]) &&
			    k + 1 < sizeof key; k++)
				key[k] = s[k];
			key[k] = '\0';
			s += k;
			while (*s != '\0' && !text_ishtmlspace((unsigned char)*s))
				s++;
			if (k == 0)
				continue;
			meta_offer(&ms->title, meta_titles, key, content);
			meta_offer(&ms->site, meta_sites, key, content);
			if (!(equal_ci(key, "article:author") && is_url(content)))
				meta_offer(&ms->author, meta_authors, key, content);
			meta_offer(&ms->date, meta_dates, key, content);
			meta_offer_published(&ms->date, key, content);
			meta_offer(&ms->modified, meta_modified, key, content);
			twitter_field(ms, key, content);
		}
	}
}

static void
meta_walk(struct meta *m, struct meta_scan *ms, const xmlNode *n, int depth,
    int in_article)
{
	const xmlNode *c;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		const char *t;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(c, "meta")) {
			meta_tag(ms, c);
		} else if (html_is(c, "script")) {
			t = markup_attr(c, "type");
			if (t != NULL && contains_ci(t, "ld+json"))
				meta_jsonld(m, c);
			continue;
		} else if (html_is(c, "title") && m->doc_title == NULL) {
			m->doc_title = node_text(c);
			continue;
		} else if (html_is(c, "base") && m->base == NULL) {
			if ((t = markup_attr(c, "href")) != NULL)
				m->base = xstrdup(t);
		} else if (html_is(c, "time")) {
			/* sidebars list times too: prefer the article's own */
			if ((t = markup_attr(c, "datetime")) != NULL && *t != '\0') {
				if (m->time_date == NULL)
					m->time_date = xstrdup(t);
				if (m->time_pubdate == NULL &&
				    markup_attr(c, "pubdate") != NULL)
					m->time_pubdate = xstrdup(t);
				if (m->time_article == NULL && (in_article ||
				    markup_attr(c, "pubdate") != NULL))
					m->time_article = xstrdup(t);
			}
		} else if (html_is(c, "h1") && m->nh1 < 4) {
			m->h1 = xreallocarray(m->h1, m->nh1 + 1, sizeof *m->h1);
			m->h1[m->nh1++] = node_text(c);
		} else if (html_is(c, "h2") && m->nh2 < 16) {
			m->h2 = xreallocarray(m->h2, m->nh2 + 1, sizeof *m->h2);
			m->h2[m->nh2++] = node_text(c);
		}
		if (m->itemprop_date == NULL && (t = markup_attr(c, "itemprop")) != NULL &&
		    has_token_ci(t, "datepublished")) {
			const char *v = markup_attr(c, "datetime");

			if (v == NULL)
				v = markup_attr(c, "content");
			if (v != NULL && *v != '\0')
				m->itemprop_date = xstrdup(v);
		}
		if (m->text_byline == NULL && !html_is(c, "head"))
			m->text_byline = meta_shown_byline(c);
		meta_walk(m, ms, c, depth + 1, in_article || html_is(c, "article"));
	}
}

size_t
meta_word_count(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s != '\0'; s++) {
		if (text_ishtmlspace((unsigned char)*s)) {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* Title separators, each with spaces around it. */
static const char *const title_seps[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \\ ", " / ", " > ",
	" \xC2\xBB ", NULL
};

/* Where the first (first != 0) or last separator starts, and its length. */
static const char *
find_sep(const char *s, int first, size_t *seplen)
{
	const char *best = NULL, *p;
	size_t i;

	for (i = 0; title_seps[i] != NULL; i++) {
		for (p = strstr(s, title_seps[i]); p != NULL;
		    p = strstr(p + 1, title_seps[i])) {
			if (best == NULL || (first ? p < best : p > best)) {
				best = p;
				*seplen = strlen(title_seps[i]);
			}
			if (first)
				break;
		}
	}
	return best;
}

/* The page title from <title>, with the site name cut off when we can tell. */
static char *
title_from_document(const struct meta *m)
{
	const char *orig = m->doc_title, *p;
	char *cur;
	size_t seplen = 0;
	int had_sep = 0;

	if (orig == NULL || *orig == '\0')
		return m->nh1 == 1 ? xstrdup(m->h1[0]) : xstrdup("");
	if ((p = find_sep(orig, 0, &seplen)) != NULL) {
		/* "Section / Site" says more about structure than "Title - Site" */
		had_sep = strstr(orig, " \\ ") != NULL || strstr(orig, " / ") != NULL ||
		    strstr(orig, " > ") != NULL || strstr(orig, " \xC2\xBB ") != NULL;
		cur = xstrndup(orig, (size_t)(p - orig));
		if (meta_word_count(cur) < 3) {
			free(cur);
			p = find_sep(orig, 1, &seplen);
			cur = xstrdup(p + seplen);
		}
	} else if ((p = strstr(orig, ": ")) != NULL) {
		size_t i;
		int match = 0;

		for (i = 0; i < m->nh1; i++)
			if (strcmp(m->h1[i], orig) == 0)
				match = 1;
		for (i = 0; i < m->nh2; i++)
			if (strcmp(m->h2[i], orig) == 0)
				match = 1;
		if (match) {
			cur = xstrdup(orig);
		} else {
			const char *last = strrchr(orig, ':');

			cur = xstrdup(last + 1 + (last[1] == ' '));
			if (meta_word_count(cur) < 3) {
				free(cur);
				cur = xstrdup(p + 2);
			} else if (meta_word_count(p) > 0) {
				char *before = xstrndup(orig, (size_t)(p - orig));

				if (meta_word_count(before) > 5) {
					free(cur);
					cur = xstrdup(orig);
				}
				free(before);
			}
		}
	} else if ((strlen(orig) > 150 || strlen(orig) < 15) && m->nh1 == 1) {
		cur = xstrdup(m->h1[0]);
	} else {
		cur = xstrdup(orig);
	}
	if (meta_word_count(cur) <= 4) {
		/* too short to be the article's title: unless it was cut at the
		 * only separator, keep the original */
		size_t ow = meta_word_count(orig);
		size_t sepwords = 0;
		const char *q;

		for (q = orig; (q = find_sep(q, 1, &seplen)) != NULL; q += seplen)
			sepwords++;
		if (!had_sep || meta_word_count(cur) != ow - sepwords - 1) {
			free(cur);
			cur = xstrdup(orig);
		}
	}
	return cur;
}

/* Append the lower-case words of s (runs of ASCII letters, digits and
 * '_', as Readability's tokenizer sees them) to b, each followed by a
 * space. */
static void
title_words(struct buf *b, const char *s)
{
	int in = 0;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		int word = text_isalnum(ch) || ch == '_';

		if (word) {
			buf_addc(b, (char)text_tolower(ch));
			in = 1;
		} else if (in) {
			buf_addc(b, ' ');
			in = 0;
		}
	}
	if (in)
		buf_addc(b, ' ');
}

/*
 * How much of b's wording is also in a: 1 minus the share (in characters)
 * of b's words that a lacks.
 */
double
meta_similarity(const char *a, const char *b)
{
	struct buf wa, wb;
	size_t total = 0, missing = 0;
	const char *w, *e;
	double sim;

	buf_init(&wa, 0);
	buf_init(&wb, 0);
	buf_addc(&wa, ' ');
	title_words(&wa, a);
	title_words(&wb, b);
	for (w = wb.data; *w != '\0'; w = e + 1) {
		char probe[256];
		size_t n;

		e = strchr(w, ' ');
		n = (size_t)(e - w);
		total += n + 1;
		if (n + 3 > sizeof probe) {
			missing += n + 1;
			continue;
		}
		probe[0] = ' ';
		memcpy(probe + 1, w, n);
		probe[n + 1] = ' ';
		probe[n + 2] = '\0';
		if (strstr(wa.data, probe) == NULL)
			missing += n + 1;
	}
	sim = total > 0 ? 1 - (double)missing / (double)total : 0;
	buf_release(&wa);
	buf_release(&wb);
	return sim;
}

/* JSON-LD's name or headline: name, unless only the headline looks like
 * the page's <title>. */
static char *
jsonld_pick_title(const struct meta *m)
{
	const char *n = m->jsonld_name, *h = m->jsonld_headline;

	if (n != NULL && h != NULL && strcmp(n, h) != 0 && m->doc_title != NULL) {
		int nm = meta_similarity(n, m->doc_title) > 0.75;
		int hm = meta_similarity(h, m->doc_title) > 0.75;

		return xstrdup(hm && !nm ? h : n);
	}
	if (n != NULL)
		return xstrdup(n);
	return h != NULL ? xstrdup(h) : NULL;
}

/*
 * The title without what follows its first " | ", and without the site's
 * name that pages append or prepend to it ("Best Cloud Stocks of 2025 -
 * The Motley Fool") when og:site_name or application-name says what that
 * name is.
 */
/* The title without what follows its first " | " when three words or
 * more come before it: " | " parts a title from the site, section or
 * tagline after it far more often than it is part of the title itself,
 * in an <h1> as in <title>.  1 when cut. */
static int
cut_bar(struct meta *m)
{
	const char *p;

	if (m->title != NULL && (p = strstr(m->title, " | ")) != NULL) {
		char *head = xstrndup(m->title, (size_t)(p - m->title));

		if (meta_word_count(head) >= 3) {
			set_string(&m->title, head);
			return 1;
		}
		free(head);
	}
	return 0;
}

static void
cut_site_name(struct meta *m)
{
	const char *t, *site = m->site_name, *p;
	size_t tl, sl, i, seplen;

	if (m->title == NULL || cut_bar(m))
		return;
	t = m->title;
	if (site == NULL || *site == '\0')
		return;
	tl = strlen(t);
	sl = strlen(site);
	for (i = 0; title_seps[i] != NULL; i++) {
		seplen = strlen(title_seps[i]);
		if (tl <= sl + seplen)
			continue;
		p = t + tl - sl - seplen;
		/* "Title | Site" */
		if (strncmp(p, title_seps[i], seplen) == 0 &&
		    strcasecmp(p + seplen, site) == 0 && meta_word_count(t) > meta_word_count(site) + 1) {
			set_string(&m->title, xstrndup(t, (size_t)(p - t)));
			return;
		}
		/* "Site | Title" */
		if (strncasecmp(t, site, sl) == 0 &&
		    strncmp(t + sl, title_seps[i], seplen) == 0) {
			set_string(&m->title, xstrdup(t + sl + seplen));
			return;
		}
	}
}

/* Is h, but for case, what <title> t has before its first separator
 * or after its last one, with three words or fewer on the other side? */
static int
title_side(const char *t, const char *h)
{
	const char *p;
	size_t seplen = 0, hl = strlen(h);

	if ((p = find_sep(t, 1, &seplen)) != NULL && (size_t)(p - t) == hl &&
	    strncasecmp(t, h, hl) == 0 && meta_word_count(p + seplen) <= 3)
		return 1;
	if ((p = find_sep(t, 0, &seplen)) != NULL && strcasecmp(p + seplen, h) == 0) {
		char *rest = xstrndup(t, (size_t)(p - t));
		int few = meta_word_count(rest) <= 3;

		free(rest);
		return few;
	}
	return 0;
}

/*
 * The page's visible headline: the <h1> sharing most words with a metadata
 * title, 40% of its words in it covering a fifth of it.  The metadata says
 * which heading is the article's (a logo shares few words with it); the
 * heading says how the page words it, without an appended site name, and
 * where the SEO title rewords it people go by the heading (asking 80% and
 * 40%: WCXB titles 0.808, not 0.849; Readability's own choice 0.80, 0.78). */
static const char *
headline_h1(const struct meta *m)
{
	const char *cands[4], *best = NULL;
	double best_score = 0;
	size_t i, j;

	cands[0] = m->title;
	cands[1] = m->meta_title;
	cands[2] = m->jsonld_headline;
	cands[3] = m->doc_title;
	for (i = 0; i < m->nh1; i++) {
		const char *h = m->h1[i];

		if (*h == '\0' || strlen(h) > 300)
			continue;
		/* "Climate Change | Economic Research Service" over an <h1>
		 * "Climate Change": the part beside the site's name (not
		 * an <h1> that is the site's name itself) */
		if (m->doc_title != NULL && title_side(m->doc_title, h) &&
		    (m->site_name == NULL || strcasecmp(h, m->site_name) != 0))
			return h;
		for (j = 0; j < 4; j++) {
			double in, cover;

			if (cands[j] == NULL || *cands[j] == '\0')
				continue;
			/* the words compared are ASCII ones: the length keeps a
			 * short logo in another script from passing for the title */
			if (strlen(h) * 5 < strlen(cands[j]) * 2)
				continue;
			in = meta_similarity(cands[j], h);
			cover = meta_similarity(h, cands[j]);
			if (in >= 0.4 && cover >= 0.2 && in + cover > best_score) {
				best = h;
				best_score = in + cover;
			}
		}
	}
	return best;
}

/* s in lower case (ASCII) with each run of white space, no-break spaces
 * too, made one space and the ends trimmed; into b (which it resets). */
static void
title_key(struct buf *b, const char *s)
{
	int sp = 0;

	buf_truncate(b, 0);
	for (; *s != '\0'; s++) {
		if (text_ishtmlspace((unsigned char)*s) ||
		    (s[0] == '\xC2' && s[1] == '\xA0')) {
			if (s[0] == '\xC2')
				s++;
			sp = b->len > 0;
			continue;
		}
		if (sp)
			buf_addc(b, ' ');
		sp = 0;
		buf_addc(b, (char)text_tolower((unsigned char)*s));
	}
}

/*
 * A headline that is a metadata title with furniture around it: a date
 * ("Dec 18 2025 Title", "Title Posted on July 1, 2024 by jo") or a label
 * word ("Blog: Title", "Title:Title").  That metadata title, or NULL.
 * doc is the <title> with the site's name cut (title_from_document).
 */
static const char *
headline_furniture(const struct meta *m, const char *h, const char *doc)
{
	const char *cands[4];
	struct buf hk, ck, extra;
	const char *found = NULL;
	size_t i;

	cands[0] = m->jsonld_headline;
	cands[1] = m->jsonld_name;
	cands[2] = m->meta_title;
	cands[3] = doc;
	buf_init(&hk, 0);
	buf_init(&ck, 0);
	buf_init(&extra, 0);
	title_key(&hk, h);
	for (i = 0; i < 4 && found == NULL; i++) {
		const char *at;
		time_t when;

		if (cands[i] == NULL || meta_word_count(cands[i]) < 3)
			continue;
		title_key(&ck, cands[i]);
		if (ck.len == 0 || ck.len >= hk.len ||
		    (at = strstr(hk.data, ck.data)) == NULL)
			continue;
		buf_truncate(&extra, 0);
		buf_add(&extra, hk.data, (size_t)(at - hk.data));
		buf_addc(&extra, ' ');
		buf_addstr(&extra, at + ck.len);
		if (meta_shown_date(extra.data, &when) == 0 ||
		    (at + ck.len == hk.data + hk.len && at > hk.data &&
		    meta_word_count(extra.data) == 1 && (at[-1] == ':' ||
		    (at[-1] == ' ' && at - hk.data >= 2 && at[-2] == ':'))))
			found = cands[i];
	}
	buf_release(&hk);
	buf_release(&ck);
	buf_release(&extra);
	return found;
}

void
meta_collect(struct meta *m, xmlDoc *doc)
{
	struct meta_scan ms;
	xmlNode *root = xmlDocGetRootElement(doc);

	memset(&ms, 0, sizeof ms);
	m->text_date = (time_t)-1;
	m->header_date = (time_t)-1;
	if (root != NULL) {
		xmlNode fake;

		/* walk the root element itself too */
		memset(&fake, 0, sizeof fake);
		fake.children = root;
		meta_walk(m, &ms, &fake, 0, 0);
		/* the date people see, for pages whose metadata gives none
		 * we can read */
		if (!meta_date_usable(m, ms.date.value))
			meta_date_walk(m, &fake, 0);
		meta_header(m, &fake);
	}
	twitter_author(m, &ms);
	m->meta_title = ms.title.value;
	m->site_name = ms.site.value;
	m->meta_author = ms.author.value;
	m->meta_date = ms.date.value;
	if (ms.modified.value != NULL && m->modified_date == NULL)
		m->modified_date = ms.modified.value;
	else
		free(ms.modified.value);
	m->jsonld_title = jsonld_pick_title(m);
	if (m->jsonld_title != NULL)
		m->title = xstrdup(m->jsonld_title);
	else if (m->meta_title != NULL)
		m->title = xstrdup(m->meta_title);
	else
		m->title = title_from_document(m);
	{
		const char *h = headline_h1(m), *bare;
		char *doc_cut = title_from_document(m);

		/* the headline without a date or label the page put in it */
		if (h != NULL && (bare = headline_furniture(m, h, doc_cut)) != NULL)
			h = bare;
		if (h != NULL && strcmp(h, m->title) != 0)
			set_string(&m->title, xstrdup(h));
		if (h != NULL)
			(void)cut_bar(m);
		else
			cut_site_name(m);
		free(doc_cut);
	}
}
