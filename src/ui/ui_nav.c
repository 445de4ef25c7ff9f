/*
 * ui_nav: newsboat's navigation actions over the reader's screens
 * (next-feed, next-unread-feed, goto-next-feed, toggle-article-read's
 * jumps, halfpage, open-in-browser-and-mark-read, mark-all-above-as-read,
 * article-feed, goto-title).  Uses only the view models and ui.c's
 * actions; ui_input.c maps keys onto these.
 */
#include "ui/ui_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/text.h"
#include "util/xalloc.h"

/* The feed row after (dir > 0) or before the cursor, skipping "All
 * items" and, when unread, feeds with nothing unread: its row or -1. */
static int
ui_nav_feed_row(const struct view_feeds *f, int from, int dir, int unread)
{
	int r;

	for (r = from + dir; r >= 1 && r < (int)f->nrows; r += dir)
		if (!unread || f->rows[r].unread > 0)
			return r;
	return -1;
}

/* The article list of the feed on row, from the article list or the
 * article: the article reopens on that list's first unread item. */
static void
ui_nav_open_feed_row(struct ui *u, int row, int open_unread)
{
	enum ui_screen was = u->screen;
	struct err e;

	view_list_goto(&u->feeds.list, row);
	u->screen = UI_FEEDS;
	ui_open(u);
	if (u->screen != UI_ITEMS) {
		u->screen = was;
		return;
	}
	if (open_unread) {
		const struct item_row *r = view_items_current(&u->items);

		if ((r == NULL || r->read) && view_items_next_unread(&u->items, u->db, 1, &e) < 0)
			ui_fail(u, &e);
	}
	if (was == UI_ARTICLE)
		ui_open(u);
}

void
ui_nav_next_feed(struct ui *u, int dir, int unread)
{
	int row;

	if (u->screen != UI_ITEMS && !(u->screen == UI_ARTICLE && u->article_return == UI_ITEMS))
		return;
	/* the list on screen is the feed under the feed list's cursor */
	row = ui_nav_feed_row(&u->feeds, u->feeds.list.cursor, dir, unread);
	if (row < 0 || u->items.q.feed_id == 0) {
		ui_message(u, 0, "%s", u->items.q.feed_id == 0 ? "this list holds every feed"
		    : unread ? "no more feeds with unread items"
		    : dir > 0 ? "this is the last feed" : "this is the first feed");
		return;
	}
	ui_nav_open_feed_row(u, row, unread);
}

int
ui_nav_next_unread_feed(struct ui *u)
{
	int row;

	if (!settings_bool(u->cfg, SETTINGS_V_GOTO_NEXT_FEED) || u->items.q.feed_id == 0 ||
	    (u->screen == UI_ARTICLE && u->article_return != UI_ITEMS))
		return 0;
	row = ui_nav_feed_row(&u->feeds, u->feeds.list.cursor, 1, 1);
	if (row < 0)
		return 0;
	ui_nav_open_feed_row(u, row, 1);
	return 1;
}

void
ui_nav_halfpage(struct ui *u, int dir)
{
	struct view_list *l = ui_current_list(u);
	int half = ui_body_height(u) / 2;

	if (half < 1)
		half = 1;
	if (u->screen == UI_ARTICLE) {
		view_article_scroll(&u->article, dir * half);
	} else if (l != NULL) {
		view_list_move(l, dir * half);
		ui_after_move(u);
	}
}

void
ui_nav_toggle_read(struct ui *u, char *const *args, int nargs)
{
	const struct item_row *r;
	struct err e;
	int want;

	if (nargs > 0 && (strcmp(args[0], "read") == 0 || strcmp(args[0], "unread") == 0)) {
		want = strcmp(args[0], "read") == 0;
		if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL) {
			if (r->read != want)
				ui_toggle_flag(u, 0);
		} else if (u->screen == UI_ARTICLE && u->article.open) {
			if (u->article.item.row.read != want)
				ui_toggle_flag(u, 0);
		} else {
			ui_toggle_flag(u, 0);
		}
	} else {
		ui_toggle_flag(u, 0);
	}
	/* newsboat jumps in the article list only */
	if (u->screen != UI_ITEMS)
		return;
	if (settings_bool(u->cfg, SETTINGS_V_TOGGLEITEMREAD_JUMPS_TO_NEXT_UNREAD)) {
		if (view_items_next_unread(&u->items, u->db, 1, &e) < 0)
			ui_fail(u, &e);
	} else if (settings_bool(u->cfg, SETTINGS_V_TOGGLEITEMREAD_JUMPS_TO_NEXT)) {
		view_list_move(&u->items.list, 1);
		ui_after_move(u);
	}
}

void
ui_nav_hover(struct ui *u)
{
	const struct item_row *r;
	struct err e;

	if (u->screen != UI_ITEMS || !settings_bool(u->cfg, SETTINGS_V_MARK_AS_READ_ON_HOVER) ||
	    (r = view_items_current(&u->items)) == NULL || r->read)
		return;
	if (view_items_set_read(&u->items, u->db, 1, &e) < 0)
		ui_fail(u, &e);
}

void
ui_nav_open_browser_mark(struct ui *u)
{
	const struct item_row *r;
	struct err e;
	int rc = 0;

	ui_open_browser(u);
	if (u->message_error)
		return;
	if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL) {
		rc = view_items_set_read(&u->items, u->db, 1, &e);
	} else if (u->screen == UI_ARTICLE && u->article.open) {
		rc = view_article_set_flag(&u->article, u->db, 0, 1, &e);
	} else if (u->screen == UI_SEARCH && view_search_current(&u->search) != NULL) {
		rc = view_search_set_flag(&u->search, u->db, 0, 1, &e);
	}
	if (rc < 0) {
		ui_fail(u, &e);
		return;
	}
	if (u->screen == UI_ITEMS &&
	    settings_bool(u->cfg, SETTINGS_V_OPENBROWSER_AND_MARK_JUMPS_TO_NEXT_UNREAD) &&
	    view_items_next_unread(&u->items, u->db, 1, &e) < 0)
		ui_fail(u, &e);
}

void
ui_nav_mark_above_read(struct ui *u)
{
	struct err e;
	int cursor, row, marked = 0;

	if (u->screen != UI_ITEMS)
		return;
	cursor = u->items.list.cursor;
	for (row = 0; row < cursor; row++) {
		const struct item_row *r;

		view_list_goto(&u->items.list, row);
		if (view_items_sync(&u->items, u->db, &e) < 0 ||
		    ((r = view_items_current(&u->items)) != NULL && !r->read &&
		    view_items_set_read(&u->items, u->db, 1, &e) < 0)) {
			ui_fail(u, &e);
			break;
		}
		marked++;
	}
	view_list_goto(&u->items.list, cursor);
	ui_after_move(u);
	if (row == cursor)
		ui_message(u, 0, "%d items above marked read", marked);
}

void
ui_nav_article_feed(struct ui *u)
{
	const struct item_row *r = NULL;
	const struct search_hit *hit;
	int64_t feed = 0, item = 0;
	struct err e;

	if (u->screen == UI_ARTICLE && u->article.open) {
		feed = u->article.item.row.feed_id;
		item = u->article.item.row.id;
	} else if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL) {
		feed = r->feed_id;
		item = r->id;
	} else if (u->screen == UI_SEARCH && (hit = view_search_current(&u->search)) != NULL) {
		item = hit->id;
		feed = hit->feed_id;
	}
	if (feed == 0)
		return;
	if (u->feeds.tag != NULL)
		ui_set_tag(u, NULL);	/* the feed may be filtered out */
	if (!view_feeds_select(&u->feeds, feed)) {
		ui_message(u, 1, "the item's feed is not in the feed list (show read feeds: l)");
		return;
	}
	u->screen = UI_FEEDS;
	ui_open(u);
	if (u->screen == UI_ITEMS && view_items_select(&u->items, u->db, item, &e) < 0)
		ui_fail(u, &e);
}

/* 1 when hay holds needle, ASCII letters in any case. */
static int
ui_nav_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (hay == NULL)
		return 0;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++) {
			char a = hay[i], b = needle[i];

			if (a == '\0')
				return 0;
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

void
ui_nav_goto_title(struct ui *u, const char *text)
{
	struct view_list *l = ui_current_list(u);
	struct err e;
	int i, row;

	if (l == NULL || l->count == 0 || *text == '\0')
		return;
	/* from the row after the cursor, round to it: n again finds the next */
	for (i = 1; i <= l->count; i++) {
		const char *title = NULL;

		row = (l->cursor + i) % l->count;
		if (u->screen == UI_FEEDS && row < (int)u->feeds.nrows) {
			title = u->feeds.rows[row].title;
		} else if (u->screen == UI_ITEMS) {
			int top = l->top;

			/* rows are held in a window: bring row into it */
			l->top = row;
			if (view_items_sync(&u->items, u->db, &e) < 0) {
				l->top = top;
				ui_fail(u, &e);
				return;
			}
			l->top = top;
			if (view_items_row(&u->items, row) != NULL)
				title = view_items_row(&u->items, row)->title;
		} else {
			return;
		}
		if (ui_nav_contains(title, text)) {
			view_list_goto(l, row);
			ui_after_move(u);
			return;
		}
	}
	ui_message(u, 1, "no title holds \"%s\"", text);
}

void
ui_nav_random_unread(struct ui *u)
{
	static int seeded;
	struct err e;
	long total = 0, pick;
	int row, k;

	if (!seeded) {
		srandom((unsigned)time(NULL) ^ (unsigned)getpid());
		seeded = 1;
	}
	/* the counts as they are now, not as the feed list last showed them */
	if (view_feeds_load(&u->feeds, u->db, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	for (row = 1; row < (int)u->feeds.nrows; row++)
		total += u->feeds.rows[row].unread;
	if (total == 0) {
		ui_message(u, 0, "no unread items");
		return;
	}
	/* every unread item as likely as any other */
	pick = random() % total;
	for (row = 1; pick >= u->feeds.rows[row].unread; row++)
		pick -= u->feeds.rows[row].unread;
	view_list_goto(&u->feeds.list, row);
	u->screen = UI_FEEDS;
	ui_open(u);
	if (u->screen != UI_ITEMS)
		return;
	for (k = -1; k < (int)pick; k++) {
		const struct item_row *r = view_items_current(&u->items);

		if (k == -1 && r != NULL && !r->read)
			continue;	/* the first row is the first unread */
		if (view_items_next_unread(&u->items, u->db, 1, &e) < 0) {
			ui_fail(u, &e);
			return;
		}
	}
	if (view_items_current(&u->items) != NULL && !view_items_current(&u->items)->read)
		ui_open(u);
}

/* The screens open now, in the order the reader opened them. */
static size_t
ui_nav_open_screens(const struct ui *u, enum ui_screen *s)
{
	size_t n = 0;

	s[n++] = UI_FEEDS;
	if (u->items.title != NULL)
		s[n++] = UI_ITEMS;
	if (u->article.open)
		s[n++] = UI_ARTICLE;
	if (u->search.list.count > 0 || u->search.line.text.len > 0)
		s[n++] = UI_SEARCH;
	return n;
}

void
ui_nav_dialog(struct ui *u, int dir)
{
	enum ui_screen s[4], cur = u->screen == UI_HELP ? u->help_return : u->screen;
	size_t n = ui_nav_open_screens(u, s), i;

	for (i = 0; i < n && s[i] != cur; i++)
		;
	if (i == n)
		i = 0;
	u->screen = s[(i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n];
	if (u->screen == UI_SEARCH)
		u->search.editing = 0;
	u->dirty = 1;
}

void
ui_nav_view_dialogs(struct ui *u)
{
	static const char *const names[] = {
		[UI_FEEDS] = "feed list", [UI_ITEMS] = "articles", [UI_ARTICLE] = "article",
		[UI_HELP] = "help", [UI_SEARCH] = "search",
	};
	enum ui_screen s[4];
	size_t n = ui_nav_open_screens(u, s), i;
	char line[256];
	int used = snprintf(line, sizeof line, "open screens (^V/^G go round):");

	for (i = 0; i < n && used > 0 && (size_t)used < sizeof line; i++)
		used += snprintf(line + used, sizeof line - (size_t)used, " %zu %s%s", i + 1,
		    names[s[i]], s[i] == u->screen ? " (here)" : "");
	ui_message(u, 0, "%s", line);
}

void
ui_nav_edit_urls(struct ui *u)
{
	const char *editor = getenv("VISUAL");
	int status = 0;
	pid_t pid;

	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	if (u->reload.feeds_path == NULL) {
		ui_message(u, 1, "no feeds file to edit");
		return;
	}
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		/* the user's own $EDITOR through the shell, as newsboat runs it
		 * (it may hold options); the file name travels as "$1" */
		char *cmd = xasprintf("exec %s \"$1\"", editor);

		execl("/bin/sh", "sh", "-c", cmd, "sh", u->reload.feeds_path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	refresh();
	ui_layout(u);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_message(u, 1, "the editor \"%s\" failed; the feeds file is read again anyway",
		    editor);
	}
	ui_reload(u, 0);
}

void
ui_nav_prev_search(struct ui *u)
{
	char *now;

	if (u->screen != UI_SEARCH)
		return;
	now = xstrdup(u->search.line.text.data);
	/* the history's entries before this query; the newest may be it */
	while (view_cmdline_history(&u->search.line, -1)) {
		if (strcmp(u->search.line.text.data, now) != 0) {
			u->search.dirty = 1;
			u->search.editing = 0;
			view_list_home(&u->search.list);
			ui_message(u, 0, "previous search: %s", u->search.line.text.data);
			free(now);
			return;
		}
	}
	free(now);
	ui_message(u, 0, "no earlier search results");
}

void
ui_nav_delete(struct ui *u, int all)
{
	struct err e;

	if (u->screen == UI_ARTICLE && (u->article_return == UI_ITEMS ||
	    u->article_return == UI_SEARCH) && !all) {
		/* the article shown is the list's current item */
		u->screen = u->article_return;
	}
	if (u->screen == UI_SEARCH && !all) {
		if (view_search_delete(&u->search, u->db, &e) < 0)
			ui_fail(u, &e);
		else
			ui_message(u, 0, "article deleted");
		return;
	}
	if (u->screen != UI_ITEMS) {
		ui_message(u, 1, "delete articles from an article list");
		return;
	}
	if (all && u->items.q.feed_id == 0) {
		ui_message(u, 1, "open one feed to delete all its articles");
		return;
	}
	if (view_items_delete(&u->items, u->db, all, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	ui_message(u, 0, all ? "every article deleted but the starred ones" : "article deleted");
}
