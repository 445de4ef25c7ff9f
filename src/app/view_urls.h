/*
 * view_urls: the link list (newsboat's URL view, the show-urls action) and
 * the article as text for the commands that take it (save, pipe-to,
 * external-url-viewer).
 *
 * The list holds the open article's links, numbered as the article
 * numbers them ("text[3]"), one row each, as newsboat shows them
 * ("%2u  URL").  Owns copies of the URLs; view_urls_release frees them.
 * No curses: ui/ui_urls.c draws it.
 */
#ifndef TIDINGS_VIEW_URLS_H
#define TIDINGS_VIEW_URLS_H

#include <stddef.h>

#include "app/view_list.h"
#include "store/db.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/err.h"

struct view_urls {
	struct view_list list;
	char **urls;		/* urls[i] is link number i + 1 */
	size_t n;
};

void view_urls_init(struct view_urls *v);
void view_urls_release(struct view_urls *v);
/* Copy links[0..n) (the article's) in; the cursor on the first. */
void view_urls_set(struct view_urls *v, char *const *links, size_t n);
/* The URL under the cursor, or NULL when the list is empty. */
const char *view_urls_current(const struct view_urls *v);

/*
 * Link number (1-based) of links[0..n) as typed at goto-url's prompt
 * (blanks around it allowed): *number and 0, or -1 and *e ("no link 7
 * in this article (it has 3)").
 */
int view_urls_parse_number(const char *text, size_t n, size_t *number, struct err *e);


/*
 * The item as text, as `tidings show` prints it (title, byline, date,
 * body, Link:), wrapped at width columns (0: a paragraph a line), with
 * control characters and escape sequences removed (the text goes to a
 * file or a command, and from there often to a terminal).  With width 0
 * the body's links are listed after it from links[0..nlinks) (the
 * article's numbering), whole, for urlscan and urlview.  Appended to
 * out: 0, or -1 past out's cap.
 */
int view_urls_article_text(const struct item_full *it, int width, char *const *links,
    size_t nlinks, struct buf *out);

/*
 * newsboat's file name for saving an article titled title: with restrict
 * (restrict-filename) only ASCII letters and digits are kept, '/' and
 * blanks become '_'; without it the title stays but '/' becomes '_' (a
 * name, never a path); ".txt" is added; an empty name is "article.txt".
 * A new string.
 */
char *view_urls_file_name(const char *title, int restrict_name);

/*
 * open-all-unread-in-browser and save-all: the items of feed_id (0: every
 * feed, of tag when not NULL), only unread ones when unread_only, newest
 * first, at most limit (max-browser-tabs).  Free with items_free_rows.
 * Marking one read: view_urls_mark_read.
 */
int view_urls_items(struct db *db, int64_t feed_id, const char *tag, int unread_only,
    int limit, struct item_row **rows, size_t *n, struct err *e);
int view_urls_mark_read(struct db *db, int64_t id, struct err *e);

#endif
