#include "ui/ui.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_priv.h"
#include "util/err.h"
#include "util/xalloc.h"

/* Descriptors polled at once: the keyboard and the reload's sockets. */
#define UI_MAX_FDS 256
#define UI_LATE_MAX 200

const struct ui_screen_def ui_screens[] = {
	[UI_FEEDS] = { KEYMAP_VIEW_FEEDLIST, {
		{ KEYMAP_QUIT, "Quit", NULL }, { KEYMAP_OPEN, "Open", NULL },
		{ KEYMAP_HELP, "Help", NULL }, { KEYMAP_SEARCH, "Search", NULL },
		{ KEYMAP_RELOAD, "Reload", NULL }, { KEYMAP_RELOAD_ALL, "Reload all", NULL },
		{ KEYMAP_NEXT_UNREAD, "Next unread", NULL },
		{ KEYMAP_MARK_FEED_READ, "Mark read", NULL } } },
	[UI_ITEMS] = { KEYMAP_VIEW_ITEMLIST, {
		{ KEYMAP_QUIT, "Back", NULL }, { KEYMAP_OPEN, "Open", NULL },
		{ KEYMAP_TOGGLE_READ, "Toggle read", NULL }, { KEYMAP_TOGGLE_STAR, "Star", NULL },
		{ KEYMAP_OPEN_BROWSER, "Browser", NULL }, { KEYMAP_HELP, "Help", NULL } } },
	[UI_ARTICLE] = { KEYMAP_VIEW_ARTICLE, {
		{ KEYMAP_QUIT, "Back", NULL }, { KEYMAP_NEXT, "Next", NULL },
		{ KEYMAP_NEXT_UNREAD, "Next unread", "Next match" },
		{ KEYMAP_OPEN_BROWSER, "Browser", NULL }, { KEYMAP_TOGGLE_STAR, "Star", NULL },
		{ KEYMAP_HELP, "Help", NULL } } },
	[UI_HELP] = { KEYMAP_VIEW_HELP, { { KEYMAP_QUIT, "Back", NULL } } },
	/* while the query is edited, ui_draw.c says which keys edit it */
	[UI_SEARCH] = { KEYMAP_VIEW_SEARCH, {
		{ KEYMAP_QUIT, "Back", NULL }, { KEYMAP_OPEN, "Open", NULL },
		{ KEYMAP_SEARCH, "Edit query", NULL } } },
	/* newsboat's URL view; its keys are those bound for every view */
	[UI_URLS] = { KEYMAP_VIEW_URLVIEW, {
		{ KEYMAP_QUIT, "Quit", NULL }, { KEYMAP_OPEN, "Open in Browser", NULL },
		{ KEYMAP_BOOKMARK, "Save Bookmark", NULL } } },
	[UI_FILTERS] = { KEYMAP_VIEW_FILTERSELECT, {
		{ KEYMAP_QUIT, "Cancel", NULL }, { KEYMAP_OPEN, "Select filter", NULL } } },
};

void
ui_message(struct ui *u, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->message, sizeof u->message, fmt, ap);
	va_end(ap);
	u->message_error = error;
	u->dirty = 1;
}

static void
ui_late(struct ui *u, const char *line)
{
	if (u->nlate >= UI_LATE_MAX)
		return;
	u->late = xreallocarray(u->late, u->nlate + 1, sizeof *u->late);
	u->late[u->nlate++] = xstrdup(line);
}

void
ui_fail(struct ui *u, const struct err *e)
{
	ui_message(u, 1, "%s", e->msg);
}

/* ---- layout ---- */

void
ui_layout(struct ui *u)
{
	struct err e;
	int h, rc;

	getmaxyx(stdscr, u->rows, u->cols);
	if (u->rows < 1)
		u->rows = 1;
	if (u->cols < 1)
		u->cols = 1;
	h = ui_body_height(u);
	view_list_set_height(&u->feeds.list, h);
	view_list_set_height(&u->items.list, h);
	view_list_set_height(&u->help.list, h);
	view_list_set_height(&u->urls.list, h);
	view_list_set_height(&u->search.list, view_search_rows(h));
	view_article_set_height(&u->article, h);
	rc = u->article.open ? view_article_set_width(&u->article, u->cols, &e) : 0;
	if (rc < 0)
		ui_fail(u, &e);
	else if (rc > 0 && u->article_return == UI_SEARCH)
		view_search_mark_article(&u->search, u->db, &u->article);
	if (u->items.title != NULL && view_items_sync(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
	u->dirty = 1;
}

/* ---- loading the screens ---- */

static void
ui_load_feeds(struct ui *u)
{
	struct err e;

	if (view_feeds_load(&u->feeds, u->db, &e) < 0)
		ui_fail(u, &e);
	ui_filter_feeds(u);	/* query feeds (ui_filter.c) */
	u->dirty = 1;
}

static void
ui_open_items(struct ui *u)
{
	const struct views_feed *f = view_feeds_current(&u->feeds);
	struct err e;

	if (f == NULL)
		return;
	u->items.list.height = ui_body_height(u);
	/* a query feed lists every feed's items through its filter */
	if (view_items_open(&u->items, u->db, ui_filter_open_feed(u, f->id),
	    f->id < 0 ? NULL : u->feeds.tag, !u->show_read, f->title, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_filter_items(u);	/* set-filter and the killfile */
	/* goto-first-unread: the cursor on the first unread item */
	if (settings_bool(u->cfg, SETTINGS_V_GOTO_FIRST_UNREAD) &&
	    view_items_current(&u->items) != NULL && view_items_current(&u->items)->read &&
	    view_items_next_unread(&u->items, u->db, 1, &e) < 0)
		ui_fail(u, &e);
	u->screen = UI_ITEMS;
	u->dirty = 1;
	/* a feed whose last poll failed says why, not only "(no items)" */
	if (f->failed && f->id != 0)
		ui_message(u, 1, "the last poll of this feed failed: %s",
		    f->last_error ? f->last_error : "(no message)");
}

static void
ui_open_article(struct ui *u, int64_t id, enum ui_screen from)
{
	struct err e;
	int rc;

	u->article.height = ui_body_height(u);
	rc = view_article_open(&u->article, u->db, id, u->cols, &e);
	if (rc < 0) {
		ui_fail(u, &e);
		return;
	}
	if (rc == 0) {
		ui_message(u, 1, "that item is no longer in the cache");
		return;
	}
	view_article_set_height(&u->article, ui_body_height(u));
	u->article_return = from;
	u->screen = UI_ARTICLE;
	u->dirty = 1;
	/* reading it marks it read, and the open article says so too (u
	 * toggles from what it holds) */
	if (from == UI_ITEMS) {
		rc = view_items_set_read(&u->items, u->db, 1, &e);
		if (rc == 0)
			u->article.item.row.read = 1;
	} else {
		rc = view_article_set_flag(&u->article, u->db, 0, 1, &e);
	}
	if (rc < 0)
		ui_fail(u, &e);
	if (from == UI_SEARCH) {
		view_search_mark_article(&u->search, u->db, &u->article);
		view_article_show_first_match(&u->article);
	}
}

void
ui_open_help(struct ui *u)
{

	if (u->screen == UI_HELP)
		return;
	view_help_build(&u->help, u->cfg->keymap, ui_screens[u->screen].view);
	view_list_set_height(&u->help.list, ui_body_height(u));
	u->help_return = u->screen;
	u->screen = UI_HELP;
	u->dirty = 1;
}

/* ---- background reload ---- */

static void
ui_reload_changed(void *arg)
{
	struct ui *u = arg;

	u->dirty = 1;
}

static void ui_reload_done(struct ui *u);

void
ui_reload(struct ui *u, int64_t feed_id)
{
	struct err e;
	int gave_way = 0;

	/* a reload down to its article pages (a tarpit may hold them for
	 * minutes) gives way: its feeds are stored, its pages wait */
	if (reload_in_articles(&u->reload)) {
		reload_cancel(&u->reload);
		ui_reload_done(u);
		gave_way = 1;
	}
	if (reload_running(&u->reload)) {
		ui_message(u, 0, "a reload is already running");
		return;
	}
	ui_notify_start(u);
	/* R with reload-only-visible-feeds: the feeds the list shows */
	if ((feed_id ? reload_start(&u->reload, feed_id, &e)
	    : reload_start_visible(&u->reload, u->feeds.tag, &e)) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_message(u, 0, "%s%s", feed_id ? "reloading the feed" : "reloading all feeds",
	    gave_way ? " (the last reload's article pages stopped)" : "");
}

/* auto-reload: every feed, not forced, and never over a running reload */
static void
ui_reload_auto(struct ui *u)
{
	struct err e;

	if (reload_running(&u->reload))
		return;
	if (reload_start_auto(&u->reload, &e) < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, "reloading all feeds (auto-reload)");
}

static void
ui_reload_done(struct ui *u)
{
	const struct poll_progress *p = reload_progress(&u->reload);
	const char *const *lines;
	size_t n = reload_errors(&u->reload, &lines), i;
	struct err e;

	for (i = 0; i < n; i++)
		ui_late(u, lines[i]);
	if (reload_error_log(u->cfg, lines, n, &e) < 0)
		ui_late(u, e.msg);
	if (p->feeds_failed > 0)
		ui_message(u, 1, "reloaded: %d new, %d failed: %s", p->items_new, p->feeds_failed,
		    n > 0 ? lines[n - 1] : "");
	else
		ui_message(u, 0, "reloaded: %d new items, %d updated", p->items_new,
		    p->items_updated);
	reload_end(&u->reload);
	ui_load_feeds(u);
	ui_notify_done(u);
	if (u->items.title != NULL && view_items_reload(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
	ui_filter_reloaded(u);	/* new items: the filter's tables again */
}

/* ---- actions ---- */

struct view_list *
ui_current_list(struct ui *u)
{
	switch (u->screen) {
	case UI_FEEDS: return &u->feeds.list;
	case UI_ITEMS: return &u->items.list;
	case UI_HELP: return &u->help.list;
	case UI_SEARCH: return &u->search.list;
	case UI_URLS: return &u->urls.list;
	case UI_FILTERS: return &u->filters_list;
	default: return NULL;
	}
}

void
ui_after_move(struct ui *u)
{
	struct err e;

	if (u->screen == UI_ITEMS && view_items_sync(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
	if (u->screen == UI_SEARCH)
		ui_search_more(u);
	u->dirty = 1;
}

void
ui_back(struct ui *u)
{
	switch (u->screen) {
	case UI_FEEDS:
		if (u->cfg->confirm_exit)
			u->prompt = UI_PROMPT_QUIT;
		else
			u->quit = 1;
		break;
	case UI_ITEMS:
		u->screen = UI_FEEDS;
		ui_load_feeds(u);
		break;
	case UI_ARTICLE:
		u->screen = u->article_return;
		break;
	case UI_HELP:
		u->screen = u->help_return;
		break;
	case UI_SEARCH:
		u->screen = u->search_return;
		ui_load_feeds(u);
		break;
	case UI_URLS:
		u->screen = u->urls_return;
		break;
	case UI_FILTERS:
		u->screen = u->filters_return;
		break;
	}
	u->dirty = 1;
}

void
ui_open(struct ui *u)
{
	const struct item_row *r;
	struct search_hit *hit;

	switch (u->screen) {
	case UI_FEEDS:
		ui_open_items(u);
		break;
	case UI_ITEMS:
		if ((r = view_items_current(&u->items)) != NULL)
			ui_open_article(u, r->id, UI_ITEMS);
		break;
	case UI_SEARCH:
		if ((hit = view_search_current(&u->search)) != NULL) {
			hit->read = 1;
			ui_open_article(u, hit->id, UI_SEARCH);
		}
		break;
	case UI_URLS:
		ui_urls_open_current(u, 1);
		break;
	case UI_FILTERS:
		ui_filter_pick(u);
		break;
	default:
		break;
	}
}

/* J/K: the next/previous row, and in the article view the next article. */
void
ui_next(struct ui *u, int dir)
{
	struct view_list *l;

	if (u->screen != UI_ARTICLE) {
		if ((l = ui_current_list(u)) != NULL) {
			view_list_move(l, dir);
			ui_after_move(u);
		}
		return;
	}
	l = u->article_return == UI_SEARCH ? &u->search.list : &u->items.list;
	if ((dir > 0 && l->cursor + 1 >= l->count) || (dir < 0 && l->cursor == 0)) {
		ui_message(u, 0, dir > 0 ? "this is the last item" : "this is the first item");
		return;
	}
	u->screen = u->article_return;
	view_list_move(l, dir);
	ui_after_move(u);
	ui_open(u);
}

void
ui_next_unread(struct ui *u, int dir)
{
	struct err e;
	int rc;

	switch (u->screen) {
	case UI_FEEDS:
		if (!view_feeds_next_unread(&u->feeds, dir))
			ui_message(u, 0, "no more feeds with unread items");
		break;
	case UI_ITEMS:
	case UI_ARTICLE:
		if (u->screen == UI_ARTICLE && u->article_return == UI_SEARCH) {
			/* in a search result n/N go from match to match */
			if (!view_article_next_match(&u->article, dir))
				ui_message(u, 0, "no more matches");
			break;
		}
		rc = view_items_next_unread(&u->items, u->db, dir, &e);
		if (rc < 0)
			ui_fail(u, &e);
		else if (rc == 0 && !ui_nav_next_unread_feed(u))
			ui_message(u, 0, "no more unread items");
		else if (u->screen == UI_ARTICLE)
			ui_open_article(u, view_items_current(&u->items)->id, UI_ITEMS);
		break;
	default:
		break;
	}
	u->dirty = 1;
}

int64_t
ui_current_item(struct ui *u, int *from_items)
{
	const struct item_row *r;
	const struct search_hit *hit;

	*from_items = 0;
	if (u->screen == UI_ARTICLE && u->article.open)
		return u->article.item.row.id;
	if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL) {
		*from_items = 1;
		return r->id;
	}
	if (u->screen == UI_SEARCH && (hit = view_search_current(&u->search)) != NULL)
		return hit->id;
	return 0;
}

void
ui_toggle_flag(struct ui *u, int star)
{
	struct err e;
	int from_items, value, rc;
	int64_t id = ui_current_item(u, &from_items);

	if (id == 0)
		return;
	if (from_items) {
		rc = star ? view_items_set_starred(&u->items, u->db, -1, &e)
		    : view_items_set_read(&u->items, u->db, -1, &e);
		value = star ? view_items_current(&u->items)->starred
		    : view_items_current(&u->items)->read;
	} else {
		const struct item_row *row = &u->article.item.row;
		struct search_hit *hit = view_search_current(&u->search);

		if (u->screen == UI_ARTICLE) {
			value = star ? !row->starred : !row->read;
			rc = view_article_set_flag(&u->article, u->db, star, value, &e);
		} else {
			rc = view_search_set_flag(&u->search, u->db, star, -1, &e);
			value = star ? hit->starred : hit->read;
		}
		/* keep the list under the article in step */
		if (rc == 0 && u->screen == UI_ARTICLE && u->article_return == UI_ITEMS) {
			struct item_row *r = (struct item_row *)view_items_current(&u->items);

			if (r != NULL && r->id == id) {
				if (star)
					r->starred = value;
				else
					r->read = value;
			}
		}
		/* and the search hit under it */
		if (rc == 0 && u->screen == UI_ARTICLE && u->article_return == UI_SEARCH &&
		    hit != NULL && hit->id == id) {
			if (star)
				hit->starred = value;
			else
				hit->read = value;
		}
	}
	if (rc < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_message(u, 0, star ? (value ? "starred" : "unstarred")
	    : (value ? "marked read" : "marked unread"));
}

void
ui_mark_feed_read(struct ui *u, int all)
{
	const struct views_feed *f;
	struct err e;
	int64_t id = 0;

	if (!all && ui_filter_mark_read(u))	/* a filtered list: what it holds */
		return;
	if (!all) {
		if (u->screen == UI_FEEDS && (f = view_feeds_current(&u->feeds)) != NULL)
			id = f->id;
		else if (u->screen == UI_ITEMS)
			id = u->items.q.feed_id;
		else
			return;
	}
	if (id == 0 && !all && u->feeds.tag != NULL) {
		ui_message(u, 1, "clear the tag filter to mark every feed read");
		return;
	}
	/* only what this screen has loaded: not what a poll added since */
	if ((u->screen == UI_ITEMS ? view_items_mark_read(&u->items, u->db, all, &e)
	    : view_feeds_mark_read(&u->feeds, u->db, id, &e)) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_load_feeds(u);
	if (u->screen == UI_ITEMS && view_items_reload(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
	ui_message(u, 0, id ? "feed marked read" : "every item marked read");
}

void
ui_open_browser(struct ui *u)
{
	const struct item_row *r;
	const struct search_hit *hit;
	const char *url = NULL, *title = NULL;	/* title: the browser's %T */
	struct err e;

	if (u->screen == UI_ARTICLE) {
		url = u->article.item.row.url;
		title = u->article.item.row.title;
	} else if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL) {
		url = r->url;
		title = r->title;
	} else if (u->screen == UI_SEARCH && (hit = view_search_current(&u->search)) != NULL) {
		url = hit->url;
		title = hit->title;
	}
	else if (u->screen == UI_URLS)
		url = view_urls_current(&u->urls);
	if (url == NULL) {
		ui_message(u, 1, "no link to open");
		return;
	}
	if (ui_browser_run(u->cfg, url, title, 1, &e) < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, "opened in the browser");
	ui_layout(u);
}

void
ui_set_show_read(struct ui *u, int on)
{
	struct err e;

	u->show_read = on;
	u->feeds.show_read = on;
	ui_load_feeds(u);
	if (u->items.title != NULL) {
		u->items.q.unread_only = !on;
		if (view_items_reload(&u->items, u->db, &e) < 0)
			ui_fail(u, &e);
	}
	ui_message(u, 0, on ? "showing read items" : "hiding read items");
}

/*
 * tag may point into u->feeds.tags (select-tag passes the next one), which
 * reloading the feeds frees: after view_feeds_set_tag only the filter's
 * own copy, u->feeds.tag, is used.
 */
void
ui_set_tag(struct ui *u, const char *tag)
{
	view_feeds_set_tag(&u->feeds, tag);
	tag = NULL;
	ui_load_feeds(u);
	if (u->screen == UI_ITEMS)
		u->screen = UI_FEEDS;
	if (u->feeds.tag != NULL)
		ui_message(u, 0, "tag: %s", u->feeds.tag);
	else
		ui_message(u, 0, "every feed");
}

void
ui_goto_line(struct ui *u, long n)
{
	struct view_list *l = ui_current_list(u);

	if (u->screen == UI_ARTICLE) {
		u->article.top = 0;
		view_article_scroll(&u->article, (int)(n - 1));
	} else if (l != NULL) {
		/* the feed list numbers feeds from 1 under "All items" (row 0) */
		view_list_goto(l, (int)(u->screen == UI_FEEDS ? n : n - 1));
		ui_after_move(u);
	}
	u->dirty = 1;
}

/* ---- the loop ---- */

static int
ui_loop(struct ui *u, struct err *e)
{
	struct pollfd fds[UI_MAX_FDS];
	uint32_t key;

	while (!u->quit) {
		size_t nfds, np = 0;
		int timeout = -1, ready;
		struct timespec now;
		long auto_ms;

		if (ui_term_quit_requested())
			break;
		if (u->screen == UI_SEARCH && u->search.dirty) {
			/* typing goes first: a waiting key interrupts the search */
			if (ui_search_run(u, u->search.list.top + 2 * ui_body_height(u)) == 1)
				timeout = 0;
		}
		if (u->dirty) {
			ui_draw(u);
			u->dirty = 0;
		}
		fds[0].fd = STDIN_FILENO;
		fds[0].events = POLLIN;
		fds[0].revents = 0;
		fds[1].fd = ui_term_signal_fd();
		fds[1].events = POLLIN;
		fds[1].revents = 0;
		nfds = 2;
		np = reload_fds(&u->reload, fds + 2, UI_MAX_FDS - 2, &timeout);
		nfds += np;
		if (u->screen == UI_SEARCH && u->search.dirty)
			timeout = 0;
		clock_gettime(CLOCK_MONOTONIC, &now);
		auto_ms = reload_auto_ms(&u->reload, &now);
		if (auto_ms >= 0 && (timeout < 0 || auto_ms < timeout))
			timeout = (int)(auto_ms < INT_MAX ? auto_ms : INT_MAX);
		ready = poll(fds, (nfds_t)nfds, timeout);
		if (ready < 0 && errno != EINTR)
			return err_set(e, "poll: %s", strerror(errno));
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (reload_auto_due(&u->reload, &now) && u->reload.feeds_path != NULL)
			ui_reload_auto(u);
		if (reload_running(&u->reload)) {
			if (reload_step(&u->reload, ready > 0 ? fds + 2 : NULL, ready > 0 ? np : 0) == 0)
				ui_reload_done(u);
			else if (reload_refresh_due(&u->reload) && u->screen == UI_FEEDS)
				ui_load_feeds(u);
		}
		if (ui_term_resized())
			ui_layout(u);
		while (!u->quit && (key = ui_term_key()) != 0)
			ui_key(u, key);
	}
	return 0;
}

/* cleanup-on-quit and delete-read-articles-on-quit, once no reload runs */
static void
ui_quit_cleanup(struct ui *u)
{
	struct err e;
	char *msg;
	int rc;

	if (reload_running(&u->reload)) {
		reload_cancel(&u->reload);
		reload_end(&u->reload);
	}
	rc = reload_quit(&u->reload, &msg, &e);
	if (rc < 0)
		ui_late(u, e.msg);
	else if (rc > 0)
		ui_late(u, msg);
	free(msg);
}

static void
ui_release(struct ui *u)
{
	ui_draw_release(u);
	reload_release(&u->reload);
	view_feeds_release(&u->feeds);
	view_items_release(&u->items);
	view_article_release(&u->article);
	view_cmdline_release(&u->cmd);
	view_search_release(&u->search);
	ui_filter_stop(u);
	ui_urls_release(u);
}

int
ui_run(struct db *db, struct settings *cfg, const char *feeds_path,
    const char *config_path, struct err *e)
{
	struct ui u;
	struct err he;
	char **msgs = NULL;
	size_t i, nmsgs = 0;
	int rc;

	memset(&u, 0, sizeof u);
	u.db = db;
	u.cfg = cfg;
	u.config_path = config_path;
	u.show_read = cfg->show_read_items;
	view_feeds_init(&u.feeds, u.show_read);
	view_items_init(&u.items);
	view_article_init(&u.article);
	view_cmdline_init(&u.cmd);
	view_search_init(&u.search);
	view_urls_init(&u.urls);
	reload_init(&u.reload, db, cfg, feeds_path);
	ui_filter_start(&u);
	u.reload.changed = ui_reload_changed;
	u.reload.changed_arg = &u;
	u.reload.config_path = config_path;	/* a feed server's sync runs apart */
	for (i = 0; i < cfg->nerrors; i++)
		ui_late(&u, cfg->errors[i]);
	/* highlight lines are compiled here: their errors are the config's */
	ui_draw_init(&u, &msgs, &nmsgs);
	for (i = 0; i < nmsgs; i++)
		ui_late(&u, msgs[i]);
	/* the search history lives beside the cache */
	if (view_search_history_load(&u.search, db, &he) < 0)
		ui_late(&u, he.msg);
	if (ui_term_start(cfg, e) < 0) {
		ui_release(&u);
		goto fail;
	}
	ui_layout(&u);
	ui_load_feeds(&u);
	if (cfg->nerrors > 0)
		ui_message(&u, 1, "%s%s", cfg->errors[0], cfg->nerrors > 1
		    ? " (and more: all are printed when you quit)" : "");
	else if (nmsgs > 0)
		ui_message(&u, 1, "%s%s", msgs[0], nmsgs > 1
		    ? " (and more: all are printed when you quit)" : "");
	for (i = 0; i < nmsgs; i++)
		free(msgs[i]);
	free(msgs);
	msgs = NULL;
	nmsgs = 0;
	/*
	 * Reload at start when asked, and always while the cache holds no item
	 * yet (a first run), so a new user sees headlines without knowing R.
	 */
	{
		struct timespec now;

		clock_gettime(CLOCK_MONOTONIC, &now);
		/* refresh-on-startup, auto-reload (less suppress-first-reload)
		 * and always while the cache holds no item yet (a first run,
		 * so a new user sees headlines without knowing R); the
		 * reload-time clock starts here */
		if (reload_at_start(&u.reload, reload_cache_is_empty(db), &now) && feeds_path)
			ui_reload(&u, 0);
	}
	/* run-on-startup: as if typed once the feed list is up */
	if (keymap_startup(cfg->keymap) != NULL)
		ui_run_ops(&u, keymap_startup(cfg->keymap));
	rc = ui_loop(&u, e);
	ui_term_stop();
	ui_quit_cleanup(&u);
	if (view_search_history_save(&u.search, &he) < 0)
		ui_late(&u, he.msg);
	ui_release(&u);
	/* what could not be shown while curses owned the screen */
	for (i = 0; i < u.nlate; i++) {
		err_print("%s", u.late[i]);	/* poll errors: feed text */
		free(u.late[i]);
	}
	free(u.late);
	return rc;
fail:
	for (i = 0; i < nmsgs; i++)
		free(msgs[i]);
	free(msgs);
	for (i = 0; i < u.nlate; i++)
		free(u.late[i]);
	free(u.late);
	return -1;
}
