/*
 * ui_priv: what the files of src/ui share (not a public interface).
 *
 * ui.c      the state, the event loop and the actions over the view
 *           models (app/), the table of screens
 * ui_input.c keys, mouse clicks and the ":" command table onto actions
 * ui_draw.c drawing the view models (every string through util/text)
 * ui_term.c the terminal: curses setup, colours, keys, restoring it on
 *           every way out, signals
 * ui_browser.c starting the browser (fork + execvp, never a shell)
 */
#ifndef TIDINGS_UI_PRIV_H
#define TIDINGS_UI_PRIV_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <signal.h>
#include <stdint.h>

#include "app/settings.h"
#include "app/reload.h"
#include "app/view_article.h"
#include "app/view_cmdline.h"
#include "app/view_feeds.h"
#include "app/view_help.h"
#include "app/view_items.h"
#include "app/view_list.h"
#include "app/view_search.h"

enum ui_screen {
	UI_FEEDS,
	UI_ITEMS,
	UI_ARTICLE,
	UI_HELP,
	UI_SEARCH,
};

/* A status-line hint: the first key bound to action, and its label (in an
 * article opened from a search, search_label when there is one). */
struct ui_hint {
	enum keymap_action action;
	const char *label;
	const char *search_label;
};

#define UI_MAX_HINTS 8

/* What each screen is to the rest of the reader: the view its keys are
 * looked up in, and its status-line hints, the most useful first (a
 * narrow screen cuts from the right).  Indexed by enum ui_screen. */
struct ui_screen_def {
	enum keymap_view view;
	struct ui_hint hints[UI_MAX_HINTS];	/* up to the first action 0 */
};

extern const struct ui_screen_def ui_screens[];

enum ui_prompt {
	UI_PROMPT_NONE,
	UI_PROMPT_COMMAND,	/* ":" */
	UI_PROMPT_QUIT,		/* confirm-exit: y/n */
};

struct ui {
	struct db *db;
	const struct settings *cfg;
	const char *config_path;
	enum ui_screen screen;
	enum ui_screen help_return;	/* where q in the help goes */
	enum ui_screen article_return;	/* the list the article was opened from */
	enum ui_screen search_return;	/* where q in the search results goes */
	struct view_feeds feeds;
	struct view_items items;
	struct view_article article;
	struct view_help help;
	struct view_search search;
	struct view_cmdline cmd;
	enum ui_prompt prompt;
	int show_read;
	int quit;
	int dirty;			/* redraw before waiting */
	char message[512];
	int message_error;
	struct reload reload;		/* r and R in the background */
	/* the screen */
	int rows, cols;
	int mouse;
	/* lines printed to stderr after the terminal is restored */
	char **late;
	size_t nlate;
};

/* Layout: rows of the list/article area and its first row. */
int ui_body_top(const struct ui *u);
int ui_body_height(const struct ui *u);

/* ui_term.c */
int ui_term_start(const struct settings *cfg, struct err *e);
void ui_term_stop(void);
/* Next key as a keymap code (KEYMAP_KEY_*), 0 when none is waiting;
 * UI_KEY_RESIZE and UI_KEY_MOUSE for those events. */
#define UI_KEY_RESIZE 0x300001u
#define UI_KEY_MOUSE 0x300002u
uint32_t ui_term_key(void);
/* Read end of the pipe that signals write to: poll it with the keyboard. */
int ui_term_signal_fd(void);
/* After the pipe woke us: 1 when the terminal was resized (curses knows). */
int ui_term_resized(void);
/* A signal asked us to quit (SIGINT, SIGTERM, SIGHUP). */
int ui_term_quit_requested(void);
/* The curses attribute (colour pair and attributes) of a colour element. */
attr_t ui_term_attr(enum settings_color_id id);
int ui_term_pair(enum settings_color_id id);
void ui_term_mouse(int on);

/* ui_draw.c */
void ui_draw(struct ui *u);

/* ui_browser.c: open url with cfg's browser; 0 or -1 with *e. */
int ui_browser_open(const struct settings *cfg, const char *url, struct err *e);

/* ui.c: the state and the actions (ui_input.c maps keys, clicks and
 * ":" commands onto them) */
void ui_message(struct ui *u, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_fail(struct ui *u, const struct err *e);
void ui_layout(struct ui *u);
void ui_open_help(struct ui *u);
void ui_open_search(struct ui *u);
int ui_search_run(struct ui *u, int need);
void ui_reload(struct ui *u, int64_t feed_id);
/* The list on screen, NULL in the article. */
struct view_list *ui_current_list(struct ui *u);
void ui_after_move(struct ui *u);
void ui_back(struct ui *u);
void ui_open(struct ui *u);
void ui_next(struct ui *u, int dir);
void ui_next_unread(struct ui *u, int dir);
void ui_toggle_flag(struct ui *u, int star);
/* The item under the cursor or open (0: none); *from_items when from the item list. */
int64_t ui_current_item(struct ui *u, int *from_items);
/* ui_podcast.c (issue 17): the enqueue action; the podcast view
 * (":podboat"), a loop of its own until q */
void ui_podcast_enqueue(struct ui *u);
void ui_podcast_run(struct ui *u);
int ui_podcast_cmd(struct ui *u, int argc, char **argv);
void ui_mark_feed_read(struct ui *u, int all);
void ui_open_browser(struct ui *u);
void ui_set_show_read(struct ui *u, int on);
/* tag may point into u->feeds.tags, which this frees (ui.c says how). */
void ui_set_tag(struct ui *u, const char *tag);
void ui_goto_line(struct ui *u, long n);

/* ui_input.c: a key (or UI_KEY_RESIZE, UI_KEY_MOUSE) */
void ui_key(struct ui *u, uint32_t key);

#endif
