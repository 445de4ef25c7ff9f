/*
 * highlight: newsboat's "highlight CONTEXT REGEX FG [BG [ATTR...]]" lines
 * and search-highlight-colors, compiled once when the reader starts and
 * matched against the lines it draws.  No curses: a line gives back byte
 * ranges and the rule that colours each; ui/ paints them.
 *
 * CONTEXT is feedlist, articlelist, article or all.  REGEX is a POSIX
 * extended regular expression matched case-insensitively (newsboat's
 * REG_EXTENDED | REG_ICASE), every match of a line, later rules painting
 * over earlier ones where they overlap.
 *
 * The regex is the user's, but the text is hostile: a rule may not use
 * back-references (\1..\9, the one feature that makes POSIX matching
 * exponential), a pattern is at most HIGHLIGHT_MAX_PATTERN bytes, only
 * the first HIGHLIGHT_MAX_LINE bytes of a line are matched (article lines
 * are wrapped to the screen, list lines cut to it, so this is more than
 * a screen line holds), and only the lines on screen are ever matched.
 *
 * Owns the compiled rules; highlight_release frees them.
 */
#ifndef TIDINGS_HIGHLIGHT_H
#define TIDINGS_HIGHLIGHT_H

#include <regex.h>
#include <stddef.h>

#include "app/settings.h"
#include "filter/filter.h"
#include "store/views.h"

enum highlight_context {
	HIGHLIGHT_FEEDLIST,
	HIGHLIGHT_ARTICLELIST,
	HIGHLIGHT_ARTICLE,
};

#define HIGHLIGHT_MAX_RULES 200
#define HIGHLIGHT_MAX_PATTERN 1024
#define HIGHLIGHT_MAX_LINE 1024

struct highlight_rule {
	regex_t re;
	unsigned contexts;		/* 1 << enum highlight_context */
	struct settings_color color;
};

/* highlight-feed "EXPRESSION" FG [BG [ATTR...]] */
struct highlight_feed {
	struct filter *f;
	struct settings_color color;
};

struct highlight {
	struct highlight_rule *rules;
	size_t n;
	struct highlight_feed *feeds;	/* highlight-feed, in config order */
	size_t nfeeds;
	struct settings_color search;	/* search-highlight-colors */
	int has_search;			/* else the "match" colour */
};

/* A painted range of a line: bytes [start, end) in rule's colours. */
struct highlight_span {
	size_t start, end;
	size_t rule;
};

void highlight_init(struct highlight *h);
void highlight_release(struct highlight *h);
/*
 * Compile cfg's highlight and search-highlight-colors lines.  A bad line
 * (unknown context, colour or attribute, a regex that does not compile,
 * a back-reference) is skipped and its message, "config:12: highlight:
 * ...", appended to *msgs (*nmsgs of them, new strings the caller frees
 * with free, and the array too).
 */
void highlight_load(struct highlight *h, const struct settings *cfg, char ***msgs,
    size_t *nmsgs);
/*
 * highlight-feed (newsboat): the index in h->feeds of the first rule whose
 * filter expression the feed-list row f matches, or -1.  The expression
 * reads the feed's attributes (feedtitle, rssurl, tags, unread_count,
 * total_count, feedindex: index, its place in the list from 1); an
 * item's attribute, and feedlink, description, feeddate and
 * latest_article_age, which a feed-list row does not carry, are "".
 * Bad lines (a bad expression or colour) were skipped by highlight_load
 * with "config:12: highlight-feed: ...".
 */
int highlight_feed_rule(const struct highlight *h, const struct views_feed *f, int index);

/*
 * The painted ranges of s[0..len) in context ctx, in byte order and
 * disjoint, at most max of them (the rest of the line is left plain).
 * Returns how many were written to out.
 */
size_t highlight_line(const struct highlight *h, enum highlight_context ctx,
    const char *s, size_t len, struct highlight_span *out, size_t max);

#endif
