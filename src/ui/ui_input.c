#include "ui/ui_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/macro.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

static int ui_act(struct ui *u, enum keymap_action a, char *const *args, int nargs);

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

/* What a set changed that the reader holds on to itself. */
static void
ui_set_changed(void *arg, const char *option)
{
	struct ui *u = arg;

	if (strcmp(option, "show-read-items") == 0 && u->cfg->show_read_items != u->show_read)
		ui_set_show_read(u, u->cfg->show_read_items);
	if (strcmp(option, "mouse") == 0)
		ui_term_mouse(u->cfg->mouse);
	u->dirty = 1;
}

/* set OPTION VALUE (OPTION! flips, OPTION& resets), as in a macro. */
static int
ui_cmd_set(struct ui *u, int argc, char **argv)
{
	struct err e;

	char *name;
	size_t len;

	if (macro_set(u->cfg, argv + 1, argc - 1, &e) < 0) {
		ui_fail(u, &e);
		return 0;
	}
	name = xstrdup(argv[1]);
	len = strlen(name);
	if (argc == 2 && len > 0)
		name[len - 1] = '\0';	/* OPTION! or OPTION& */
	ui_set_changed(u, name);
	ui_message(u, 0, "%s set", name);
	free(name);
	return 0;
}

/* goto-title TEXT: goto-title's prompt is this line */
static int
ui_cmd_goto_title(struct ui *u, int argc, char **argv)
{
	struct buf text;
	int i;

	buf_init(&text, 1024);
	for (i = 1; i < argc; i++)
		(void)buf_printf(&text, "%s%s", i > 1 ? " " : "", argv[i]);
	ui_nav_goto_title(u, text.data);
	buf_release(&text);
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
	{ "set", NULL, 1, 2, ui_cmd_set },
	{ "goto-title", NULL, 1, -1, ui_cmd_goto_title },
	{ "podboat", "podcasts", 0, 0, ui_podcast_cmd },	/* issue 17 */
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

	/* ":filter EXPRESSION" keeps its quotes: ui_filter.c takes the text */
	if (strncmp(line, "filter", 6) == 0 && (line[6] == ' ' || line[6] == '\0')) {
		ui_filter_command(u, line + 6);
		return;
	}
	if (settings_split(line, &argv, &argc, &e) < 0) {
		ui_fail(u, &e);
		return;
	}
	if (argc == 0) {
		settings_free_words(argv);
		return;
	}
	n = strtol(argv[0], &end, 10);
	if (*end == '\0' && argc == 1) {
		ui_goto_line(u, n);
		settings_free_words(argv);
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
	settings_free_words(argv);
}

/* The command line opened with text typed (cmdline ARG, cmd-one...). */
static void
ui_cmdline_with(struct ui *u, const char *text)
{
	uint32_t cp;

	u->prompt = UI_PROMPT_COMMAND;
	view_cmdline_reset(&u->cmd);
	while (text != NULL && *text != '\0') {
		text += text_decode(text, strlen(text), &cp);
		view_cmdline_insert(&u->cmd, cp);
	}
}

/* Ask text (y/n); y runs a's confirmed form. */
static void
ui_confirm(struct ui *u, enum keymap_action a, const char *text)
{
	u->prompt = UI_PROMPT_CONFIRM;
	u->confirm_action = a;
	snprintf(u->confirm_text, sizeof u->confirm_text, "%s", text);
}

/*
 * Run action a (args: the words a macro or bind gave it).  0, or -1 when
 * the action is not in this version (a list of operations stops there).
 */
static int
ui_act(struct ui *u, enum keymap_action a, char *const *args, int nargs)
{
	struct view_list *l = ui_current_list(u);
	int rc = 0;

	switch (a) {
	case KEYMAP_NONE:
		return 0;
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
		break;
	case KEYMAP_HALFPAGEUP:
	case KEYMAP_HALFPAGEDOWN:
		ui_nav_halfpage(u, a == KEYMAP_HALFPAGEUP ? -1 : 1);
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
	case KEYMAP_NEXT_FEED:
	case KEYMAP_PREV_FEED:
		ui_nav_next_feed(u, a == KEYMAP_NEXT_FEED ? 1 : -1, 0);
		break;
	case KEYMAP_NEXT_UNREAD_FEED:
	case KEYMAP_PREV_UNREAD_FEED:
		ui_nav_next_feed(u, a == KEYMAP_NEXT_UNREAD_FEED ? 1 : -1, 1);
		break;
	case KEYMAP_TOGGLE_READ:
		ui_nav_toggle_read(u, args, nargs);
		break;
	case KEYMAP_TOGGLE_STAR:
		ui_toggle_flag(u, 1);
		break;
	case KEYMAP_MARK_FEED_READ:
		if (settings_bool(u->cfg, SETTINGS_V_CONFIRM_MARK_FEED_READ))
			ui_confirm(u, a, "Do you really want to mark this feed as read? (y/n)");
		else
			ui_mark_feed_read(u, 0);
		break;
	case KEYMAP_MARK_ALL_READ:
		if (settings_bool(u->cfg, SETTINGS_V_CONFIRM_MARK_ALL_FEEDS_READ))
			ui_confirm(u, a, "Do you really want to mark all feeds as read? (y/n)");
		else
			ui_mark_feed_read(u, 1);
		break;
	case KEYMAP_EDIT_FLAGS:
		/* tidings' items have one flag, the star */
		ui_toggle_flag(u, 1);
		break;
	case KEYMAP_RANDOM_UNREAD:
		ui_nav_random_unread(u);
		break;
	case KEYMAP_NEXT_DIALOG:
	case KEYMAP_PREV_DIALOG:
		ui_nav_dialog(u, a == KEYMAP_NEXT_DIALOG ? 1 : -1);
		break;
	case KEYMAP_VIEW_DIALOGS:
		ui_nav_view_dialogs(u);
		break;
	case KEYMAP_CLOSE_DIALOG:
		if (u->screen != UI_FEEDS)
			ui_back(u);
		break;
	case KEYMAP_EDIT_URLS:
		ui_nav_edit_urls(u);
		break;
	case KEYMAP_DELETE_ARTICLE:
		ui_nav_delete(u, 0);
		break;
	case KEYMAP_DELETE_ALL_ARTICLES:
		if (settings_bool(u->cfg, SETTINGS_V_CONFIRM_DELETE_ALL_ARTICLES))
			ui_confirm(u, a, "Do you really want to delete all articles? (y/n)");
		else
			ui_nav_delete(u, 1);
		break;
	case KEYMAP_PURGE_DELETED:
		ui_message(u, 0, "nothing to purge: tidings deletes an article at once");
		break;
	case KEYMAP_PREVSEARCHRESULTS:
		ui_nav_prev_search(u);
		break;
	case KEYMAP_RELOAD_URLS:
		ui_reload(u, 0);
		break;
	case KEYMAP_MARK_ABOVE_READ:
		ui_nav_mark_above_read(u);
		break;
	case KEYMAP_RELOAD: {
		int64_t id = 0;
		const struct views_feed *f;

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
	case KEYMAP_OPEN_BROWSER_MARK:
		ui_nav_open_browser_mark(u);
		break;
	case KEYMAP_TOGGLE_SHOW_READ:
		ui_set_show_read(u, !u->show_read);
		break;
	case KEYMAP_NEXT_TAG:
		if (u->feeds.ntags == 0)
			ui_message(u, 0, "no feed has a tag (add tags after the URL in the feeds file)");
		else
			ui_set_tag(u, nargs > 0 ? args[0] : view_feeds_next_tag(&u->feeds));
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
		ui_cmdline_with(u, nargs > 0 ? args[0] : NULL);
		break;
	case KEYMAP_CMD_ONE: case KEYMAP_CMD_TWO: case KEYMAP_CMD_THREE:
	case KEYMAP_CMD_FOUR: case KEYMAP_CMD_FIVE: case KEYMAP_CMD_SIX:
	case KEYMAP_CMD_SEVEN: case KEYMAP_CMD_EIGHT: case KEYMAP_CMD_NINE: {
		char digit[2] = { (char)('1' + (a - KEYMAP_CMD_ONE)), '\0' };

		ui_cmdline_with(u, digit);
		break;
	}
	case KEYMAP_GOTO_TITLE:
		if (nargs > 0)
			ui_nav_goto_title(u, args[0]);
		else
			ui_cmdline_with(u, "goto-title ");
		break;
	case KEYMAP_ARTICLE_FEED:
		ui_nav_article_feed(u);
		break;
	case KEYMAP_MACRO_PREFIX:
		u->macro_pending = 1;
		ui_message(u, 0, "macro-");
		break;
	case KEYMAP_SORT:
	case KEYMAP_REV_SORT:
		ui_sort_start(u, a == KEYMAP_REV_SORT);
		break;
	case KEYMAP_REDRAW:
		clearok(curscr, TRUE);
		break;
	case KEYMAP_SET_FILTER:		/* ui_filter.c */
		ui_filter_prompt(u);
		break;
	case KEYMAP_SELECT_FILTER:
		ui_filter_select(u);
		break;
	case KEYMAP_CLEAR_FILTER:
		ui_filter_clear(u);
		break;
	case KEYMAP_ENQUEUE:
		ui_podcast_enqueue(u);
		break;
	case KEYMAP_NACTIONS:
		break;
	/* the commands part: ui_urls.c */
	case KEYMAP_SHOW_URLS: case KEYMAP_GOTO_URL: case KEYMAP_OPEN_BROWSER_BG:
	case KEYMAP_OPEN_ALL_UNREAD: case KEYMAP_OPEN_ALL_UNREAD_MARK: case KEYMAP_SAVE:
	case KEYMAP_SAVE_ALL:
	case KEYMAP_PIPE_TO: case KEYMAP_BOOKMARK: case KEYMAP_ONE: case KEYMAP_TWO:
	case KEYMAP_THREE: case KEYMAP_FOUR: case KEYMAP_FIVE: case KEYMAP_SIX:
	case KEYMAP_SEVEN: case KEYMAP_EIGHT: case KEYMAP_NINE: case KEYMAP_ZERO:
		ui_urls_act(u, a);
		break;
	default:
		ui_message(u, 1, "%s: not in this version of tidings yet", keymap_action_name(a));
		rc = -1;
		break;
	}
	u->dirty = 1;
	return rc;
}

static int
ui_ops_act(void *arg, enum keymap_action a, char *const *args, int nargs, struct err *e)
{
	struct ui *u = arg;

	if (ui_act(u, a, args, nargs) < 0)
		return err_set(e, "%s", u->message);
	return 0;
}

int
ui_run_ops(struct ui *u, const struct keymap_ops *ops)
{
	struct macro_runner m = { u->cfg, ui_ops_act, ui_set_changed, u };
	struct err e;

	if (macro_run(&m, ops, &e) < 0) {
		ui_fail(u, &e);
		return -1;
	}
	return 0;
}

/* The macro keys and what they do, for the macro- hint. */
static void
ui_macro_hint(struct ui *u)
{
	const struct keymap *km = u->cfg->keymap;
	size_t i, n = keymap_macro_count(km);
	struct buf b;

	if (n == 0) {
		ui_message(u, 0, "macro- (no macros: macro KEY OPERATIONS in the config)");
		return;
	}
	buf_init(&b, sizeof u->message - 1);
	(void)buf_addstr(&b, "macro-");
	for (i = 0; i < n; i++) {
		const struct keymap_ops *ops;
		char key[32], what[80];
		uint32_t k;

		ops = keymap_macro_at(km, i, &k);
		keymap_key_name(k, key, sizeof key);
		keymap_ops_describe(ops, what, sizeof what);
		if (buf_printf(&b, " %s:%s", key, what) < 0)
			break;
	}
	ui_message(u, 0, "%s", b.data);
	buf_release(&b);
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

/*
 * A key outside the prompts: the macro after macro-prefix, else one more
 * key of a sequence (bind "gg"), run once it names a binding; ESC drops
 * a sequence half typed.
 */
static void
ui_key_binding(struct ui *u, uint32_t key)
{
	const struct keymap_ops *ops;
	enum keymap_action a;
	char name[32];

	if (u->macro_pending) {
		u->macro_pending = 0;
		u->message[0] = '\0';
		if (key == KEYMAP_KEY_ESC)
			return;
		if ((ops = keymap_macro(u->cfg->keymap, key)) != NULL) {
			ui_run_ops(u, ops);
		} else {
			keymap_key_name(key, name, sizeof name);
			ui_message(u, 1, "no macro on %s", name);
		}
		return;
	}
	if (key == KEYMAP_KEY_ESC && u->nkeyseq > 0) {
		u->nkeyseq = 0;
		u->message[0] = '\0';
		return;
	}
	if (u->nkeyseq == KEYMAP_MAX_SEQ)
		u->nkeyseq = 0;
	u->keyseq[u->nkeyseq++] = key;
	switch (keymap_match(u->cfg->keymap, ui_screens[u->screen].view, u->keyseq,
	    u->nkeyseq, &a, &ops)) {
	case KEYMAP_MATCH_MORE:
		/* say what is typed so far, as a prompt would */
		{
			struct buf b;
			size_t i;

			buf_init(&b, sizeof u->message - 1);
			for (i = 0; i < u->nkeyseq; i++) {
				keymap_key_name(u->keyseq[i], name, sizeof name);
				(void)buf_addstr(&b, name);
			}
			ui_message(u, 0, "%s-", b.data);
			buf_release(&b);
		}
		return;
	case KEYMAP_MATCH_FOUND:
		if (u->nkeyseq > 1)
			u->message[0] = '\0';
		u->nkeyseq = 0;
		if (ops != NULL)
			ui_run_ops(u, ops);
		else
			ui_act(u, a, NULL, 0);
		break;
	case KEYMAP_MATCH_NONE:
		if (u->nkeyseq > 1)
			u->message[0] = '\0';
		u->nkeyseq = 0;
		break;
	}
	if (u->macro_pending)
		ui_macro_hint(u);
}

void
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
	if (u->prompt == UI_PROMPT_SORT || u->prompt == UI_PROMPT_REV_SORT) {
		ui_sort_key(u, key);
		return;
	}
	if (u->prompt == UI_PROMPT_CONFIRM) {
		u->prompt = UI_PROMPT_NONE;
		if ((key == 'y' || key == 'Y') && u->confirm_action == KEYMAP_DELETE_ALL_ARTICLES)
			ui_nav_delete(u, 1);
		else if (key == 'y' || key == 'Y')
			ui_mark_feed_read(u, u->confirm_action == KEYMAP_MARK_ALL_READ);
		return;
	}
	if (u->prompt == UI_PROMPT_QUIT) {
		u->prompt = UI_PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			u->quit = 1;
		return;
	}
	if (u->prompt == UI_PROMPT_ASK) {
		ui_urls_ask_key(u, key);
		return;
	}
	if (u->prompt == UI_PROMPT_COMMAND) {
		rc = view_cmdline_key(&u->cmd, key);
		if (rc == VIEW_CMDLINE_ENTER) {
			char *line = xstrdup(u->cmd.text.data);

			view_cmdline_remember(&u->cmd);
			u->prompt = UI_PROMPT_NONE;
			u->message[0] = '\0';
			ui_command(u, line);
			free(line);
		} else if (rc == VIEW_CMDLINE_CANCEL) {
			u->prompt = UI_PROMPT_NONE;
		}
		return;
	}
	if (u->screen == UI_SEARCH && u->search.editing) {
		size_t before = u->search.line.text.len;
		int changed;

		rc = view_cmdline_key(&u->search.line, key);
		if (rc == VIEW_CMDLINE_ENTER) {
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
		if (rc == VIEW_CMDLINE_CANCEL) {
			u->search.editing = 0;
			if (u->search.list.count == 0)
				ui_back(u);
			return;
		}
		if (rc == VIEW_CMDLINE_EDITED) {
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
	ui_key_binding(u, key);
}
