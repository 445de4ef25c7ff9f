/*
 * extract_score: the content scorer: text, commas and link density for
 * every element, the top candidate and its related siblings gathered.
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

/* ------------------------------------------------------------ scoring */

/* Fill text, link and commas for every element under n (post-order). */
void
measure(struct ctx *c, xmlNode *n, int in_link)
{
	struct ninfo *ni = info(c, n);
	xmlNode *k;

	ni->text = ni->link = 0;
	ni->commas = 0;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)k->content;
			size_t i, chars = 0;
			int sp = 0;

			if (s == NULL)
				continue;
			for (i = 0; s[i] != '\0'; i++) {
				if (text_ishtmlspace((unsigned char)s[i])) {
					sp = 1;
					continue;
				}
				if (sp) {
					chars++;
					sp = 0;
				}
				if (((unsigned char)s[i] & 0xC0) != 0x80)
					chars++;
				if (s[i] == ',')
					ni->commas++;
			}
			ni->text += (double)chars;
			if (in_link)
				ni->link += (double)chars;
		} else if (k->type == XML_ELEMENT_NODE) {
			struct ninfo *ki;
			int link = in_link;

			if (html_is(k, "a") && !in_link)
				link = 1;
			measure(c, k, link);
			ki = info(c, k);
			ni->text += ki->text;
			ni->commas += ki->commas;
			if (html_is(k, "a") && !in_link) {
				const char *h = markup_attr(k, "href");

				ni->link += ki->text * (h != NULL && h[0] == '#' ? 0.3 : 1.0);
			} else {
				ni->link += ki->link;
			}
		}
	}
}

double
link_density(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = info(c, n);

	return ni->text > 0 ? ni->link / ni->text : 0;
}

static void
init_candidate(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = info(c, n);
	static const char *const plus5[] = { "div", NULL };
	static const char *const plus3[] = { "pre", "td", "blockquote", NULL };
	static const char *const minus3[] = {
		"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL
	};
	static const char *const minus5[] = {
		"h1", "h2", "h3", "h4", "h5", "h6", "th", NULL
	};

	ni->candidate = 1;
	ni->score = 0;
	if (html_in(n, plus5))
		ni->score += 5;
	else if (html_in(n, plus3))
		ni->score += 3;
	else if (html_in(n, minus3))
		ni->score -= 3;
	else if (html_in(n, minus5))
		ni->score -= 5;
	ni->score += class_weight(c, n);
	push_node(&c->cands, &c->ncands, &c->cands_cap, n);
}

void
score_paragraphs(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nscore; i++) {
		xmlNode *p = c->score_list[i], *a;
		struct ninfo *pi = info(c, p);
		double s;
		int level;

		if (p->parent == NULL || p->parent->type != XML_ELEMENT_NODE)
			continue;
		if (pi->text < SCORED_MIN_CHARS)
			continue;
		s = 1 + pi->commas + fmin(floor(pi->text / SCORED_CHARS_POINT), 3);
		for (a = p->parent, level = 0; a != NULL && level < 5;
		    a = a->parent, level++) {
			struct ninfo *ai;

			if (a->type != XML_ELEMENT_NODE || a->parent == NULL ||
			    a->parent->type != XML_ELEMENT_NODE)
				break;
			ai = info(c, a);
			if (!ai->candidate)
				init_candidate(c, a);
			ai->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
}

static int
is_ancestor(const xmlNode *anc, const xmlNode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

int
element_children(const xmlNode *n)
{
	const xmlNode *c;
	int k = 0;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			k++;
	return k;
}

xmlNode *
pick_top(struct ctx *c, xmlNode *body)
{
	xmlNode *top[TOP_CANDIDATES], *best, *p;
	size_t i, j, ntop = 0;
	double last, threshold;

	for (i = 0; i < c->ncands; i++) {
		xmlNode *n = c->cands[i];
		struct ninfo *ni = info(c, n);

		ni->score *= 1 - link_density(c, n);
		for (j = 0; j < ntop; j++)
			if (ni->score > info(c, top[j])->score)
				break;
		if (j < TOP_CANDIDATES) {
			if (ntop < TOP_CANDIDATES)
				ntop++;
			memmove(top + j + 1, top + j, (ntop - 1 - j) * sizeof *top);
			top[j] = n;
		}
	}
	if (ntop == 0 || html_is(top[0], "body"))
		return body;
	best = top[0];

	/* several strong candidates under one ancestor: take the ancestor */
	{
		size_t alt = 0;

		for (i = 1; i < ntop; i++)
			if (info(c, top[i])->score >= 0.75 * info(c, best)->score)
				alt++;
		if (alt >= 3) {
			for (p = best->parent; p != NULL && !html_is(p, "body") &&
			    p->type == XML_ELEMENT_NODE; p = p->parent) {
				size_t hits = 0;

				for (i = 1; i < ntop; i++)
					if (info(c, top[i])->score >= 0.75 * info(c, best)->score &&
					    is_ancestor(p, top[i]))
						hits++;
				if (hits >= 3) {
					best = p;
					break;
				}
			}
		}
	}
	if (!info(c, best)->candidate)
		init_candidate(c, best);

	/* a parent scoring higher than what we climbed from holds more */
	last = info(c, best)->score;
	threshold = last / 3;
	for (p = best->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !html_is(p, "body"); p = p->parent) {
		struct ninfo *pi = info(c, p);

		if (!pi->candidate)
			continue;
		if (pi->score < threshold)
			break;
		if (pi->score > last) {
			best = p;
			break;
		}
		last = pi->score;
	}
	/* an only child says nothing its parent does not */
	for (p = best->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !html_is(p, "body") && element_children(p) == 1; p = best->parent)
		best = p;
	if (!info(c, best)->candidate)
		init_candidate(c, best);
	return best;
}

int
sentence_end(const char *s)
{
	const char *p;

	for (p = strchr(s, '.'); p != NULL; p = strchr(p + 1, '.'))
		if (p[1] == '\0' || p[1] == ' ')
			return 1;
	return 0;
}

/* The text of n's paragraphs that read as prose (40+ characters, mostly
 * not links), from the measures taken before scoring. */
static double
prose_chars(struct ctx *c, xmlNode *n, int depth)
{
	xmlNode *k;
	double sum = 0;

	if (depth > EXTRACT_MAX_DEPTH)
		return 0;
	for (k = n->children; k != NULL; k = k->next) {
		struct ninfo *ki;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		ki = info(c, k);
		if (html_is(k, "p")) {
			if (ki->text >= 40 && ki->link < ki->text * 0.5)
				sum += ki->text;
		} else {
			sum += prose_chars(c, k, depth + 1);
		}
	}
	return sum;
}

/*
 * A page built of layout rows splits one article over many containers,
 * and the best-scoring one holds a part of it.  When the top candidate
 * holds less than half the page's prose, climb to the nearest ancestor
 * that holds more than half, if what that adds is prose too (hardly any
 * links: not a list of teasers for other stories).
 */
xmlNode *
widen(struct ctx *c, xmlNode *top, xmlNode *body)
{
	double all = prose_chars(c, body, 0);
	struct ninfo *t = info(c, top), *ai;
	xmlNode *a;

	if (all < 500 || top == body || prose_chars(c, top, 0) >= all * 0.5)
		return top;
	for (a = top->parent; a != NULL && a != body && a->type == XML_ELEMENT_NODE;
	    a = a->parent) {
		if (prose_chars(c, a, 0) < all * 0.5)
			continue;
		ai = info(c, a);
		if (ai->link - t->link >= (ai->text - t->text) * 0.15)
			break;
		if (!ai->candidate)
			init_candidate(c, a);
		return a;
	}
	return top;
}

/* Collect the top candidate and its related siblings into a new <div>. */
xmlNode *
gather(struct ctx *c, xmlNode *top)
{
	xmlNode *out = xmlNewDocNode(c->doc, NULL, (const xmlChar *)"div", NULL);
	xmlNode *parent = top->parent, *s, *next;
	double top_score = info(c, top)->score;
	double threshold = fmax(10, top_score * 0.2);
	const char *top_class = markup_attr(top, "class");

	if (parent == NULL || html_is(top, "body") || html_is(top, "html")) {
		/* the whole body: move its children */
		for (s = top->children; s != NULL; s = next) {
			next = s->next;
			xmlUnlinkNode(s);
			xmlAddChild(out, s);
		}
		return out;
	}
	for (s = parent->children; s != NULL; s = next) {
		int keep = 0;

		next = s->next;
		if (s == top) {
			keep = 1;
		} else if (s->type == XML_ELEMENT_NODE) {
			struct ninfo *si = info(c, s);
			double bonus = 0;
			const char *cl = markup_attr(s, "class");

			if (top_class != NULL && *top_class != '\0' && cl != NULL &&
			    strcmp(cl, top_class) == 0)
				bonus = top_score * 0.2;
			if (si->candidate && si->score + bonus >= threshold) {
				keep = 1;
			} else if (html_is(s, "p")) {
				double ld = link_density(c, s);

				if (si->text > 80 && ld < 0.25) {
					keep = 1;
				} else if (si->text < 80 && si->text > 0 && ld == 0) {
					char *t = node_text(s);

					keep = sentence_end(t);
					free(t);
				}
			}
		}
		if (keep) {
			xmlUnlinkNode(s);
			xmlAddChild(out, s);
		}
	}
	return out;
}
