/*
 * app/article_body: which of an item's texts is shown as its body, in one
 * place for `tidings show` and the reader's article screen.
 *
 * The rule: the downloaded article when its status is "ok" and it has
 * text; else the feed's content when it is not empty; else the feed's
 * summary when it is not empty; else nothing.  (An empty content_html
 * is what many feeds send beside a real summary: it must not hide it.)
 * The title and byline are the article's when the article is shown and
 * has them, else the item's; a feed that names no author or date gives
 * way to the page's (the extractor's byline and date, kept even when its
 * body was too short to show).
 */
#ifndef TIDINGS_ARTICLE_BODY_H
#define TIDINGS_ARTICLE_BODY_H

#include <time.h>

#include "store/items.h"

enum article_body_source {
	ARTICLE_BODY_ARTICLE,	/* the downloaded, extracted article */
	ARTICLE_BODY_CONTENT,	/* the feed's content (content:encoded, Atom content) */
	ARTICLE_BODY_SUMMARY,	/* the feed's summary (description, Atom summary) */
	ARTICLE_BODY_NONE,	/* no text at all: html is "" */
};

/* Strings borrowed from the item: valid while it is; never NULL. */
struct article_body {
	enum article_body_source source;
	const char *html;
	const char *title;
	const char *byline;
	time_t published;	/* the feed's date, else the page's; (time_t)-1 */
};

void article_body_choose(const struct item_full *it, struct article_body *out);

/* Why the article is not shown, for a note ("the download failed", "not
 * downloaded yet"); NULL when it is. */
const char *article_body_why(const struct item_full *it);

#endif
