/*
 * filter: newsboat's filter language, parsed once into a tree.
 *
 * The language (newsboat's "Filter Language" chapter):
 *
 *     ATTRIBUTE OP VALUE            title =~ "linux", age < 3, unread = "yes"
 *     EXPR and EXPR, EXPR or EXPR   ( a = "1" or b = "2" ) and c != "3"
 *
 * Operators = (==) != =~ !~ (POSIX extended regex, case-insensitive) < > <=
 * >= between (N:M, either order) # !# (a word of a space-separated list).
 * Values are "quoted strings" (a backslash keeps the next character and
 * stays in the value, as newsboat does: "a\"b" is the four bytes a\"b),
 * numbers (-12) or ranges (1:10).  and/or have no precedence: an
 * expression is one term, then optionally and/or and the rest of the
 * expression, so "a and b or c" is a and (b or c), as in newsboat.  Every
 * attribute is a string; < > <= >= between compare the numbers that start
 * the two strings (0 when none, clamped to 32 bits), as newsboat does.
 *
 * Knows no SQLite and no curses: store/filter compiles a tree to SQL over
 * the cache; filter_match evaluates one in C on values a caller supplies
 * (items of a poll before they are stored, rows on a screen).  Both give
 * the same answers.
 *
 * Bounded: an expression longer than FILTER_MAX_LEN, with more than
 * FILTER_MAX_TERMS comparisons or nested deeper than FILTER_MAX_DEPTH is
 * refused with a message, and so are regular expressions that could make
 * matching slow (back-references, large repetition counts); matching looks
 * at most FILTER_MAX_SUBJECT bytes of a value.
 */
#ifndef TIDINGS_FILTER_H
#define TIDINGS_FILTER_H

#include <regex.h>
#include <stddef.h>
#include <time.h>

#include "util/err.h"

#define FILTER_MAX_LEN 16384
#define FILTER_MAX_TERMS 500
#define FILTER_MAX_DEPTH 64
/* a regex longer than this is refused; glibc's regcomp grows with it */
#define FILTER_MAX_REGEX 1024
/* atoms of a regex once regcomp has copied what + and {m,n} repeat */
#define FILTER_MAX_REPEAT 2000
/* bytes of an attribute's value a regex or a comparison looks at */
#define FILTER_MAX_SUBJECT (1024 * 1024)

/*
 * X(ID, name, feed-level): newsboat's attributes.  Feed-level ones (the
 * item's feed's) also work in a feed list.  Attributes tidings has no data
 * for (description, feeddate, enclosure_type, flags) are the empty string,
 * as newsboat gives for a feed or item without them.
 */
#define FILTER_ATTRS(X) \
	X(TITLE, "title", 0) \
	X(LINK, "link", 0) \
	X(AUTHOR, "author", 0) \
	X(CONTENT, "content", 0) \
	X(DATE, "date", 0) \
	X(GUID, "guid", 0) \
	X(UNREAD, "unread", 0) \
	X(ENCLOSURE_URL, "enclosure_url", 0) \
	X(ENCLOSURE_TYPE, "enclosure_type", 0) \
	X(FLAGS, "flags", 0) \
	X(AGE, "age", 0) \
	X(ARTICLEINDEX, "articleindex", 0) \
	X(FEEDTITLE, "feedtitle", 1) \
	X(DESCRIPTION, "description", 1) \
	X(FEEDLINK, "feedlink", 1) \
	X(FEEDDATE, "feeddate", 1) \
	X(RSSURL, "rssurl", 1) \
	X(UNREAD_COUNT, "unread_count", 1) \
	X(TOTAL_COUNT, "total_count", 1) \
	X(TAGS, "tags", 1) \
	X(FEEDINDEX, "feedindex", 1) \
	X(LATEST_ARTICLE_AGE, "latest_article_age", 1)

enum filter_attr {
#define FILTER_ATTR_ENUM(id, name, feed) FILTER_A_##id,
	FILTER_ATTRS(FILTER_ATTR_ENUM)
#undef FILTER_ATTR_ENUM
	FILTER_NATTRS
};

enum filter_op {
	FILTER_EQ, FILTER_NE, FILTER_RE, FILTER_NRE, FILTER_LT, FILTER_GT,
	FILTER_LE, FILTER_GE, FILTER_BETWEEN, FILTER_CONTAINS, FILTER_NCONTAINS,
};

enum filter_kind { FILTER_AND, FILTER_OR, FILTER_CMP };

/* A node of the tree.  Read by store/filter; built only here. */
struct filter_node {
	enum filter_kind kind;
	struct filter_node *left, *right;	/* FILTER_AND, FILTER_OR */
	enum filter_attr attr;			/* FILTER_CMP */
	enum filter_op op;
	char *value;		/* the literal as newsboat keeps it (no NUL inside) */
	int num;		/* its leading number (< > <= >=) */
	int lo, hi;		/* between: the range, lo <= hi */
	int range_ok;		/* between: the value is two fields N:M */
	regex_t re;		/* =~ !~: compiled once */
	int has_re;
	/*
	 * =~ !~ on a pattern that is plain ASCII text (branches split by |,
	 * each maybe anchored by ^ and $): the branches, matched without the
	 * regex engine (case-insensitive), with the same answers.  NULL for
	 * any other pattern.
	 */
	struct filter_literal *lits;
	size_t nlits;
};

struct filter_literal {
	char *text;		/* lower case */
	size_t len;
	int at_start, at_end;	/* ^ and $ */
	/* Horspool's shifts for a search anywhere, by byte of the subject
	 * (either case of a letter shifts alike) */
	unsigned char shift[256];
};

struct filter {
	struct filter_node *root;
	char *text;		/* the expression as given */
	int uses[FILTER_NATTRS];	/* attributes the tree reads */
};

/*
 * Parse text.  NULL and *e ("filter: line 1, column 17: expected a value
 * after \"=~\"") when it is not an expression; columns count characters
 * from 1.  Free with filter_free.
 */
struct filter *filter_parse(const char *text, struct err *e);
void filter_free(struct filter *f);

/* The attribute called name, or -1. */
int filter_attr_lookup(const char *name);
const char *filter_attr_name(enum filter_attr a);
/* 1 when the attribute is the feed's (feedtitle, tags, ...). */
int filter_attr_is_feed(enum filter_attr a);

/*
 * The value of attribute a for the thing being matched, never NULL
 * ("" when it has none); it must stay valid until filter_match returns.
 */
typedef const char *filter_value_fn(void *ctx, enum filter_attr a);
/* 1 when the subject matches f, else 0 (and and or short-circuit). */
int filter_match(const struct filter *f, filter_value_fn *get, void *ctx);

/* The parts filter_match and store/filter share, so both agree. */
/* newsboat's string_to_num: the leading -?digits of s, clamped; 0 if none. */
int filter_number(const char *s);
/* One comparison on the value v of its attribute. */
int filter_compare(const struct filter_node *n, const char *v);
/* 1 when word is one of the ' '-separated fields of list ("" included). */
int filter_contains(const char *list, const char *word);
/* newsboat's tags value (each tag followed by a space, "a b ") of the
 * cache's "a, b" (NULL: none), appended to out. */
struct buf;
void filter_tags_value(const char *tags, struct buf *out);
/* A regex on at most FILTER_MAX_SUBJECT bytes of v. */
int filter_regex(const regex_t *re, const char *v);
/* The =~ of a node (its literal branches or its regex). */
int filter_node_regex(const struct filter_node *n, const char *v);
/*
 * newsboat's date attribute: "%a, %d %b %Y %T %z" in local time with
 * English names, into out (at least 40 bytes).
 */
void filter_date_text(time_t t, char *out, size_t size);

/* The killfile: ignore-article FEED EXPRESSION. */
/* One ignore-article rule.  feed: a URL, NULL for "*"; feed_re set for
 * "regex:PATTERN" (case-insensitive ERE on the feed's URL). */
struct filter_ignore {
	char *feed;
	char *feed_word;	/* the feed as written ("*", a URL, "regex:...") */
	regex_t feed_re;
	int feed_is_re;
	struct filter *match;
};

/*
 * Parse an ignore-article rule's two words (feed, expression) into r: 0,
 * or -1 with *e ("filter: line 1, column 3: ..." or a bad feed pattern).
 * Release with filter_ignore_release.
 */
int filter_ignore_init(struct filter_ignore *r, const char *feed, const char *expr,
    struct err *e);
void filter_ignore_release(struct filter_ignore *r);
/* 1 when rule r applies to the feed with this URL. */
int filter_ignore_feed(const struct filter_ignore *r, const char *feed_url);

#endif
