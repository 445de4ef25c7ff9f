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

#include "app/filters.h"
#include "app/format.h"
#include "app/highlight.h"
#include "app/settings.h"
#include "app/reload.h"
#include "app/view_article.h"
#include "app/view_cmdline.h"
#include "app/view_feeds.h"
#include "app/view_help.h"
#include "app/view_items.h"
#include "app/view_list.h"
#include "app/view_search.h"

/* appearance: the colour elements, one style a highlight rule, the
 * search-highlight-colors, one style a highlight-article line */
#define UI_HIGHLIGHT_ARTICLE_MAX 64
#define UI_STYLES_MAX (SETTINGS_NCOLORS + HIGHLIGHT_MAX_RULES + 1 + UI_HIGHLIGHT_ARTICLE_MAX)

enum ui_screen {
	UI_FEEDS,
	UI_ITEMS,
	UI_ARTICLE,
	UI_HELP,
	UI_SEARCH,
	UI_FILTERS,	/* select-filter's dialog (ui_filter.c) */
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
	UI_PROMPT_SORT,		/* sort: one key picks the order (ui_sort.c) */
	UI_PROMPT_REV_SORT,
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
	struct filters_view filter;	/* ui_filter.c: set-filter, the killfile */
	int article_style;		/* highlight-article line 0's style */
	struct view_list filters_list;	/* select-filter's dialog */
	enum ui_screen filters_return;
	/* appearance (highlight lines, list formats, bars) */
	struct highlight hl;
	int match_style;		/* search matches: "match" or search-highlight-colors */
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
/*
 * The curses attribute (colour pair and attributes) of a style: a colour
 * element (enum settings_color_id), or SETTINGS_NCOLORS + k for the k-th
 * style given to ui_term_set_styles (before ui_term_start).
 */
attr_t ui_term_attr(int id);
int ui_term_pair(int id);
void ui_term_set_styles(const struct settings_color *styles, size_t n);
void ui_term_mouse(int on);

/* ui_draw.c */
void ui_draw(struct ui *u);
/* One piece of a line and how it looks: a style is a colour element or
 * a highlight rule's (ui_term_attr). */
struct ui_seg {
	const char *s;
	size_t len;
	int color;
	attr_t extra;
};

#define UI_MAX_SEGS 64
/* A line never holds more than this many bytes after sanitising. */
#define UI_LINE_MAX (64 * 1024)
/*
 * Draw segments on row y from column 0 across the screen: every piece is
 * sanitised and cut by display width (an ellipsis where the line is cut),
 * and the rest of the row is filled in fill's colour.
 */
void ui_draw_segs(const struct ui *u, int y, const struct ui_seg *segs, size_t n,
    int fill, attr_t fill_extra);
void ui_draw_text(const struct ui *u, int y, const char *s, enum settings_color_id color,
    attr_t extra);
/* ui_bars.c: the title bar and the hints (appearance) */
size_t ui_draw_format_width(const struct ui *u, const char *fmt);
/* The rows of the title bar and the hints, -1 for one not shown. */
void ui_bars_rows(const struct ui *u, int *title, int *hints);
void ui_bars_title(struct ui *u, int y);
/*
 * A title bar's text for a view whose *-title-format (id) names only %N,
 * %V and one letter c more (value, may be NULL): help, and the dialogs,
 * URL view, tag and filter lists when they come.  Appended to out, at
 * most cols columns (0: no limit).
 */
void ui_bars_title_simple(const struct ui *u, enum settings_value_id id, char c,
    const char *value, size_t cols, struct buf *out);
void ui_bars_status(struct ui *u, int y);
/*
 * appearance: compile the highlight lines (their messages, "config:12:
 * highlight: ...", appended to *msgs, which the caller frees), give the
 * terminal their styles (before ui_term_start), and apply the options
 * the screens read once: show-read-feeds, show-read-articles (both
 * show-read-items when the config does not set them), text-width,
 * scrolloff and wrap-scroll.  ui_draw_release frees what it holds.
 */
void ui_draw_init(struct ui *u, char ***msgs, size_t *nmsgs);
void ui_draw_release(struct ui *u);

/* ui_sort.c: the sort and rev-sort prompt (appearance) */
void ui_sort_start(struct ui *u, int reverse);
const char *ui_sort_prompt(const struct ui *u);
void ui_sort_key(struct ui *u, uint32_t key);

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
void ui_search_more(struct ui *u);
void ui_reload(struct ui *u, int64_t feed_id);
/* The list on screen, NULL in the article. */
struct view_list *ui_current_list(struct ui *u);
void ui_after_move(struct ui *u);
void ui_back(struct ui *u);
void ui_open(struct ui *u);
void ui_next(struct ui *u, int dir);
void ui_next_unread(struct ui *u, int dir);
void ui_toggle_flag(struct ui *u, int star);
void ui_mark_feed_read(struct ui *u, int all);
void ui_open_browser(struct ui *u);
void ui_set_show_read(struct ui *u, int on);
/* tag may point into u->feeds.tags, which this frees (ui.c says how). */
void ui_set_tag(struct ui *u, const char *tag);
void ui_goto_line(struct ui *u, long n);

/* ui_filter.c (issue 14): set-filter, select-filter, clear-filter and the
 * killfile (ignore-mode display) on every item list */
void ui_filter_start(struct ui *u);
void ui_filter_stop(struct ui *u);
void ui_filter_items(struct ui *u);
void ui_filter_reloaded(struct ui *u);
void ui_filter_prompt(struct ui *u);
void ui_filter_command(struct ui *u, const char *text);
void ui_filter_select(struct ui *u);
void ui_filter_clear(struct ui *u);
void ui_filter_feeds(struct ui *u);
int64_t ui_filter_open_feed(struct ui *u, int64_t id);
int ui_filter_mark_read(struct ui *u);
void ui_filter_pick(struct ui *u);
void ui_filter_draw(struct ui *u);
size_t ui_filter_styles(struct ui *u, struct settings_color *styles, size_t n, size_t max);
void ui_filter_row_styles(struct ui *u, const int64_t *ids, size_t n, int *style);

/* ui_input.c: a key (or UI_KEY_RESIZE, UI_KEY_MOUSE) */
void ui_key(struct ui *u, uint32_t key);

#endif
