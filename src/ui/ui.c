#include "ui/ui.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui_priv.h"
#include "util/err.h"
#include "util/text.h"
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

static void
ui_fail(struct ui *u, const struct err *e)
{
	ui_message(u, 1, "%s", e->msg);
}

/* ---- layout ---- */

static void
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
	u->dirty = 1;
}

static void
ui_open_items(struct ui *u)
{
	const struct view_query_feed *f = view_feeds_current(&u->feeds);
	struct err e;

	if (f == NULL)
		return;
	u->items.list.height = ui_body_height(u);
	if (view_items_open(&u->items, u->db, f->id, u->feeds.tag, !u->show_read,
	    f->title, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
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

static void
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

/* ---- search ---- */

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
static int
ui_search_run(struct ui *u, int need)
{
	int had = u->search.error[0] != '\0';

	return ui_search_said(u, had, view_search_run(&u->search, u->db, need,
	    ui_search_cancel, NULL));
}

/* Fetch more hits when the cursor reached the last one held. */
static void
ui_search_more(struct ui *u)
{
	int had = u->search.error[0] != '\0';

	ui_search_said(u, had, view_search_more(&u->search, u->db, ui_search_cancel, NULL));
}

static void
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

/* ---- background reload ---- */

static void
ui_reload_changed(void *arg)
{
	struct ui *u = arg;

	u->dirty = 1;
}

static void
ui_reload(struct ui *u, int64_t feed_id)
{
	struct err e;

	if (reload_running(&u->reload)) {
		ui_message(u, 0, "a reload is already running");
		return;
	}
	if (reload_start(&u->reload, feed_id, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_message(u, 0, "%s", feed_id ? "reloading the feed" : "reloading all feeds");
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
	if (p->feeds_failed > 0)
		ui_message(u, 1, "reloaded: %d new, %d failed: %s", p->items_new, p->feeds_failed,
		    n > 0 ? lines[n - 1] : "");
	else
		ui_message(u, 0, "reloaded: %d new items, %d updated", p->items_new,
		    p->items_updated);
	reload_end(&u->reload);
	ui_load_feeds(u);
	if (u->items.title != NULL && view_items_reload(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
}

/* ---- actions ---- */

static struct view_list *
ui_current_list(struct ui *u)
{
	switch (u->screen) {
	case UI_FEEDS: return &u->feeds.list;
	case UI_ITEMS: return &u->items.list;
	case UI_HELP: return &u->help.list;
	case UI_SEARCH: return &u->search.list;
	default: return NULL;
	}
}

static void
ui_after_move(struct ui *u)
{
	struct err e;

	if (u->screen == UI_ITEMS && view_items_sync(&u->items, u->db, &e) < 0)
		ui_fail(u, &e);
	if (u->screen == UI_SEARCH)
		ui_search_more(u);
	u->dirty = 1;
}

static void
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
	}
	u->dirty = 1;
}

static void
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
	default:
		break;
	}
}

/* J/K: the next/previous row, and in the article view the next article. */
static void
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

static void
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
		else if (rc == 0)
			ui_message(u, 0, "no more unread items");
		else if (u->screen == UI_ARTICLE)
			ui_open_article(u, view_items_current(&u->items)->id, UI_ITEMS);
		break;
	default:
		break;
	}
	u->dirty = 1;
}

static int64_t
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

static void
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

static void
ui_mark_feed_read(struct ui *u, int all)
{
	const struct view_query_feed *f;
	struct err e;
	int64_t id = 0;

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

static void
ui_open_browser(struct ui *u)
{
	const struct item_row *r;
	const struct search_hit *hit;
	const char *url = NULL;
	struct err e;

	if (u->screen == UI_ARTICLE)
		url = u->article.item.row.url;
	else if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL)
		url = r->url;
	else if (u->screen == UI_SEARCH && (hit = view_search_current(&u->search)) != NULL)
		url = hit->url;
	if (url == NULL) {
		ui_message(u, 1, "no link to open");
		return;
	}
	if (ui_browser_open(u->cfg, url, &e) < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, "opened in the browser");
	ui_layout(u);
}

static void
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
static void
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

static void
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

/* ---- the ":" command line ---- */

static int
ui_cmd_quit(struct ui *u, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	u->quit = 1;
	return 0;
}

static int
ui_cmd_tag(struct ui *u, int argc, char **argv)
{
	ui_set_tag(u, argc == 2 ? argv[1] : NULL);
	return 0;
}

static int
ui_cmd_help(struct ui *u, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ui_open_help(u);
	return 0;
}

/* search WORDS: the search screen with WORDS typed in */
static int
ui_cmd_search(struct ui *u, int argc, char **argv)
{
	int i;

	ui_open_search(u);
	for (i = 1; i < argc; i++) {
		const char *p = argv[i];
		uint32_t cp;

		if (i > 1)
			view_cmdline_insert(&u->search.line, ' ');
		while (*p != '\0') {
			p += text_decode(p, strlen(p), &cp);
			view_cmdline_insert(&u->search.line, cp);
		}
	}
	if (argc > 1)
		u->search.dirty = 1;
	return 0;
}

static int
ui_cmd_open(struct ui *u, int argc, char **argv)
{
	struct err e;
	char *end;
	long n;

	(void)argc;
	if (u->screen != UI_ARTICLE)
		return -1;
	n = strtol(argv[1], &end, 10);
	if (*end != '\0' || n < 1 || (size_t)n > u->article.nlinks)
		ui_message(u, 1, "no link %s in this article", argv[1]);
	else if (ui_browser_open(u->cfg, u->article.links[n - 1], &e) < 0)
		ui_fail(u, &e);
	ui_layout(u);
	return 0;
}

/* Only what the reader can change while it runs; the rest of the config
 * language is named as such, not as an unknown command. */
static int
ui_cmd_set(struct ui *u, int argc, char **argv)
{
	int on;

	if (argc != 3) {
		ui_message(u, 1, "set needs OPTION VALUE (" KEYMAP_CMDLINE_SET ")");
	} else if (strcmp(argv[1], "show-read-items") == 0) {
		on = strcmp(argv[2], "yes") == 0 ? 1 : strcmp(argv[2], "no") == 0 ? 0 : -1;
		if (on < 0)
			ui_message(u, 1, "show-read-items: expected yes or no");
		else
			ui_set_show_read(u, on);
	} else {
		ui_message(u, 1, "set: %s%s%s (" KEYMAP_CMDLINE_SET " works here)",
		    config_is_option(argv[1]) ? "" : "unknown option \"", argv[1],
		    config_is_option(argv[1]) ? " can only be set in the config file for now"
		    : "\"");
	}
	return 0;
}

/*
 * The commands (KEYMAP_CMDLINE_HELP lists them for people).  A command
 * with another number of words after its name, or whose run returns -1
 * (not on this screen), is unknown.  NUMBER alone is handled before.
 */
static const struct ui_cmd {
	const char *name;
	const char *alias;		/* or NULL */
	int min_args, max_args;		/* words after the name; max -1: any */
	int (*run)(struct ui *u, int argc, char **argv);
} ui_cmds[] = {
	{ "q", "quit", 0, -1, ui_cmd_quit },
	{ "tag", NULL, 0, 1, ui_cmd_tag },
	{ "help", NULL, 0, -1, ui_cmd_help },
	{ "search", NULL, 0, -1, ui_cmd_search },
	{ "open", NULL, 1, 1, ui_cmd_open },
	{ "set", NULL, 0, -1, ui_cmd_set },
};

static void
ui_command(struct ui *u, const char *line)
{
	const struct ui_cmd *c = NULL;
	char **argv;
	int argc;
	struct err e;
	size_t i;
	long n;
	char *end;

	if (config_split(line, &argv, &argc, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	if (argc == 0) {
		config_free_words(argv);
		return;
	}
	n = strtol(argv[0], &end, 10);
	if (*end == '\0' && argc == 1) {
		ui_goto_line(u, n);
		config_free_words(argv);
		return;
	}
	for (i = 0; i < sizeof ui_cmds / sizeof ui_cmds[0]; i++) {
		c = &ui_cmds[i];
		if ((strcmp(argv[0], c->name) == 0 || (c->alias != NULL &&
		    strcmp(argv[0], c->alias) == 0)) && argc - 1 >= c->min_args &&
		    (c->max_args < 0 || argc - 1 <= c->max_args) && c->run(u, argc, argv) == 0)
			break;
		c = NULL;
	}
	if (c == NULL)
		ui_message(u, 1, "unknown command \"%s\" (" KEYMAP_CMDLINE_HELP ")", argv[0]);
	config_free_words(argv);
}

static void
ui_act(struct ui *u, enum keymap_action a)
{
	struct view_list *l = ui_current_list(u);
	int h = ui_body_height(u);

	switch (a) {
	case KEYMAP_NONE:
		return;
	case KEYMAP_UP:
	case KEYMAP_DOWN:
	case KEYMAP_PAGEUP:
	case KEYMAP_PAGEDOWN:
	case KEYMAP_HOME:
	case KEYMAP_END:
		if (u->screen == UI_ARTICLE) {
			if (a == KEYMAP_UP || a == KEYMAP_DOWN)
				view_article_scroll(&u->article, a == KEYMAP_UP ? -1 : 1);
			else if (a == KEYMAP_PAGEUP || a == KEYMAP_PAGEDOWN)
				view_article_page(&u->article, a == KEYMAP_PAGEUP ? -1 : 1);
			else if (a == KEYMAP_HOME)
				view_article_home(&u->article);
			else
				view_article_end(&u->article);
		} else if (l != NULL) {
			if (a == KEYMAP_UP || a == KEYMAP_DOWN)
				view_list_move(l, a == KEYMAP_UP ? -1 : 1);
			else if (a == KEYMAP_PAGEUP || a == KEYMAP_PAGEDOWN)
				view_list_page(l, a == KEYMAP_PAGEUP ? -1 : 1);
			else if (a == KEYMAP_HOME)
				view_list_home(l);
			else
				view_list_end(l);
			ui_after_move(u);
		}
		(void)h;
		break;
	case KEYMAP_OPEN:
		ui_open(u);
		break;
	case KEYMAP_QUIT:
		ui_back(u);
		break;
	case KEYMAP_HARD_QUIT:
		u->quit = 1;
		break;
	case KEYMAP_NEXT:
	case KEYMAP_PREV:
		ui_next(u, a == KEYMAP_NEXT ? 1 : -1);
		break;
	case KEYMAP_NEXT_UNREAD:
	case KEYMAP_PREV_UNREAD:
		ui_next_unread(u, a == KEYMAP_NEXT_UNREAD ? 1 : -1);
		break;
	case KEYMAP_TOGGLE_READ:
		ui_toggle_flag(u, 0);
		break;
	case KEYMAP_TOGGLE_STAR:
		ui_toggle_flag(u, 1);
		break;
	case KEYMAP_MARK_FEED_READ:
		ui_mark_feed_read(u, 0);
		break;
	case KEYMAP_MARK_ALL_READ:
		ui_mark_feed_read(u, 1);
		break;
	case KEYMAP_RELOAD: {
		int64_t id = 0;
		const struct view_query_feed *f;

		if (u->screen == UI_FEEDS && (f = view_feeds_current(&u->feeds)) != NULL)
			id = f->id;
		else if (u->screen == UI_ITEMS || (u->screen == UI_ARTICLE &&
		    u->article_return == UI_ITEMS))
			id = u->items.q.feed_id;
		ui_reload(u, id);
		break;
	}
	case KEYMAP_RELOAD_ALL:
		ui_reload(u, 0);
		break;
	case KEYMAP_OPEN_BROWSER:
		ui_open_browser(u);
		break;
	case KEYMAP_TOGGLE_SHOW_READ:
		ui_set_show_read(u, !u->show_read);
		break;
	case KEYMAP_NEXT_TAG:
		if (u->feeds.ntags == 0)
			ui_message(u, 0, "no feed has a tag (add tags after the URL in the feeds file)");
		else
			ui_set_tag(u, view_feeds_next_tag(&u->feeds));
		break;
	case KEYMAP_CLEAR_TAG:
		ui_set_tag(u, NULL);
		break;
	case KEYMAP_SEARCH:
		ui_open_search(u);
		break;
	case KEYMAP_HELP:
		ui_open_help(u);
		break;
	case KEYMAP_CMDLINE:
		u->prompt = UI_PROMPT_COMMAND;
		view_cmdline_reset(&u->cmd);
		break;
	case KEYMAP_REDRAW:
		clearok(curscr, TRUE);
		break;
	case KEYMAP_NACTIONS:
		break;
	}
	u->dirty = 1;
}

/*
 * Keys for a line being edited (":" or the search query).  Returns 1 when
 * the key was an editing key, 2 on ENTER, 3 on ESC.
 */
static int
ui_edit_key(struct view_cmdline *c, uint32_t key)
{
	switch (key) {
	case KEYMAP_KEY_ENTER:
		return 2;
	case KEYMAP_KEY_ESC:
	case KEYMAP_KEY_CTRL('G'):
		return 3;
	case KEYMAP_KEY_BACKSPACE:
		view_cmdline_backspace(c);
		return 1;
	case KEYMAP_KEY_DC:
	case KEYMAP_KEY_CTRL('D'):
		view_cmdline_delete(c);
		return 1;
	case KEYMAP_KEY_LEFT:
	case KEYMAP_KEY_CTRL('B'):
		view_cmdline_left(c);
		return 1;
	case KEYMAP_KEY_RIGHT:
	case KEYMAP_KEY_CTRL('F'):
		view_cmdline_right(c);
		return 1;
	case KEYMAP_KEY_HOME:
	case KEYMAP_KEY_CTRL('A'):
		view_cmdline_home(c);
		return 1;
	case KEYMAP_KEY_END:
	case KEYMAP_KEY_CTRL('E'):
		view_cmdline_end(c);
		return 1;
	case KEYMAP_KEY_CTRL('W'):
		view_cmdline_delete_word(c);
		return 1;
	case KEYMAP_KEY_CTRL('U'):
		view_cmdline_kill_start(c);
		return 1;
	case KEYMAP_KEY_UP:
		view_cmdline_history(c, -1);
		return 1;
	case KEYMAP_KEY_DOWN:
		view_cmdline_history(c, 1);
		return 1;
	default:
		if (key >= 0x20 && key < 0x110000 && key != 0x7f) {
			view_cmdline_insert(c, key);
			return 1;
		}
		return 0;
	}
}

static void
ui_mouse(struct ui *u)
{
	struct view_list *l = ui_current_list(u);
	MEVENT ev;
	int row;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		if (u->screen == UI_ARTICLE)
			view_article_scroll(&u->article, -3);
		else if (l != NULL)
			view_list_scroll(l, -3);
	}
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED) {
		if (u->screen == UI_ARTICLE)
			view_article_scroll(&u->article, 3);
		else if (l != NULL)
			view_list_scroll(l, 3);
	}
#endif
	else if ((ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
	    BUTTON1_TRIPLE_CLICKED)) && l != NULL) {
		row = ev.y - ui_body_top(u);
		if (row < 0 || row >= ui_body_height(u))
			return;
		if (u->screen == UI_SEARCH)
			row /= VIEW_SEARCH_LINES;	/* a hit and its context line */
		if (l->top + row >= l->count)
			return;
		if (u->screen == UI_SEARCH)
			u->search.editing = 0;
		view_list_goto(l, l->top + row);
		ui_after_move(u);
		/* a third quick click (curses' triple click) still means open */
		if (ev.bstate & (BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED))
			ui_open(u);
	}
	ui_after_move(u);
}

static void
ui_key(struct ui *u, uint32_t key)
{
	int rc;

	u->dirty = 1;
	if (key == UI_KEY_RESIZE) {
		ui_layout(u);
		return;
	}
	if (key == UI_KEY_MOUSE) {
		ui_mouse(u);
		return;
	}
	if (u->prompt == UI_PROMPT_QUIT) {
		u->prompt = UI_PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			u->quit = 1;
		return;
	}
	if (u->prompt == UI_PROMPT_COMMAND) {
		rc = ui_edit_key(&u->cmd, key);
		if (rc == 2) {
			char *line = xstrdup(u->cmd.text.data);

			view_cmdline_remember(&u->cmd);
			u->prompt = UI_PROMPT_NONE;
			u->message[0] = '\0';
			ui_command(u, line);
			free(line);
		} else if (rc == 3) {
			u->prompt = UI_PROMPT_NONE;
		}
		return;
	}
	if (u->screen == UI_SEARCH && u->search.editing) {
		size_t before = u->search.line.text.len;
		int changed;

		rc = ui_edit_key(&u->search.line, key);
		if (rc == 2) {
			if (u->search.dirty)
				ui_search_run(u, ui_body_height(u));
			/* a query that does not compile opens nothing and is not
			 * remembered: the message line says why, keep editing */
			if (u->search.error[0] != '\0')
				return;
			view_cmdline_remember(&u->search.line);
			u->search.editing = 0;
			ui_open(u);
			return;
		}
		if (rc == 3) {
			u->search.editing = 0;
			if (u->search.list.count == 0)
				ui_back(u);
			return;
		}
		if (rc == 1) {
			changed = before != u->search.line.text.len || key == KEYMAP_KEY_UP ||
			    key == KEYMAP_KEY_DOWN || key == KEYMAP_KEY_CTRL('U') ||
			    key == KEYMAP_KEY_CTRL('W');
			if (changed) {
				u->search.dirty = 1;
				view_list_home(&u->search.list);
			}
			return;
		}
	}
	ui_act(u, keymap_lookup(u->cfg->keymap, ui_screens[u->screen].view, key));
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
		ready = poll(fds, (nfds_t)nfds, timeout);
		if (ready < 0 && errno != EINTR)
			return err_set(e, "poll: %s", strerror(errno));
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

static void
ui_release(struct ui *u)
{
	reload_release(&u->reload);
	view_feeds_release(&u->feeds);
	view_items_release(&u->items);
	view_article_release(&u->article);
	view_cmdline_release(&u->cmd);
	view_search_release(&u->search);
}

int
ui_run(struct db *db, const struct config *cfg, const char *feeds_path,
    const char *config_path, struct err *e)
{
	struct ui u;
	struct err he;
	size_t i;
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
	reload_init(&u.reload, db, cfg, feeds_path);
	u.reload.changed = ui_reload_changed;
	u.reload.changed_arg = &u;
	for (i = 0; i < cfg->nerrors; i++)
		ui_late(&u, cfg->errors[i]);
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
	/*
	 * Reload at start when asked, and always while the cache holds no item
	 * yet (a first run), so a new user sees headlines without knowing R.
	 */
	if (feeds_path && (cfg->refresh_on_startup || reload_cache_is_empty(db)))
		ui_reload(&u, 0);
	rc = ui_loop(&u, e);
	ui_term_stop();
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
	for (i = 0; i < u.nlate; i++)
		free(u.late[i]);
	free(u.late);
	return -1;
}
