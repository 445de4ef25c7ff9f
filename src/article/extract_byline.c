/*
 * extract_byline: which name the article gives as its byline, among the
 * metadata's authors and the bylines the page shows.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article/extract_priv.h"
#include "article/html.h"
#include "markup/markup.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Does an author field hold a login ("andrew.keaveney", "kffnirmitap")
 * rather than a name?  Sites fill it from the account that posted. */
static int
user_name(const char *s)
{
	const char *p;
	int upper = 0;

	if (strchr(s, ' ') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.' || *p == '_' || *p == '@' || text_isdigit((unsigned char)*p))
			return 1;
		if (text_isupper((unsigned char)*p) || (unsigned char)*p >= 0x80)
			upper = 1;
	}
	return !upper;
}

/*
 * Can a byline be a name?  Not when it is a date ("Dec. 19, 2025"), or
 * starts as no name does: with punctuation (", USA TODAY": the name
 * itself was a link the page lost; "[Submitted") or a word that joins a
 * sentence ("of this article", "On Freewrite"), or ends with one in lower
 * case ("Insights from", "Heard on": a label whose name was elsewhere;
 * "Audiophile On" is a name), or has no letter ("5").  Lower case alone
 * is no sign: people sign with logins ("hackermondev").
 */
static int
byline_plausible(const char *s)
{
	static const char *const joiners[] = {
		"of ", "the ", "a ", "an ", "and ", "in ", "on ", "for ", "to ",
		"with ", "from ", "at ", NULL
	};
	static const char *const enders[] = {
		"of", "and", "in", "on", "for", "to", "with", "from", "at", "by",
		NULL
	};
	unsigned char c = (unsigned char)*s;
	const char *last, *p;
	size_t i;
	int letter = 0;

	if (c < 0x80 && !text_isalnum(c) && c != '"' && c != '\'')
		return 0;
	for (i = 0; joiners[i] != NULL; i++)
		if (strncmp(s, joiners[i], strlen(joiners[i])) == 0 ||
		    (i > 3 && starts_with_ci(s, joiners[i])))
			return 0;
	for (p = s; *p != '\0'; p++)
		if (text_isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
			letter = 1;
	if (!letter)
		return 0;
	last = strrchr(s, ' ');
	last = last != NULL ? last + 1 : s;
	for (i = 0; enders[i] != NULL; i++)
		if (last != s && strcmp(last, enders[i]) == 0)
			return 0;
	return !date_line(s) && !date_label(s);
}

/*
 * Is a byline the page shows (not the metadata's author field, which
 * names what it names) a field's label rather than a name: a word that
 * labels a field of an author box or a facts table ("Full Bio", "Event
 * Type", "Company Size", "The Author", "About Jo Doe"), a publication or a
 * section ("Published in ...", "Posted in ..."), or only "Written By" with
 * its name elsewhere?
 */
static int
field_label(const char *s)
{
	static const char *const labels[] = {
		"about", "abstract", "author", "authors", "bio", "biography",
		"category", "categories", "guide", "profile", "role", "size",
		"tags", "type", "articles", "posts", NULL
	};
	size_t i;

	for (i = 0; labels[i] != NULL; i++)
		if (has_token_ci(s, labels[i]))
			return 1;
	/* "Published in Towards Data Science": the publication, not a name */
	if (starts_with_ci(s, "published in ") || starts_with_ci(s, "posted in "))
		return 1;
	return *skip_by_label(s) == '\0';
}

/*
 * A byline the page shows that can be a name: not a label, not a sentence
 * or a headline (a ':', '?' or '!' in it: a card's title in an element
 * hinted "author"), not an avatar's initials ("CM").
 */
static int
shown_name(const char *s)
{
	size_t n = strlen(s), i;
	int initials = n >= 1 && n <= 3;

	for (i = 0; i < n && initials; i++)
		initials = text_isupper((unsigned char)s[i]);
	return byline_plausible(s) && !field_label(s) && !initials &&
	    strpbrk(s, ":?!") == NULL;
}

/* s's letters and digits in lower case (other scripts' bytes kept). */
static void
name_key(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80 || text_isalnum((unsigned char)*s))
			buf_addc(b, (char)text_tolower((unsigned char)*s));
}

/*
 * Does an author field name the publisher rather than a writer: an
 * Organization in JSON-LD, or the site's own name ("Clemson News" on
 * Clemson News, "Automateed Team" on Automateed, "HomeAdvisor" on Home
 * Advisor)?  Sites fill it so when the person is only in the page.
 */
static int
publisher_name(const struct meta *m, const char *named)
{
	struct buf a, b;
	int same;

	if (named == m->jsonld_author && m->jsonld_publisher)
		return 1;
	if (m->site_name == NULL)
		return 0;
	buf_init(&a, 0);
	buf_init(&b, 0);
	name_key(&a, named);
	name_key(&b, m->site_name);
	same = a.len >= 4 && b.len >= 4 && (strstr(a.data, b.data) != NULL ||
	    strstr(b.data, a.data) != NULL);
	buf_release(&a);
	buf_release(&b);
	return same;
}

#define HEADER_SEGMENTS 12

/* The short texts that follow the page's first <h1>, in document order,
 * up to the first long one (where the body starts). */
struct header {
	char *seg[HEADER_SEGMENTS];
	size_t n;
	size_t before_long;	/* how many came before the first long text */
	int h1, done, long_texts;
};

/* A name as a byline gives it: one to six words, opening with a capital
 * (or a letter of another script), no sentence in it. */
static char *
plausible_name(char *t)
{
	size_t w;

	if (t == NULL)
		return NULL;
	w = meta_word_count(t);
	if (w < 1 || w > 6 || strlen(t) > 80 ||
	    (strstr(t, ". ") != NULL && w > 4) ||
	    !(text_isupper((unsigned char)t[0]) || (unsigned char)t[0] >= 0xC3)) {
		free(t);
		return NULL;
	}
	return t;
}

/* The cleaned byline of the text segments under n. */
static char *
segments_byline(const xmlNode *n)
{
	char *seg[BYLINE_SEGMENTS], *name;
	size_t nseg = 0, i;

	byline_segments(n, seg, &nseg, 0);
	name = byline_clean(seg, nseg);
	for (i = 0; i < nseg; i++)
		free(seg[i]);
	return plausible_name(name);
}

/*
 * A byline found by its wording where the markup names no author: a link
 * to an author's page ("/author/jo-doe"), an element opening with "By" or
 * "Written by", or a label element ("Written by", "Author") followed by
 * one holding the name.
 */
char *
meta_shown_byline(const xmlNode *c)
{
	static const char *const author_paths[] = {
		"/author/", "/authors/", "/writer/", "/writers/", "/contributor/",
		"/contributors/", "/staff/", NULL
	};
	const xmlNode *f = c->children, *sib;
	const char *href, *rest;
	char *lead, *t;
	int labelled, label_only;

	if (html_is(c, "a")) {
		if ((href = markup_attr(c, "href")) == NULL ||
		    !contains_any(href, author_paths))
			return NULL;
		t = plausible_name(node_text_short(c, BYLINE_PROBE));
		if (t != NULL && contains_ci(t, "author")) {
			free(t);
			t = NULL;
		}
		return t;
	}
	if (f == NULL || f->type != XML_TEXT_NODE || f->content == NULL)
		return NULL;
	lead = clean_string((const char *)f->content,
	    strlen((const char *)f->content));
	rest = skip_by_label(lead);
	labelled = rest != lead;
	label_only = labelled && *rest == '\0' && f->next == NULL;
	free(lead);
	if (!labelled)
		return NULL;
	t = node_text_short(c, BYLINE_PROBE);
	if (t == NULL || utf8_chars(t, strlen(t)) > 80) {
		free(t);
		return NULL;
	}
	free(t);
	if (!label_only)
		return segments_byline(c);
	/* the name after the label, past an avatar ("Written by:" <picture>
	 * <span>Elise Nass</span>) or as plain text ("<strong>Contributors:
	 * </strong> Janet Loughrey") */
	for (sib = c->next; sib != NULL; sib = sib->next) {
		if (sib->type == XML_TEXT_NODE && sib->content != NULL &&
		    has_visible_text((const char *)sib->content))
			return plausible_name(clean_string((const char *)sib->content,
			    strlen((const char *)sib->content)));
		if (sib->type != XML_ELEMENT_NODE)
			continue;
		t = node_text_short(sib, BYLINE_PROBE);
		if (t != NULL && has_visible_text(t)) {
			free(t);
			return segments_byline(sib);
		}
		free(t);
	}
	return NULL;
}

/* Is t inside a link to a list of posts (a category or a tag), which a
 * header shows beside the date as it shows the author? */
static int
in_listing_link(const xmlNode *t)
{
	static const char *const lists[] = {
		"/category/", "/categories/", "/tag/", "/tags/", "/topic/",
		"/topics/", "/section/", NULL
	};
	const xmlNode *a;
	int depth;

	for (a = t->parent, depth = 0; a != NULL && depth < 4; a = a->parent, depth++)
		if (html_is(a, "a")) {
			const char *href = markup_attr(a, "href");

			return href != NULL && contains_any(href, lists);
		}
	return 0;
}

static void
header_walk(struct header *h, const xmlNode *n, int depth)
{
	static const char *const skip[] = {
		"script", "style", "noscript", "svg", "button", "nav", "form",
		"select", "template", "head", NULL
	};
	const xmlNode *c;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL && !h->done; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (html_in(c, skip))
				continue;
			if (!h->h1 && html_is(c, "h1")) {
				h->h1 = 1;
				continue;
			}
			header_walk(h, c, depth + 1);
		} else if (h->h1 && c->type == XML_TEXT_NODE && c->content != NULL &&
		    has_visible_text((const char *)c->content)) {
			const char *p = (const char *)c->content;
			char *t;

			/* the body has begun at the second long text (the first
			 * may be the standfirst, above the byline) */
			if (strnlen(p, 200) == 200) {
				if (h->long_texts++ == 0)
					h->before_long = h->n;
				if (h->long_texts == 2) {
					h->done = 1;
					return;
				}
				continue;
			}
			t = clean_string(p, strlen(p));
			for (p = t; *p != '\0' && !text_isalnum((unsigned char)*p); p++)
				;
			/* separators ("·", "•", "|") part texts, they are none */
			if ((*p == '\0' && strlen(t) <= 4) || in_listing_link(c)) {
				free(t);
				continue;
			}
			h->seg[h->n++] = t;
			if (h->n == HEADER_SEGMENTS)
				h->done = 1;
		}
	}
}

/* A name as a header shows it: two to four words, each opening with a
 * capital (or a letter of another script), of letters, '.', '-', '\''. */
static int
name_shaped(const char *s)
{
	size_t words = 0;
	int start = 1;

	if (strlen(s) > 48)
		return 0;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ') {
			start = 1;
			continue;
		}
		if (start) {
			if (!text_isupper(c) && c < 0xC3)
				return 0;
			words++;
			start = 0;
		} else if (c < 0x80 && !text_isalpha(c) && c != '.' && c != '-' &&
		    c != '\'') {
			return 0;
		}
	}
	return words >= 2 && words <= 4;
}

/* A header's text as a name, without the " in" that joins it to the
 * section linked after it ("Mahua Das in <a>Project Management</a>").
 * NULL when it is none; else the caller frees it. */
static char *
header_name(const char *s)
{
	size_t n = strlen(s);
	char *t;

	if (n > 3 && strcmp(s + n - 3, " in") == 0)
		n -= 3;
	t = xstrndup(s, n);
	if (name_shaped(t) && shown_name(t))
		return t;
	free(t);
	return NULL;
}

/* Does s say it dates a change ("Updated", "Last modified", "Revised")? */
static int
update_label(const char *s)
{
	return contains_ci(s, "updat") || contains_ci(s, "modif") ||
	    contains_ci(s, "revis");
}

/*
 * What a page's header shows under its headline: the first date (in
 * m->header_date, m->header_updated set when the page labels it as an
 * update, in its text or the one before), and the author shown without a
 * label, a name right before or after a date or reading time ("Shauna
 * Mitchell August 25, 2024", "Dec 26, 2025 • Mahua Das"), in
 * m->header_byline.
 */
void
meta_header(struct meta *m, const xmlNode *root)
{
	struct header h;
	size_t i;

	memset(&h, 0, sizeof h);
	header_walk(&h, root, 0);
	if (h.long_texts == 0)
		h.before_long = h.n;
	m->header_date = (time_t)-1;
	/* the date right under the headline, before any standfirst; of
	 * two there, a few texts apart, the earlier: a page shows when it
	 * was published and when updated side by side, in either order
	 * ("May 21, 2025 <time>April 24, 2025</time>").  (WCXB: of 25 pages
	 * showing two, the gold takes the earlier on 23; 1 page gained.) */
	for (i = 0; i < h.before_long; i++) {
		time_t t, t2;
		size_t j;

		if (strlen(h.seg[i]) > 60 || meta_shown_date(h.seg[i], &t) != 0)
			continue;
		for (j = i + 1; j < h.before_long && j <= i + 3; j++)
			if (strlen(h.seg[j]) <= 60 &&
			    meta_shown_date(h.seg[j], &t2) == 0) {
				if (t2 < t) {
					t = t2;
					i = j;
				}
				break;
			}
		m->header_date = t;
		m->header_updated = update_label(h.seg[i]) ||
		    (i > 0 && update_label(h.seg[i - 1]));
		break;
	}
	for (i = 0; i < h.n && m->header_byline == NULL; i++) {
		if (!date_line(h.seg[i]) && !date_label(h.seg[i]))
			continue;
		if (i > 0)
			m->header_byline = header_name(h.seg[i - 1]);
		if (m->header_byline == NULL && i + 1 < h.n)
			m->header_byline = header_name(h.seg[i + 1]);
	}
	for (i = 0; i < h.n; i++)
		free(h.seg[i]);
}

/*
 * The byline: the one the page shows ("by A and B"; found, the one the
 * body's cleaning took out, may be NULL), unless it does not even name
 * the author the metadata gives.  NULL when there is none, else the
 * caller frees it.
 */
static char *
pick_byline(const struct meta *m, const char *found)
{
	const char *named = m->jsonld_author ? m->jsonld_author : m->meta_author;
	int weak;

	/* ", USA TODAY": a name field whose name is missing */
	if (named != NULL && !byline_plausible(named))
		named = m->jsonld_author && m->meta_author &&
		    byline_plausible(m->meta_author) ? m->meta_author : NULL;
	/* a login or the publisher: a name the page shows is better */
	weak = named != NULL && (user_name(named) || publisher_name(m, named));

	if (found != NULL && shown_name(found) &&
	    (named == NULL || weak || meta_similarity(found, named) > 0))
		return clean_string(found, strlen(found));
	if (named != NULL && !weak)
		return xstrdup(named);
	if (m->text_byline != NULL && shown_name(m->text_byline))
		return xstrdup(m->text_byline);
	if (m->header_byline != NULL && !publisher_name(m, m->header_byline))
		return xstrdup(m->header_byline);
	if (named != NULL)
		return xstrdup(named);
	/* below what the page shows: the account that posted, at times
	 * (WCXB: 1 page gained; as an author field, 1 lost to it) */
	return m->twitter_author != NULL && byline_plausible(m->twitter_author) &&
	    !user_name(m->twitter_author) ? xstrdup(m->twitter_author) : NULL;
}

/*
 * The byline without a label closed by "by" ("By Sara Coughlin", "Posted
 * by: Jo"), whichever source gave it: a byline is the author's name, and
 * author fields and shown bylines carry the label too (WCXB: 5 pages
 * printed "By ...").
 */
char *
meta_pick_byline(const struct meta *m, const char *found)
{
	char *b = pick_byline(m, found), *name;
	const char *rest, *e;

	if (b == NULL || (rest = skip_by_label(b)) == b || *rest == '\0')
		return b;
	for (e = rest; e > b && (text_ishtmlspace((unsigned char)e[-1]) ||
	    e[-1] == ':' || (unsigned char)e[-1] >= 0x80); e--)
		;
	if (e - b < 2 || strncasecmp(e - 2, "by", 2) != 0)
		return b;
	name = xstrdup(rest);
	free(b);
	return name;
}
