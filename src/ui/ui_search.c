/*
 * ui_search: the search screen's runs, as the event loop drives them: a
 * query runs until a key is waiting on the terminal (then it is
 * interrupted and runs again after the key), more hits are fetched when
 * the cursor reaches the last one held, and a query that does not compile
 * says why in the message line.
 */
#include <poll.h>
#include <unistd.h>

#include "ui/ui_priv.h"

static int
ui_search_cancel(void *arg)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	(void)arg;
	return poll(&p, 1, 0) > 0;
}

/*
 * After a search ran: a query that does not compile (or run) says why in
 * the message line (view_search dropped the hits of the earlier query);
 * the message of an earlier error goes with it.  Returns rc.
 */
static int
ui_search_said(struct ui *u, int had_error, int rc)
{
	if (had_error)
		u->message[0] = '\0';
	if (u->search.error[0] != '\0')
		ui_message(u, 1, "search: %s", u->search.error);
	u->dirty = 1;
	return rc;
}

/* Run the query for hits 0 .. need; returns 0, or 1 when a key interrupted it. */
int
ui_search_run(struct ui *u, int need)
{
	int had = u->search.error[0] != '\0';

	return ui_search_said(u, had, view_search_run(&u->search, u->db, need,
	    ui_search_cancel, NULL));
}

/* Fetch more hits when the cursor reached the last one held. */
void
ui_search_more(struct ui *u)
{
	int had = u->search.error[0] != '\0';

	ui_search_said(u, had, view_search_more(&u->search, u->db, ui_search_cancel, NULL));
}

void
ui_open_search(struct ui *u)
{
	if (u->screen != UI_SEARCH) {
		/* q in the results goes back where / was pressed (not the article) */
		u->search_return = u->screen == UI_ARTICLE ? u->article_return : u->screen;
		if (u->search_return == UI_SEARCH || u->search_return == UI_HELP)
			u->search_return = UI_FEEDS;
		view_search_start(&u->search, ui_body_height(u));
	}
	u->search.editing = 1;
	u->screen = UI_SEARCH;
	u->dirty = 1;
}
