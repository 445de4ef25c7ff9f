#include "ui/ui_priv.h"

#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

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
		    settings_is_option(argv[1]) ? "" : "unknown option \"", argv[1],
		    settings_is_option(argv[1]) ? " can only be set in the config file for now"
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
	case KEYMAP_ENQUEUE:
		ui_podcast_enqueue(u);
		break;
	case KEYMAP_NACTIONS:
		break;
	default:
		ui_message(u, 1, "%s: not in this version of tidings yet", keymap_action_name(a));
		break;
	}
	u->dirty = 1;
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
	if (u->prompt == UI_PROMPT_QUIT) {
		u->prompt = UI_PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			u->quit = 1;
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
	ui_act(u, keymap_lookup(u->cfg->keymap, ui_screens[u->screen].view, key));
}
