/*
 * extract_priv: what the files of the extractor (article/extract*.c) share:
 * its thresholds, the per-node data, the metadata and serialiser state, and
 * the functions one file calls in another.  Not for use outside article/.
 */
#ifndef TIDINGS_EXTRACT_PRIV_H
#define TIDINGS_EXTRACT_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "article/extract.h"
#include "util/text.h"
#include "util/xalloc.h"

struct buf;

/* Readability's default: an attempt with less text than this is retried
 * with fewer cleaning rules. */
#define RETRY_CHARS 500
#define TOP_CANDIDATES 5
#define JSON_MAX_DEPTH 64
#define JSON_MAX_NODES 100000
#define META_MAX 2048	/* longest metadata string kept, in bytes */

/*
 * Caps, in bytes, on what the extractor reads of hostile input (each cuts
 * silently: what they cut is metadata or a measure, not the body):
 * URL_MAX the longest URL kept (the page's own, a link's, an image's;
 * 8192 was also MARKUP_META_SCAN, now markup/'s); JSON_MAX_STRING one
 * JSON string; JSONLD_MAX_SCRIPT the text of one JSON-LD <script>;
 * NODE_TEXT_MAX the text of one element, as node_text measures it.
 */
#define URL_MAX 8192
#define JSON_MAX_STRING (1u << 20)
#define JSONLD_MAX_SCRIPT (1u << 22)
#define NODE_TEXT_MAX (1u << 24)

/* Readability's weights: a class or id with a positive hint adds
 * CLASS_WEIGHT, a negative one takes it away; a paragraph scores from
 * SCORED_MIN_CHARS characters on, one point more each SCORED_CHARS_POINT
 * (up to three). */
#define CLASS_WEIGHT 25
#define SCORED_MIN_CHARS 25
#define SCORED_CHARS_POINT 100

/* The text of an element looked at as a byline, at most (bytes): more is
 * a paragraph, not a name. */
#define BYLINE_PROBE 320
/* Years a date the page shows may name (others are prices, counts). */
#define DATE_MIN_YEAR 1990
#define DATE_MAX_YEAR 2100
/* Characters under which a last or a linking block can be furniture (a
 * teaser, a call to action, a copyright line) rather than the article. */
#define SHORT_BLOCK 250

/* Rules an attempt applies; retries drop them one by one. */
#define F_STRIP_UNLIKELY 0x1
#define F_WEIGHT_CLASSES 0x2
#define F_CLEAN_COND 0x4
#define F_ALL (F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_COND)
/* Ignore the negative hints that dozens of the page's elements carry. */
#define F_COMMON_HINTS 0x8
/* Elements carrying a negative hint before F_COMMON_HINTS ignores it. */
#define COMMON_HINT 40


/*
 * Scores and text measures, hung on xmlNode._private (which the HTML
 * parser leaves alone) and allocated in chunks freed all at once.
 */
struct ninfo {
	double score;
	double text;		/* characters, each whitespace run counted once */
	double link;		/* of which inside links (#fragment links count 0.3) */
	unsigned commas;
	unsigned char candidate;
};

#define CHUNK 512
struct chunk {
	struct chunk *next;
	size_t used;
	struct ninfo v[CHUNK];
};

struct ctx {
	xmlDoc *doc;
	struct chunk *chunks;
	int flags;
	const char *title;	/* for dropping a heading that repeats it */
	const char *titles[4];	/* every title the metadata gives */
	const char *authors[3];	/* every author name it gives */
	int title_header_seen;
	size_t page_pchars;	/* paragraph text of the whole body */
	uint64_t common_hints;	/* negative_hints[i] dozens of elements carry */
	char *byline;		/* visible byline found while cleaning */
	xmlNode **score_list;
	size_t nscore, score_cap;
	xmlNode **cands;
	size_t ncands, cands_cap;
};

struct meta {
	char *title;		/* chosen title */
	char *jsonld_title, *jsonld_author, *jsonld_date;
	char *jsonld_page_date;	/* a WebPage's datePublished */
	char *jsonld_name, *jsonld_headline;
	int jsonld_seen;	/* an article object was read */
	int jsonld_publisher;	/* its author is an Organization or a WebSite */
	char *meta_title;	/* og:title and friends */
	char *meta_author;
	char *twitter_author;	/* twitter:dataN labelled "Written by" */
	char *meta_date;
	char *modified_date;	/* a date the metadata says the page changed */
	char *doc_title;	/* <title> */
	char *itemprop_date;
	char *time_date;	/* first <time datetime> */
	char *time_article;	/* first one inside <article>, or with pubdate */
	char *time_pubdate;	/* first <time pubdate datetime> */
	char *base;		/* <base href> */
	char *text_byline;	/* a byline found by its wording, not its markup */
	char *header_byline;	/* a name beside the date under the <h1> */
	time_t header_date;	/* the date under the <h1>, or (time_t)-1 */
	int header_updated;	/* ... which the page labels an update */
	char *site_name;	/* og:site_name and friends */
	time_t text_date;	/* a date as the page shows it, or (time_t)-1 */
	char **h1;		/* texts of h1 elements (up to 4) */
	size_t nh1;
	char **h2;		/* texts of h2 elements (up to 16) */
	size_t nh2;
	int h2_matches_title;
};

struct cstat {
	double text, link, heading;
	unsigned commas, p, img, li, input, embed;
};

struct ser {
	struct buf *out;
	const char *base;
	size_t content;		/* visible units emitted so far */
};

#define BYLINE_SEGMENTS 16

enum sctx { S_FLOW, S_AUTOP, S_PHRASING, S_LIST, S_TABLE, S_ROW, S_PRE };

/* extract_node.c */
int contains_any(const char *hay, const char *const *needles);
int starts_with_ci(const char *s, const char *prefix);
int contains_any_prefix(const char *s, const char *const *prefixes);
int equal_ci(const char *a, const char *b);
int has_token_ci(const char *s, const char *word);
/* Has c text and no element inside (comments aside)? */
int text_only(const xmlNode *c);
char *node_text_short(const xmlNode *n, size_t max);
char *node_text(const xmlNode *n);
size_t node_chars(const xmlNode *n);
char *clean_string(const char *s, size_t len);
void set_string(char **dst, char *s);
void push_node(xmlNode ***v, size_t *n, size_t *cap, xmlNode *x);
void remove_node(xmlNode *n);

/* extract_jsonld.c */
void meta_release(struct meta *m);
char *meta_value(const char *s);
void meta_jsonld(struct meta *m, const xmlNode *script);

/* extract_meta.c */
double meta_similarity(const char *a, const char *b);
void meta_collect(struct meta *m, xmlDoc *doc);
size_t meta_word_count(const char *s);

/* extract_title.c */
char *meta_pick_title(const struct meta *m);

/* extract_byline.c */
char *meta_shown_byline(const xmlNode *c);
char *meta_pick_byline(const struct meta *m, const char *found);
void meta_header(struct meta *m, const xmlNode *root);

/* extract_date.c */
int meta_shown_date(const char *s, time_t *out);
int meta_date_parse(const char *s, time_t *out);
int meta_date_usable(const struct meta *m, const char *meta_date);
void meta_date_walk(struct meta *m, const xmlNode *n, int depth);
int meta_zone_offset(const char *s);
void meta_pick_date(const struct meta *m, time_t *when, int *offset);

/* extract_clean.c */
extern const char *const drop_tags[];
int class_weight(const struct ctx *c, const xmlNode *n);
uint64_t common_hints(const xmlNode *body);
int inside(const xmlNode *n, const char *name, int maxdepth);
size_t paragraph_chars(const xmlNode *n, int depth);
void byline_segments(const xmlNode *n, char **seg, size_t *nseg, int depth);
char *byline_clean(char **seg, size_t n);
int similar_title(const char *a, const char *b);
void cut_depth(xmlNode *root);
int is_empty_block(const xmlNode *n);
void prep(struct ctx *c, xmlNode *n);

/* extract_score.c */
void measure(struct ctx *c, xmlNode *n, int in_link);
double link_density(struct ctx *c, xmlNode *n);
void score_paragraphs(struct ctx *c);
int element_children(const xmlNode *n);
xmlNode *pick_top(struct ctx *c, xmlNode *body);
int sentence_end(const char *s);
xmlNode *widen(struct ctx *c, xmlNode *top, xmlNode *body);
xmlNode *gather(struct ctx *c, xmlNode *top);

/* extract_tidy.c */
void clean_cond(struct ctx *c, xmlNode *n, struct cstat *st, int depth);
int date_line(const char *s);
int date_label(const char *s);
const char *skip_by_label(const char *s);
void clean_misc(struct ctx *c, xmlNode *n, int depth);

/* extract_tail.c */
void trim_tail(struct ctx *c, xmlNode *art);
void drop_repeats(struct ctx *c, xmlNode *art);

/* extract_sanitise.c */
int has_visible_text(const char *s);
void ser_children(struct ser *s, const xmlNode *n, enum sctx cx, int depth);
/*
 * Small helpers on the hot path (run for every element or text node), kept
 * inline: out of line, across files, they cost the extractor 1% more
 * instructions on the Readability pages.
 */
/* Case-insensitive substring search; needle in lower case (its bytes
 * from 0x80 compared as they are: as plain char they never matched). */
static inline int
contains_ci(const char *hay, const char *needle)
{
	size_t i, j, n = strlen(needle);

	for (i = 0; hay[i] != '\0'; i++) {
		for (j = 0; j < n && hay[i + j] != '\0'; j++)
			if (text_tolower((unsigned char)hay[i + j]) !=
			    (unsigned char)needle[j])
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

static inline size_t
utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* n's per-node data, allocated from c's chunks on first use. */
static inline struct ninfo *
info(struct ctx *c, xmlNode *n)
{
	struct chunk *k;

	if (n->_private != NULL)
		return n->_private;
	k = c->chunks;
	if (k == NULL || k->used == CHUNK) {
		k = xcalloc(1, sizeof *k);
		k->next = c->chunks;
		c->chunks = k;
	}
	n->_private = &k->v[k->used++];
	return n->_private;
}

static inline unsigned
count_commas(const char *s)
{
	unsigned n = 0;
	size_t i = 0, len = strlen(s);
	uint32_t cp;

	while (i < len) {
		if (s[i] == ',') {
			n++;
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += text_decode(s + i, len - i, &cp);
		if (cp == 0x060C || cp == 0xFE50 || cp == 0xFE10 || cp == 0xFE11 ||
		    cp == 0x2E41 || cp == 0x2E34 || cp == 0x2E32 || cp == 0xFF0C ||
		    cp == 0x3001)
			n++;
	}
	return n;
}

/* Characters of s with each whitespace run counted once, ends trimmed. */
static inline size_t
collapsed_chars(const char *s)
{
	size_t n = 0;
	int sp = 0;

	while (text_ishtmlspace((unsigned char)*s))
		s++;
	for (; *s != '\0'; s++) {
		if (text_ishtmlspace((unsigned char)*s)) {
			sp = 1;
			continue;
		}
		if (sp) {
			n++;
			sp = 0;
		}
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	}
	return n;
}

#endif
