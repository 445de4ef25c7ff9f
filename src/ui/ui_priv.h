/*
 * ui_priv: what the files of src/ui share (not a public interface).
 *
 * ui.c      the state, the event loop and the actions over the view
 *           models (app/), the table of screens
 * ui_input.c keys, mouse clicks and the ":" command table onto actions
 * ui_draw.c drawing the view models (every string through util/text)
 * ui_term.c the terminal: curses setup, colours, keys, restoring it on
 *           every way out, signals
 * ui_browser.c the user's commands (browser, bookmark-cmd, pipe-to...):
 *           app/spawn runs them, this gives them the terminal
 * ui_urls.c the link list (show-urls) and the commands part's actions
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
#include "app/notify.h"
#include "app/settings.h"
#include "app/reload.h"
#include "app/view_article.h"
#include "app/view_cmdline.h"
#include "app/view_feeds.h"
#include "app/view_help.h"
#include "app/view_items.h"
#include "app/view_list.h"
#include "app/view_search.h"
#include "app/view_urls.h"

/* appearance: the colour elements, one style a highlight rule, the
 * search-highlight-colors, one style a highlight-article line, one a
 * highlight-feed line */
#define UI_HIGHLIGHT_ARTICLE_MAX 64
#define UI_HIGHLIGHT_FEED_MAX 64
#define UI_STYLES_MAX (SETTINGS_NCOLORS + HIGHLIGHT_MAX_RULES + 1 + UI_HIGHLIGHT_ARTICLE_MAX + \
	UI_HIGHLIGHT_FEED_MAX)

enum ui_screen {
	UI_FEEDS,
	UI_ITEMS,
	UI_ARTICLE,
	UI_HELP,
	UI_SEARCH,
	UI_URLS,	/* the link list (show-urls): ui_urls.c */
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
	UI_PROMPT_ASK,		/* a question of ui_urls.c (u->ask) */
	UI_PROMPT_CONFIRM,	/* keys: confirm_text, y runs confirm_action */
};

/* The commands part's questions on the message line (ui_urls.c). */
enum ui_ask_kind {
	UI_ASK_GOTO_URL,	/* a link number */
	UI_ASK_SAVE,		/* a file name */
	UI_ASK_SAVE_ALL,	/* a directory */
	UI_ASK_OVERWRITE,	/* y/n: answers[0] is the file */
	UI_ASK_PIPE,		/* a command */
	UI_ASK_BOOKMARK,	/* URL, title, description (step 0..2) */
};

struct ui_ask {
	enum ui_ask_kind kind;
	char label[320];
	int step;
	char *answers[4];	/* bookmark: url, title, description, feed title */
	int64_t item_id;	/* the item saved or piped */
};

struct ui {
	struct db *db;
	struct settings *cfg;		/* a macro's set changes it */
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
	/* the commands part (ui_urls.c) */
	struct view_urls urls;
	enum ui_screen urls_return;	/* where q in the link list goes */
	struct ui_ask ask;
	struct notify_counts notify_before;	/* unread when the reload started */
	int notify_counted;			/* ... and notify_before holds them */
	/* keys: a bind key sequence typed so far, and macro-prefix pressed */
	uint32_t keyseq[KEYMAP_MAX_SEQ];
	size_t nkeyseq;
	int macro_pending;
	enum keymap_action confirm_action;
	char confirm_text[128];
	/* the screen */
	int rows, cols;
	int mouse;
	struct filters_view filter;	/* ui_filter.c: set-filter, the killfile */
	int article_style;		/* highlight-article line 0's style */
	int feed_style;			/* highlight-feed rule 0's style */
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
/* One list row at y, in the list colours (focus: the cursor's row). */
void ui_draw_plain_row(const struct ui *u, int y, const char *s, int focus);

/* ---- the commands part (issue 13): ui_browser.c, ui_urls.c ---- */
struct spawn_opts;
/* Run argv (app/spawn); an interactive run gets the terminal. */
int ui_spawn(char **argv, const struct spawn_opts *o, struct err *e);
/* Open url with cfg's browser, interactively (the terminal handed over,
 * waited for) or in the background; 0 or -1 with *e. */
int ui_browser_run(const struct settings *cfg, const char *url, const char *title,
    int interactive, struct err *e);
/* ui_browser_run, interactively, no title. */
int ui_browser_open(const struct settings *cfg, const char *url, struct err *e);
/* show-urls, goto-url, one..zero, open-in-browser-noninteractively,
 * open-all-unread-in-browser[-and-mark-read], save, save-all, pipe-to,
 * bookmark */
void ui_urls_act(struct ui *u, enum keymap_action a);
/* A key while u->prompt is UI_PROMPT_ASK. */
void ui_urls_ask_key(struct ui *u, uint32_t key);
/* ENTER in the link list: open the link (interactive) or in the background. */
void ui_urls_open_current(struct ui *u, int interactive);
void ui_urls_draw(struct ui *u);
void ui_urls_release(struct ui *u);
/* A reload starts / finished: count unread, and tell the user as the
 * notify-* options say (ui_browser.c). */
void ui_notify_start(struct ui *u);
void ui_notify_done(struct ui *u);

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
int ui_filter_feed_style(struct ui *u, int row);

/* ui_input.c: a key (or UI_KEY_RESIZE, UI_KEY_MOUSE) */
void ui_key(struct ui *u, uint32_t key);
/* keys: run a list of operations (macro, bind, run-on-startup); 0 or -1
 * when one failed (the message line says why). */
int ui_run_ops(struct ui *u, const struct keymap_ops *ops);

/* ui_nav.c (keys): newsboat's navigation actions */
/* next-feed/prev-feed (unread: next-unread-feed/prev-unread-feed) from
 * the article list or the article: the next feed's article list. */
void ui_nav_next_feed(struct ui *u, int dir, int unread);
/* n past the last unread item of a feed: on to the next feed's first
 * unread item when goto-next-feed says so; 1 when it moved. */
int ui_nav_next_unread_feed(struct ui *u);
void ui_nav_halfpage(struct ui *u, int dir);
/* toggle-article-read (args "read"/"unread" set it), then the jump
 * toggleitemread-jumps-to-next(-unread) asks for. */
void ui_nav_toggle_read(struct ui *u, char *const *args, int nargs);
void ui_nav_open_browser_mark(struct ui *u);
void ui_nav_mark_above_read(struct ui *u);
void ui_nav_article_feed(struct ui *u);
/* goto-title TEXT: the next item (or feed) whose title holds TEXT, any case. */
void ui_nav_goto_title(struct ui *u, const char *text);
/* random-unread: a random unread item of a random feed, opened. */
void ui_nav_random_unread(struct ui *u);
/* next-dialog/prev-dialog: the next open screen (feeds, articles,
 * article, search); view-dialogs names them. */
void ui_nav_dialog(struct ui *u, int dir);
void ui_nav_view_dialogs(struct ui *u);
/* delete-article (all: delete-all-articles, starred ones kept) in an
 * article list or its article. */
void ui_nav_delete(struct ui *u, int all);
/* prevsearchresults: the search before this one, run again. */
void ui_nav_prev_search(struct ui *u);
/* edit-urls: $VISUAL or $EDITOR on the feeds file, then reload it. */
void ui_nav_edit_urls(struct ui *u);
/* mark-as-read-on-hover (parity13): the article list's item under the
 * cursor becomes read, as newsboat's list does each time it is drawn. */
void ui_nav_hover(struct ui *u);

#endif
