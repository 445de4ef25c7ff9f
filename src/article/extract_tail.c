/*
 * extract_tail: the closing furniture at the end of an article (author
 * boxes, calls to action, related links, comment sections) trimmed after
 * scoring; split from extract_tidy.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "article/extract_priv.h"
#include "article/html.h"
#include "util/text.h"
#include "util/xalloc.h"

/* How the closing furniture of a page begins: calls to action, related
 * links, sharing, legal lines and author boxes. */
static const char *const tail_openers[] = {
	"related", "read more", "read next", "read also", "learn more",
	"more from", "more on ", "more about", "see also", "you may also",
	"you might also", "other posts", "what to read", "recommended",
	"copyright", "\xC2\xA9", "share", "follow us", "follow me",
	"subscribe", "sign up", "join our", "join the", "join my",
	"newsletter", "written by", "latest posts by", "about the author",
	"back to top", "tags", "filed under", "posted in", "categories",
	"this post may contain", "we use cookies", "click here", "get a demo",
	"book now", "contact us", "talk to us", "start your free",
	"get started", "don't miss", "don\xE2\x80\x99t miss", "leave a comment",
	"comments", NULL
};


static int
has_lower(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return 1;
	return 0;
}

/* Does t open with one of the author's names followed by "is", "has" or
 * "writes" (an author's biography)? */
static int
author_bio(const struct ctx *c, const char *t)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		const char *name = i < 3 ? c->authors[i] : c->byline, *sp;
		size_t n;

		if (name == NULL || *name == '\0')
			continue;
		name = skip_by_label(name);
		/* a one-word author is a company or a user name, and the
		 * company's own sentences are often the article's */
		if (strchr(name, ' ') == NULL)
			continue;
		/* the full name, or the first name alone */
		for (n = strlen(name); n > 0; n = (sp = memchr(name, ' ', n)) ?
		    (size_t)(sp - name) : 0) {
			if (n >= 2 && strncasecmp(t, name, n) == 0 &&
			    (starts_with_ci(t + n, " is ") ||
			    starts_with_ci(t + n, " has ") ||
			    starts_with_ci(t + n, " writes ")))
				return 1;
			if (memchr(name, ' ', n) == NULL)
				break;
			/* a first name alone only when it reads as one
			 * ("Kaavya", not an acronym such as "QCY") */
			sp = memchr(name, ' ', n);
			if (sp != NULL && !has_lower(name, (size_t)(sp - name)))
				break;
		}
	}
	return 0;
}

/* The last block of n holding text, or NULL. */
static xmlNode *
last_block(xmlNode *n, int depth)
{
	static const char *const leaf[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "pre",
		"table", "blockquote", "figure", NULL
	};
	xmlNode *k, *b;

	if (depth > EXTRACT_MAX_DEPTH)
		return NULL;
	for (k = n->last; k != NULL; k = k->prev) {
		if (k->type == XML_TEXT_NODE && k->content != NULL &&
		    has_visible_text((const char *)k->content))
			return NULL;	/* loose text: no block to judge */
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (html_in(k, leaf)) {
			if (!is_empty_block(k))
				return k;
			continue;
		}
		if ((b = last_block(k, depth + 1)) != NULL)
			return b;
	}
	return NULL;
}

/* Is b, the last block of the article, closing furniture? */
static int
tail_junk(struct ctx *c, xmlNode *b)
{
	char *t;
	size_t chars;
	int junk = 0;

	if (html_heading(b))
		return 1;	/* a heading with nothing under it */
	t = node_text(b);
	/* lengths in characters: words are not space-separated everywhere */
	chars = utf8_chars(t, strlen(t));
	measure(c, b, 0);
	if (chars == 0 || (chars <= 80 && link_density(c, b) >= 0.7 &&
	    !sentence_end(t)))
		junk = 1;
	else if (chars <= SHORT_BLOCK && contains_any_prefix(t, tail_openers))
		junk = 1;
	else if (chars <= 1000 && author_bio(c, t))
		junk = 1;
	else if (chars <= SHORT_BLOCK && (contains_ci(t, "all rights reserved") ||
	    strstr(t, "\xC2\xA9") != NULL))
		junk = 1;
	else if (chars <= 24 && !html_is(b, "pre") && !sentence_end(t) &&
	    strpbrk(t, "!?:") == NULL)
		junk = 1;	/* "Learn More", "Book now" */
	free(t);
	return junk;
}

/*
 * How a closing section of furniture is headed: "You may also like",
 * "Latest news", "Comments", "About the author".  Not "Related",
 * "Recommended", "See also" or "Leave a comment": on the WCXB pages what
 * follows those is as often the article's (related work, references).
 */
static const char *const section_openers[] = {
	"you may also", "you might also", "more articles", "more stories",
	"more posts", "latest news", "latest posts", "latest articles",
	"recent posts", "recent articles", "popular posts", "up next",
	"comments", "about the author", "share this", "follow us",
	"subscribe", "sign up", "newsletter", "tags", "filed under",
	"read more", "related posts", "related articles", "related stories",
	"related reading", "more from", "read next", "recommended for you",
	"you may be interested", "trending", "most popular", "leave a reply",
	NULL
};

#define TAIL_BLOCKS 4096

static void
tail_blocks(xmlNode *n, xmlNode **v, size_t *nv, int depth)
{
	static const char *const leaf[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "pre",
		"table", "blockquote", "figure", NULL
	};
	xmlNode *k;

	if (depth > EXTRACT_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL && *nv < TAIL_BLOCKS; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (html_in(k, leaf))
			v[(*nv)++] = k;
		else
			tail_blocks(k, v, nv, depth + 1);
	}
}

/*
 * Does block b head a closing section: a heading, or a short line with
 * no sentence in it, that opens with a section_openers word?  A line
 * ending in ':' introduces what follows ("Read more about the costs:"):
 * its list is the article's.
 */
static int
section_opener(const xmlNode *b)
{
	char *t;
	size_t n;
	int hit;

	if (!html_heading(b) && !html_is(b, "p"))
		return 0;
	if ((t = node_text_short(b, 80)) == NULL)
		return 0;
	n = strlen(t);
	hit = n > 0 && t[n - 1] != ':' && contains_any_prefix(t, section_openers) &&
	    (html_heading(b) || !sentence_end(t));
	free(t);
	return hit;
}

/*
 * Drop closing furniture from the end of the article: first a closing
 * section under a heading that names it ("You may also like",
 * "Comments") with all that follows, then block by block until a block
 * that reads as the article's own.  What is left after the last
 * paragraph is mostly author boxes, calls to action and related links.
 */
void
trim_tail(struct ctx *c, xmlNode *art)
{
	xmlNode *b, **v;
	double total, cut = 0;
	size_t nv = 0, i, from;
	int n;

	measure(c, art, 0);
	total = info(c, art)->text;
	v = xmalloc(TAIL_BLOCKS * sizeof *v);
	tail_blocks(art, v, &nv, 0);
	from = nv;
	for (i = nv; i > 0; i--) {
		/* furniture is a small part of a page: a rule that would take
		 * more is mistaken about this one */
		if ((cut += info(c, v[i - 1])->text) > total * 0.25)
			break;
		if (section_opener(v[i - 1]))
			from = i - 1;
	}
	/* with more blocks than v holds, v's last is not the article's */
	if (from < nv && from > 0 && nv < TAIL_BLOCKS)
		for (i = from; i < nv; i++)
			remove_node(v[i]);
	free(v);
	measure(c, art, 0);
	total = info(c, art)->text;
	cut = 0;
	for (n = 0; n < 16 && (b = last_block(art, 0)) != NULL && b != art; n++) {
		if (!tail_junk(c, b) || (cut += info(c, b)->text) > total * 0.25)
			break;
		remove_node(b);
	}
}

/*
 * Drop a run of blocks that repeats the run just before it, word for
 * word: pages that lay a block out twice (once for phones, once for
 * screens, the other hidden by a stylesheet) show it once; the copy is in
 * a wrapper of its own, where paragraphs an author repeats are siblings
 * (Readability's test pages repeat theirs so).  Runs of REPEAT_MIN to
 * REPEAT_RUN blocks (not one alone: builders wrap each of a list of like
 * blocks on its own, and two of them can say the same) of at least
 * REPEAT_CHARS characters; a line an article repeats on purpose further
 * apart ("This webcam image is provided courtesy of ...") is no run just
 * before it.
 */
#define REPEAT_MIN 2
#define REPEAT_RUN 8
#define REPEAT_CHARS 20

static int
same_block(struct ctx *c, xmlNode **v, char **text, size_t a, size_t b)
{
	/* a layout's second copy sits in a wrapper of its own */
	if (v[a]->parent == v[b]->parent)
		return 0;
	if (v[a]->name == NULL || v[b]->name == NULL ||
	    strcmp((const char *)v[a]->name, (const char *)v[b]->name) != 0 ||
	    info(c, v[a])->text != info(c, v[b])->text)
		return 0;
	if (text[a] == NULL)
		text[a] = node_text(v[a]);
	if (text[b] == NULL)
		text[b] = node_text(v[b]);
	return strcmp(text[a], text[b]) == 0;
}

void
drop_repeats(struct ctx *c, xmlNode *art)
{
	xmlNode **v;
	char **text;
	size_t nv = 0, *kept, nkept = 0, i, j, n;

	measure(c, art, 0);
	v = xmalloc(TAIL_BLOCKS * sizeof *v);
	tail_blocks(art, v, &nv, 0);
	text = xcalloc(nv + 1, sizeof *text);
	kept = xmalloc((nv + 1) * sizeof *kept);
	for (i = 0; i < nv;) {
		for (n = REPEAT_MIN; n <= REPEAT_RUN && n <= nkept && i + n <= nv; n++) {
			double chars = 0;

			for (j = 0; j < n; j++) {
				if (!same_block(c, v, text, i + j, kept[nkept - n + j]))
					break;
				chars += info(c, v[i + j])->text;
			}
			if (j == n && chars >= REPEAT_CHARS)
				break;
		}
		if (n <= REPEAT_RUN && n <= nkept && i + n <= nv) {
			for (j = 0; j < n; j++)
				remove_node(v[i + j]);
			i += n;
			continue;
		}
		kept[nkept++] = i++;
	}
	for (i = 0; i < nv; i++)
		free(text[i]);
	free(text);
	free(kept);
	free(v);
}
