/*
 * ui_urls: the link list screen (show-urls, newsboat's URL view) and the
 * actions that hand an article or a link to the user's commands:
 * goto-url, one..zero, open-in-browser-noninteractively,
 * open-all-unread-in-browser[-and-mark-read], save, pipe-to, bookmark,
 * external-url-viewer.  The commands run through app/spawn (sh -c, every
 * value a positional parameter); the prompts are the message line's.
 */
#include "config.h"

#include "ui/ui_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/spawn.h"
#include "util/text.h"
#include "util/xalloc.h"

/* save-all writes at most this many files at once */
#define UI_URLS_SAVE_ALL_MAX 10000

/* ---- the prompt on the message line ---- */

static void
ui_ask_start(struct ui *u, enum ui_ask_kind kind, const char *label, const char *value)
{
	const char *p = value != NULL ? value : "";
	uint32_t cp;

	u->ask.kind = kind;
	snprintf(u->ask.label, sizeof u->ask.label, "%s", label);
	view_cmdline_reset(&u->cmd);
	/* the value is feed text (a title): no control character gets in */
	while (*p != '\0') {
		p += text_decode(p, strlen(p), &cp);
		if (cp >= 0x20 && cp != 0x7f)
			view_cmdline_insert(&u->cmd, cp);
	}
	u->prompt = UI_PROMPT_ASK;
	u->dirty = 1;
}

static void
ui_ask_clear(struct ui *u)
{
	size_t i;

	for (i = 0; i < sizeof u->ask.answers / sizeof u->ask.answers[0]; i++) {
		free(u->ask.answers[i]);
		u->ask.answers[i] = NULL;
	}
	u->prompt = UI_PROMPT_NONE;
}

void
ui_urls_release(struct ui *u)
{
	ui_ask_clear(u);
	view_urls_release(&u->urls);
}

/* ---- which item, which links ---- */

/* The item the action is about: the open article, or the row under the
 * cursor in the item list or the search results; 0 when none. */
static int64_t
ui_urls_item_id(struct ui *u)
{
	const struct item_row *r;
	const struct search_hit *hit;

	if ((u->screen == UI_ARTICLE || (u->screen == UI_URLS &&
	    u->urls_return == UI_ARTICLE)) && u->article.open)
		return u->article.item.row.id;
	if (u->screen == UI_ITEMS && (r = view_items_current(&u->items)) != NULL)
		return r->id;
	if (u->screen == UI_SEARCH && (hit = view_search_current(&u->search)) != NULL)
		return hit->id;
	return 0;
}

/* Load item id into *a (laid out at the screen's width): 0, or -1 with a
 * message. */
static int
ui_urls_load(struct ui *u, int64_t id, struct view_article *a)
{
	struct err e;
	int rc;

	view_article_init(a);
	a->height = ui_body_height(u);
	rc = view_article_open(a, u->db, id, u->cols, &e);
	if (rc < 0)
		ui_fail(u, &e);
	else if (rc == 0)
		ui_message(u, 1, "that item is no longer in the cache");
	if (rc <= 0) {
		view_article_release(a);
		return -1;
	}
	return 0;
}

/* The links the number keys open: the list's, or the open article's. */
static void
ui_urls_links(struct ui *u, char *const **links, size_t *n)
{
	if (u->screen == UI_URLS) {
		*links = u->urls.urls;
		*n = u->urls.n;
	} else if (u->screen == UI_ARTICLE && u->article.open) {
		*links = u->article.links;
		*n = u->article.nlinks;
	} else {
		*links = NULL;
		*n = 0;
	}
}

static void
ui_urls_browse(struct ui *u, const char *url, const char *title, int interactive)
{
	struct err e;

	if (ui_browser_run(u->cfg, url, title, interactive, &e) < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, interactive ? "opened in the browser"
		    : "opening in the browser (in the background)");
	ui_layout(u);
}

static void
ui_urls_open_number(struct ui *u, size_t number)
{
	char *const *links;
	size_t n;

	ui_urls_links(u, &links, &n);
	if (u->screen != UI_ARTICLE && u->screen != UI_URLS) {
		ui_message(u, 1, "link numbers are the article's: open it first");
		return;
	}
	if (number < 1 || number > n) {
		ui_message(u, 1, "no link %zu in this article (it has %zu)", number, n);
		return;
	}
	ui_urls_browse(u, links[number - 1], NULL, 1);
}

/* ---- running a command with the article on its stdin ---- */

static void
ui_urls_pipe(struct ui *u, const char *command, int width, const char *what)
{
	struct view_article a;
	struct spawn_opts o = { 0 };
	struct buf text;
	struct err e;
	char **argv;
	int64_t id = u->ask.item_id;

	if (ui_urls_load(u, id, &a) < 0)
		return;
	buf_init(&text, 0);
	(void)view_urls_article_text(&a.item, width, a.links, a.nlinks, &text);
	argv = spawn_argv(command, NULL, 0);
	o.interactive = 1;
	o.input = text.data;
	o.input_len = text.len;
	o.what = what;
	if (ui_spawn(argv, &o, &e) < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, "%s: done", what);
	spawn_argv_free(argv);
	buf_release(&text);
	view_article_release(&a);
	ui_layout(u);
}

/* ---- show-urls ---- */

static void
ui_urls_show(struct ui *u)
{
	const char *viewer = settings_str(u->cfg, SETTINGS_V_EXTERNAL_URL_VIEWER);
	struct view_article tmp;
	const struct view_article *a = &u->article;
	int64_t id = ui_urls_item_id(u);
	size_t n;

	if (u->screen == UI_URLS)
		return;
	if (id == 0) {
		ui_message(u, 1, "show-urls: no article here");
		return;
	}
	if (viewer[0] != '\0') {
		/* urlscan, urlview: the article's text, a paragraph a line so
		 * that no URL is cut by wrapping */
		u->ask.item_id = id;
		ui_urls_pipe(u, viewer, 0, "external-url-viewer");
		return;
	}
	/* from a list, as newsboat: the links of the item under the cursor */
	if (u->screen != UI_ARTICLE) {
		if (ui_urls_load(u, id, &tmp) < 0)
			return;
		a = &tmp;
	}
	n = a->nlinks;
	if (n == 0)
		ui_message(u, 1, "URL list empty.");
	else
		view_urls_set(&u->urls, a->links, n);
	if (a == &tmp)
		view_article_release(&tmp);
	if (n == 0)
		return;
	view_list_set_height(&u->urls.list, ui_body_height(u));
	u->urls_return = u->screen;
	u->screen = UI_URLS;
	u->dirty = 1;
}

void
ui_urls_open_current(struct ui *u, int interactive)
{
	const char *url = view_urls_current(&u->urls);

	if (url != NULL)
		ui_urls_browse(u, url, NULL, interactive);
}

void
ui_urls_draw(struct ui *u)
{
	int top = ui_body_top(u), h = ui_body_height(u), i;
	struct buf line;

	buf_init(&line, 0);
	for (i = 0; i < h; i++) {
		int row = u->urls.list.top + i;

		buf_reset(&line);
		if ((size_t)row < u->urls.n)
			(void)buf_printf(&line, "%2d  %s", row + 1, u->urls.urls[row]);
		ui_draw_plain_row(u, top + i, line.data, (size_t)row < u->urls.n &&
		    row == u->urls.list.cursor);
	}
	buf_release(&line);
}

/* ---- open-all-unread-in-browser ---- */

static void
ui_urls_open_unread(struct ui *u, int mark)
{
	const struct views_feed *f;
	struct item_row *rows = NULL;
	struct err e;
	size_t n = 0, i, opened = 0;
	int64_t feed_id;
	long long max = settings_int(u->cfg, SETTINGS_V_MAX_BROWSER_TABS);

	if (u->screen == UI_FEEDS && (f = view_feeds_current(&u->feeds)) != NULL)
		feed_id = f->id;
	else if (u->screen == UI_ITEMS)
		feed_id = u->items.q.feed_id;
	else {
		ui_message(u, 1, "open-all-unread-in-browser works in the feed and article lists");
		return;
	}
	if (max <= 0)
		max = 1;
	if (view_urls_items(u->db, feed_id, u->feeds.tag, 1, max > 10000 ? 10000 : (int)max,
	    &rows, &n, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	for (i = 0; i < n; i++) {
		if (rows[i].url == NULL)
			continue;
		/* tabs of a graphical browser: none of them takes the terminal */
		if (ui_browser_run(u->cfg, rows[i].url, rows[i].title, 0, &e) < 0) {
			ui_fail(u, &e);
			break;
		}
		opened++;
		if (mark && view_urls_mark_read(u->db, rows[i].id, &e) < 0) {
			ui_fail(u, &e);
			break;
		}
	}
	if (i == n)
		ui_message(u, 0, "opened %zu unread item%s in the browser%s", opened,
		    opened == 1 ? "" : "s", mark ? " and marked them read" : "");
	items_free_rows(rows, n);
	if (mark) {
		if (view_feeds_load(&u->feeds, u->db, &e) < 0)
			ui_fail(u, &e);
		if (u->items.title != NULL && view_items_reload(&u->items, u->db, &e) < 0)
			ui_fail(u, &e);
	}
	ui_layout(u);
}

/* ---- save ---- */

/* "~/x" with $HOME; anything else as written.  A new string. */
static char *
ui_urls_expand(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home != NULL)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* Write item id's text to path (created, or truncated when it exists;
 * with excl only created): 0, -2 when excl and path exists, or -1 with *e. */
static int
ui_urls_write_item(struct ui *u, int64_t id, const char *path, int excl, struct err *e)
{
	struct view_article a;
	struct buf text;
	long long tw = settings_int(u->cfg, SETTINGS_V_TEXT_WIDTH);
	ssize_t w = 0;
	size_t off = 0;
	int fd, rc = 0;

	if (ui_urls_load(u, id, &a) < 0)
		return err_set(e, "%s", u->message);
	buf_init(&text, 0);
	(void)view_urls_article_text(&a.item, tw > 0 && tw < 10000 ? (int)tw : 0, a.links,
	    a.nlinks, &text);
	view_article_release(&a);
	fd = open(path, O_WRONLY | O_CREAT | O_NOCTTY | (excl ? O_EXCL : O_TRUNC), 0644);
	if (fd < 0 && excl && errno == EEXIST) {
		buf_release(&text);
		return -2;
	}
	if (fd < 0) {
		rc = err_set(e, "Error: couldn't write article to file %s: %s", path,
		    strerror(errno));
		buf_release(&text);
		return rc;
	}
	while (off < text.len && ((w = write(fd, text.data + off, text.len - off)) > 0 ||
	    (w < 0 && errno == EINTR)))
		off += w > 0 ? (size_t)w : 0;
	if (off < text.len)
		rc = err_set(e, "Error: couldn't write article to file %s: %s", path,
		    strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = err_set(e, "Error: couldn't write article to file %s: %s", path,
		    strerror(errno));
	buf_release(&text);
	return rc;
}

static void
ui_urls_write(struct ui *u, const char *path)
{
	struct err e;

	if (ui_urls_write_item(u, u->ask.item_id, path, 0, &e) < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, "Saved article to %s", path);
}

/* save-all: every item of the list into dir, each under newsboat's file
 * name; a name taken (an earlier file, or two equal titles) gets "-2",
 * "-3"... before ".txt": nothing is overwritten. */
static void
ui_urls_save_all(struct ui *u, const char *answer)
{
	struct item_row *rows = NULL;
	struct stat st;
	struct err e;
	size_t n = 0, i, saved = 0;
	char *dir = ui_urls_expand(answer);
	int rc = 0;

	if (answer[0] == '\0' || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		ui_message(u, 1, "save-all: %s is not a directory", answer[0] ? dir : "(none)");
		free(dir);
		return;
	}
	if (view_urls_items(u->db, u->items.q.feed_id, u->items.q.tag, u->items.q.unread_only,
	    UI_URLS_SAVE_ALL_MAX, &rows, &n, &e) < 0) {
		ui_fail(u, &e);
		free(dir);
		return;
	}
	for (i = 0; i < n && rc == 0; i++) {
		char *name = view_urls_file_name(rows[i].title,
		    settings_bool(u->cfg, SETTINGS_V_RESTRICT_FILENAME));
		size_t stem = strlen(name) - 4;	/* before ".txt" */
		char *path = NULL;
		int k;

		for (k = 1; k < 1000; k++) {
			free(path);
			path = k == 1 ? xasprintf("%s/%s", dir, name)
			    : xasprintf("%s/%.*s-%d.txt", dir, (int)stem, name, k);
			rc = ui_urls_write_item(u, rows[i].id, path, 1, &e);
			if (rc != -2)
				break;
		}
		if (rc == -2)
			rc = err_set(&e, "save-all: no free file name for %s in %s", name, dir);
		if (rc == 0)
			saved++;
		free(path);
		free(name);
	}
	if (rc < 0)
		ui_fail(u, &e);
	else
		ui_message(u, 0, "Saved %zu article%s to %s", saved, saved == 1 ? "" : "s", dir);
	items_free_rows(rows, n);
	free(dir);
}

static void
ui_urls_save_start(struct ui *u)
{
	int64_t id = ui_urls_item_id(u);
	struct view_article a;
	char *dir, *name, *path;
	size_t len;

	if (id == 0 || ui_urls_load(u, id, &a) < 0)
		return;
	dir = ui_urls_expand(settings_str(u->cfg, SETTINGS_V_SAVE_PATH));
	name = view_urls_file_name(a.item.row.title,
	    settings_bool(u->cfg, SETTINGS_V_RESTRICT_FILENAME));
	len = strlen(dir);
	path = xasprintf("%s%s%s", dir, len > 0 && dir[len - 1] != '/' ? "/" : "", name);
	u->ask.item_id = id;
	ui_ask_start(u, UI_ASK_SAVE, "Save article to: ", path);
	free(path);
	free(name);
	free(dir);
	view_article_release(&a);
}

static void
ui_urls_save_to(struct ui *u, const char *answer)
{
	struct stat st;
	char *path;

	if (answer[0] == '\0') {
		ui_message(u, 1, "Aborted saving.");
		return;
	}
	path = ui_urls_expand(answer);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ui_message(u, 1, "%s is a directory: give a file name", path);
	} else if (stat(path, &st) == 0) {
		char label[300];

		u->ask.answers[0] = path;
		snprintf(label, sizeof label, "Overwrite %.200s? (y/n) ", path);
		ui_ask_start(u, UI_ASK_OVERWRITE, label, NULL);
		return;
	} else {
		ui_urls_write(u, path);
	}
	free(path);
}

/* ---- bookmark ---- */

static void
ui_urls_bookmark_run(struct ui *u)
{
	const char *cmd = settings_str(u->cfg, SETTINGS_V_BOOKMARK_CMD);
	const char *args[4];
	struct spawn_opts o = { 0 };
	struct buf out;
	struct err e;
	char *text, **argv;
	size_t i;

	for (i = 0; i < 4; i++)
		args[i] = u->ask.answers[i] != NULL ? u->ask.answers[i] : "";
	/* newsboat passes url, title, description and feed title after the
	 * command; here they are "$1".."$4", never shell text */
	text = spawn_shell_text(cmd, "", 4);
	argv = spawn_argv(text, args, 4);
	buf_init(&out, 0);
	o.interactive = settings_bool(u->cfg, SETTINGS_V_BOOKMARK_INTERACTIVE);
	o.output = o.interactive ? NULL : &out;
	o.what = "bookmark-cmd";
	if (ui_spawn(argv, &o, &e) < 0) {
		ui_fail(u, &e);
	} else {
		/* the command's own word on it, as newsboat shows it */
		text_rtrim(&out);
		if (out.len > 0)
			ui_message(u, 0, "%s", out.data);
		else
			ui_message(u, 0, "Saved bookmark.");
	}
	buf_release(&out);
	spawn_argv_free(argv);
	free(text);
	ui_ask_clear(u);
	ui_layout(u);
}

static void
ui_urls_bookmark_start(struct ui *u)
{
	struct view_article a;
	int64_t id;

	if (settings_str(u->cfg, SETTINGS_V_BOOKMARK_CMD)[0] == '\0') {
		ui_message(u, 1, "bookmarking support is not configured. Please set the "
		    "configuration variable `bookmark-cmd' accordingly.");
		return;
	}
	ui_ask_clear(u);
	if (u->screen == UI_URLS) {
		const char *url = view_urls_current(&u->urls);

		if (url == NULL)
			return;
		u->ask.answers[0] = xstrdup(url);
		u->ask.answers[1] = xstrdup("");
		u->ask.answers[3] = xstrdup(u->article.item.row.feed_title
		    ? u->article.item.row.feed_title : "");
	} else {
		if ((id = ui_urls_item_id(u)) == 0 || ui_urls_load(u, id, &a) < 0)
			return;
		u->ask.answers[0] = xstrdup(a.item.row.url ? a.item.row.url : "");
		u->ask.answers[1] = text_sanitize_dup(a.item.row.title ? a.item.row.title : "",
		    a.item.row.title ? strlen(a.item.row.title) : 0, 0);
		u->ask.answers[3] = text_sanitize_dup(a.item.row.feed_title
		    ? a.item.row.feed_title : "", a.item.row.feed_title
		    ? strlen(a.item.row.feed_title) : 0, 0);
		view_article_release(&a);
	}
	u->ask.answers[2] = xstrdup("");
	/* autopilot: no questions when the URL and the title are known */
	if (settings_bool(u->cfg, SETTINGS_V_BOOKMARK_AUTOPILOT) &&
	    u->ask.answers[0][0] != '\0' && u->ask.answers[1][0] != '\0') {
		ui_urls_bookmark_run(u);
		return;
	}
	u->ask.step = 0;
	ui_ask_start(u, UI_ASK_BOOKMARK, "URL: ", u->ask.answers[0]);
}

static void
ui_urls_bookmark_answer(struct ui *u, const char *answer)
{
	static const char *const labels[] = { "URL: ", "Title: ", "Description: " };
	int step = u->ask.step;

	free(u->ask.answers[step]);
	u->ask.answers[step] = xstrdup(answer);
	if (step == 0 && answer[0] == '\0') {
		ui_message(u, 1, "Aborted bookmarking.");
		ui_ask_clear(u);
		return;
	}
	if (step + 1 < 3) {
		u->ask.step = step + 1;
		ui_ask_start(u, UI_ASK_BOOKMARK, labels[step + 1], u->ask.answers[step + 1]);
		return;
	}
	ui_urls_bookmark_run(u);
}

/* ---- the prompt's keys ---- */

void
ui_urls_ask_key(struct ui *u, uint32_t key)
{
	enum view_cmdline_key rc;
	char *answer;
	size_t number;
	struct err e;

	if (u->ask.kind == UI_ASK_OVERWRITE) {
		u->prompt = UI_PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			ui_urls_write(u, u->ask.answers[0]);
		else
			ui_message(u, 1, "Aborted saving.");
		ui_ask_clear(u);
		return;
	}
	rc = view_cmdline_key(&u->cmd, key);
	if (rc == VIEW_CMDLINE_CANCEL) {
		ui_ask_clear(u);
		u->message[0] = '\0';
		return;
	}
	if (rc != VIEW_CMDLINE_ENTER)
		return;
	answer = xstrdup(u->cmd.text.data);
	u->prompt = UI_PROMPT_NONE;
	u->message[0] = '\0';
	switch (u->ask.kind) {
	case UI_ASK_GOTO_URL: {
		char *const *links;
		size_t n;

		ui_urls_links(u, &links, &n);
		if (view_urls_parse_number(answer, n, &number, &e) < 0)
			ui_fail(u, &e);
		else
			ui_urls_open_number(u, number);
		break;
	}
	case UI_ASK_SAVE:
		ui_urls_save_to(u, answer);
		break;
	case UI_ASK_SAVE_ALL:
		ui_urls_save_all(u, answer);
		break;
	case UI_ASK_PIPE:
		if (answer[0] != '\0')
			ui_urls_pipe(u, answer, (int)settings_int(u->cfg, SETTINGS_V_TEXT_WIDTH) > 0
			    ? (int)settings_int(u->cfg, SETTINGS_V_TEXT_WIDTH) : 0, "pipe-to");
		break;
	case UI_ASK_BOOKMARK:
		ui_urls_bookmark_answer(u, answer);
		break;
	case UI_ASK_OVERWRITE:
		break;
	}
	free(answer);
	u->dirty = 1;
}

/* ---- the actions ---- */

void
ui_urls_act(struct ui *u, enum keymap_action a)
{
	int64_t id;

	switch (a) {
	case KEYMAP_SHOW_URLS:
		ui_urls_show(u);
		break;
	case KEYMAP_GOTO_URL:
		if (u->screen != UI_ARTICLE && u->screen != UI_URLS)
			ui_message(u, 1, "goto-url: open an article first");
		else
			ui_ask_start(u, UI_ASK_GOTO_URL, "Goto URL #", NULL);
		break;
	case KEYMAP_ONE: case KEYMAP_TWO: case KEYMAP_THREE: case KEYMAP_FOUR:
	case KEYMAP_FIVE: case KEYMAP_SIX: case KEYMAP_SEVEN: case KEYMAP_EIGHT:
	case KEYMAP_NINE: case KEYMAP_ZERO:
		ui_urls_open_number(u, (size_t)(a - KEYMAP_ONE) + 1);
		break;
	case KEYMAP_OPEN_BROWSER_BG:
		if (u->screen == UI_URLS) {
			ui_urls_open_current(u, 0);
		} else if ((id = ui_urls_item_id(u)) != 0) {
			struct view_article art;

			if (ui_urls_load(u, id, &art) == 0) {
				if (art.item.row.url == NULL)
					ui_message(u, 1, "no link to open");
				else
					ui_urls_browse(u, art.item.row.url, art.item.row.title, 0);
				view_article_release(&art);
			}
		}
		break;
	case KEYMAP_OPEN_ALL_UNREAD:
	case KEYMAP_OPEN_ALL_UNREAD_MARK:
		ui_urls_open_unread(u, a == KEYMAP_OPEN_ALL_UNREAD_MARK);
		break;
	case KEYMAP_SAVE:
		ui_urls_save_start(u);
		break;
	case KEYMAP_SAVE_ALL:
		if (u->screen != UI_ITEMS) {
			ui_message(u, 1, "save-all works in the article list");
		} else {
			char *dir = ui_urls_expand(settings_str(u->cfg, SETTINGS_V_SAVE_PATH));

			ui_ask_start(u, UI_ASK_SAVE_ALL, "Save articles to directory: ", dir);
			free(dir);
		}
		break;
	case KEYMAP_PIPE_TO:
		if ((u->ask.item_id = ui_urls_item_id(u)) != 0)
			ui_ask_start(u, UI_ASK_PIPE, "Pipe article to command: ", NULL);
		break;
	case KEYMAP_BOOKMARK:
		ui_urls_bookmark_start(u);
		break;
	default:
		break;
	}
	u->dirty = 1;
}
