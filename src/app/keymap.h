/*
 * keymap: the reader's actions, key names and key bindings per view.
 *
 * Owns: the one list of actions (KEYMAP_ACTIONS below: config name,
 * default keys, view and help text, in one place, so the help view, the
 * default bindings and the README key table cannot drift apart), the key
 * names of the config language ("j", "^R", "ENTER", "SPACE", "PPAGE",
 * "F1", ...), and the binding tables.  Knows nothing of curses: keys are
 * Unicode code points, or KEYMAP_KEY_* codes above U+10FFFF for keys that
 * are not characters; the UI translates curses' KEY_* to these.
 *
 * The default bindings are not set here: settings_init (app/settings) writes
 * them as "bind-key" lines of the config language built from this list
 * and feeds them through the same parser as the user's config file.
 */
#ifndef TIDINGS_KEYMAP_H
#define TIDINGS_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/*
 * The ":" command line's commands, as its key's help, the help view, the
 * README and the reader's "unknown command" message give them (ui.c's
 * command table is what runs them).
 */
#define KEYMAP_CMDLINE_SET "set show-read-items yes|no"
#define KEYMAP_CMDLINE_HELP \
	"q, NUMBER, tag [NAME], search WORDS, open N, " KEYMAP_CMDLINE_SET ", help"

/*
 * X(ID, name, default keys (space-separated key names), view of the
 *   default binding ("" = every view), help text)
 */
#define KEYMAP_ACTIONS(X) \
	X(UP, "up", "k UP", "", "Move up one line") \
	X(DOWN, "down", "j DOWN", "", "Move down one line") \
	X(PAGEUP, "pageup", "PPAGE ^B", "", "Move up one page") \
	X(PAGEDOWN, "pagedown", "NPAGE ^F SPACE", "", "Move down one page") \
	X(HOME, "home", "g HOME", "", "Go to the first line") \
	X(END, "end", "G END", "", "Go to the last line") \
	X(OPEN, "open", "ENTER", "", "Open the feed, item or search result") \
	X(QUIT, "quit", "q", "", "Go back; quit in the feed list") \
	X(HARD_QUIT, "hard-quit", "Q", "", "Quit at once from any view") \
	X(NEXT, "next", "J", "", "Next item (in the article view: the next article)") \
	X(PREV, "prev", "K", "", "Previous item (in the article view: the previous article)") \
	X(NEXT_UNREAD, "next-unread", "n", "", "Next unread item (search matches in a search result)") \
	X(PREV_UNREAD, "prev-unread", "N", "", "Previous unread item (search matches in a search result)") \
	X(TOGGLE_READ, "toggle-article-read", "u", "", "Toggle the item read/unread") \
	X(MARK_FEED_READ, "mark-feed-read", "A", "", "Mark every item of the feed read") \
	X(MARK_ALL_READ, "mark-all-feeds-read", "C", "", "Mark every item of every feed read") \
	X(TOGGLE_STAR, "toggle-star", "s", "", "Star or unstar the item") \
	X(RELOAD, "reload", "r", "", "Reload the current feed in the background") \
	X(RELOAD_ALL, "reload-all", "R", "", "Reload all feeds in the background") \
	X(OPEN_BROWSER, "open-in-browser", "o", "", "Open the item's link in the browser") \
	X(TOGGLE_SHOW_READ, "toggle-show-read", "l", "", "Show or hide read items and feeds") \
	X(NEXT_TAG, "select-tag", "t", "", "Filter by the next tag (cycles through the tags)") \
	X(CLEAR_TAG, "clear-tag", "T", "", "Show every feed again (no tag filter)") \
	X(SEARCH, "search", "/", "", "Search every cached article") \
	X(HELP, "help", "? F1", "", "Show the key bindings") \
	X(CMDLINE, "cmdline", ":", "", "Command line: " KEYMAP_CMDLINE_HELP) \
	X(REDRAW, "redraw", "^L", "", "Redraw the screen") \
	X(NEXT_FEED, "next-feed", "", "", "Go to the next feed (from the article list)") \
	X(PREV_FEED, "prev-feed", "", "", "Go to the previous feed (from the article list)") \
	X(NEXT_UNREAD_FEED, "next-unread-feed", "", "", "Go to the next feed with unread articles") \
	X(PREV_UNREAD_FEED, "prev-unread-feed", "", "", "Go to the previous feed with unread articles") \
	X(RANDOM_UNREAD, "random-unread", "", "", "Jump to a random unread article") \
	X(MARK_ABOVE_READ, "mark-all-above-as-read", "", "", "Mark every item above the cursor read") \
	X(HALFPAGEUP, "halfpageup", "", "", "Move up half a page") \
	X(HALFPAGEDOWN, "halfpagedown", "", "", "Move down half a page") \
	X(OPEN_BROWSER_MARK, "open-in-browser-and-mark-read", "", "", "Open the link in the browser and mark the item read") \
	X(OPEN_BROWSER_BG, "open-in-browser-noninteractively", "", "", "Open the link in the browser without leaving the screen") \
	X(OPEN_ALL_UNREAD, "open-all-unread-in-browser", "", "", "Open every unread item of the feed in the browser") \
	X(OPEN_ALL_UNREAD_MARK, "open-all-unread-in-browser-and-mark-read", "", "", "Open every unread item of the feed in the browser and mark them read") \
	X(SHOW_URLS, "show-urls", "", "", "List the article's links") \
	X(GOTO_URL, "goto-url", "", "", "Open link N of the article in the browser") \
	X(ONE, "one", "", "", "Open link 1 in the browser") \
	X(TWO, "two", "", "", "Open link 2 in the browser") \
	X(THREE, "three", "", "", "Open link 3 in the browser") \
	X(FOUR, "four", "", "", "Open link 4 in the browser") \
	X(FIVE, "five", "", "", "Open link 5 in the browser") \
	X(SIX, "six", "", "", "Open link 6 in the browser") \
	X(SEVEN, "seven", "", "", "Open link 7 in the browser") \
	X(EIGHT, "eight", "", "", "Open link 8 in the browser") \
	X(NINE, "nine", "", "", "Open link 9 in the browser") \
	X(ZERO, "zero", "", "", "Open link 10 in the browser") \
	X(SAVE, "save", "", "", "Save the article as text (save-path)") \
	X(SAVE_ALL, "save-all", "", "", "Save every article of the feed as text") \
	X(PIPE_TO, "pipe-to", "", "", "Pipe the article's text to a command") \
	X(BOOKMARK, "bookmark", "", "", "Bookmark the item (bookmark-cmd)") \
	X(EDIT_FLAGS, "edit-flags", "", "", "Edit the item's flags") \
	X(DELETE_ARTICLE, "delete-article", "", "", "Delete the item") \
	X(DELETE_ALL_ARTICLES, "delete-all-articles", "", "", "Delete every item in the list") \
	X(PURGE_DELETED, "purge-deleted", "", "", "Purge deleted items from the list") \
	X(EDIT_URLS, "edit-urls", "", "", "Edit the feeds file in $VISUAL or $EDITOR") \
	X(RELOAD_URLS, "reload-urls", "", "", "Read the feeds file again") \
	X(GOTO_TITLE, "goto-title", "", "", "Go to the item whose title contains a text") \
	X(SORT, "sort", "", "", "Sort feeds or items (choose the order)") \
	X(REV_SORT, "rev-sort", "", "", "Sort feeds or items, reversed") \
	X(TOGGLE_SOURCE, "toggle-source-view", "", "", "Show the article's HTML source or its text") \
	X(ARTICLE_FEED, "article-feed", "", "", "Go to the feed of the item") \
	X(PREVSEARCHRESULTS, "prevsearchresults", "", "", "Return to the previous search results") \
	X(SET_FILTER, "set-filter", "", "", "Filter the list by an expression") \
	X(SELECT_FILTER, "select-filter", "", "", "Choose a defined filter") \
	X(CLEAR_FILTER, "clear-filter", "", "", "Show every item again (no filter)") \
	X(MACRO_PREFIX, "macro-prefix", "", "", "Run the macro of the next key") \
	X(VIEW_DIALOGS, "view-dialogs", "", "", "List the open screens") \
	X(CLOSE_DIALOG, "close-dialog", "", "", "Close the current screen") \
	X(NEXT_DIALOG, "next-dialog", "", "", "Go to the next screen") \
	X(PREV_DIALOG, "prev-dialog", "", "", "Go to the previous screen") \
	X(SWITCH_FOCUS, "switch-focus", "", "", "Switch focus between fields") \
	X(ENQUEUE, "enqueue", "", "", "Queue the item's podcast episode") \
	X(PB_DOWNLOAD, "pb-download", "", "", "Podcasts: download the episode") \
	X(PB_CANCEL, "pb-cancel", "", "", "Podcasts: cancel the download") \
	X(PB_DELETE, "pb-delete", "", "", "Podcasts: delete the episode") \
	X(PB_PURGE, "pb-purge", "", "", "Podcasts: purge finished and deleted episodes") \
	X(PB_PLAY, "pb-play", "", "", "Podcasts: play the episode") \
	X(PB_MARK_FINISHED, "pb-mark-as-finished", "", "", "Podcasts: mark the episode finished") \
	X(PB_TOGGLE_DOWNLOAD_ALL, "pb-toggle-download-all", "", "", "Podcasts: toggle automatic download") \
	X(PB_MORE_DLS, "pb-increase-max-dls", "", "", "Podcasts: one more download at once") \
	X(PB_FEWER_DLS, "pb-decrease-max-dls", "", "", "Podcasts: one fewer download at once")

enum keymap_action {
	KEYMAP_NONE = 0,
#define KEYMAP_ENUM(id, name, keys, view, help) KEYMAP_##id,
	KEYMAP_ACTIONS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	KEYMAP_NACTIONS
};

/* The views a binding can be limited to; KEYMAP_VIEW_ALL is every view. */
#define KEYMAP_VIEWS(X) \
	X(ALL, "all") \
	X(FEEDLIST, "feedlist") \
	X(ITEMLIST, "articlelist") \
	X(ARTICLE, "article") \
	X(HELP, "help") \
	X(SEARCH, "search")

enum keymap_view {
#define KEYMAP_VIEW_ENUM(id, name) KEYMAP_VIEW_##id,
	KEYMAP_VIEWS(KEYMAP_VIEW_ENUM)
#undef KEYMAP_VIEW_ENUM
	KEYMAP_NVIEWS
};

/* Keys that are not characters: above the Unicode range. */
enum {
	KEYMAP_KEY_BASE = 0x200000,
	KEYMAP_KEY_UP,
	KEYMAP_KEY_DOWN,
	KEYMAP_KEY_LEFT,
	KEYMAP_KEY_RIGHT,
	KEYMAP_KEY_PPAGE,
	KEYMAP_KEY_NPAGE,
	KEYMAP_KEY_HOME,
	KEYMAP_KEY_END,
	KEYMAP_KEY_IC,
	KEYMAP_KEY_DC,
	KEYMAP_KEY_BACKSPACE,
	KEYMAP_KEY_BTAB,
	KEYMAP_KEY_F0,		/* F1 is KEYMAP_KEY_F0 + 1, up to F12 */
	KEYMAP_KEY_LAST = KEYMAP_KEY_F0 + 12
};
#define KEYMAP_KEY_F(n) (KEYMAP_KEY_F0 + (n))
#define KEYMAP_KEY_ENTER 0x0a
#define KEYMAP_KEY_TAB 0x09
#define KEYMAP_KEY_ESC 0x1b
#define KEYMAP_KEY_SPACE 0x20
#define KEYMAP_KEY_CTRL(c) ((c) & 0x1f)

struct keymap;

/* A new keymap with no bindings at all.  Free with keymap_free. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* Parse a key name: 1 and *key on success, 0 when the name is not a key. */
int keymap_key_parse(const char *name, uint32_t *key);
/* The config name of key into out (at least 16 bytes): "j", "^R", "ENTER". */
void keymap_key_name(uint32_t key, char *out, size_t size);

/* Action/view by config name: the value, or -1 (KEYMAP_NONE is never found). */
int keymap_action_parse(const char *name);
int keymap_view_parse(const char *name);
const char *keymap_action_name(enum keymap_action a);
const char *keymap_action_help(enum keymap_action a);
/* The action's default keys as written in KEYMAP_ACTIONS, and their view. */
const char *keymap_action_default_keys(enum keymap_action a);
const char *keymap_action_default_view(enum keymap_action a);
const char *keymap_view_name(enum keymap_view v);

/*
 * bind-key KEY ACTION [VIEW]: view NULL means every view.  A binding in one
 * view takes precedence over a binding for every view.  -1 and *e ("unknown
 * key name "x"") on bad names.
 */
int keymap_bind(struct keymap *km, const char *key, const char *action,
    const char *view, struct err *e);
/* unbind-key KEY [VIEW]: view NULL removes the key from every view; key
 * "-a" removes every binding (of the view, or of all views). */
int keymap_unbind(struct keymap *km, const char *key, const char *view, struct err *e);

/* The action key triggers in view (KEYMAP_NONE when unbound). */
enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view view,
    uint32_t key);

/*
 * The keys that trigger action in view, as config names separated by
 * spaces, written into out (truncated to size).  Returns the number of keys.
 */
size_t keymap_keys_for(const struct keymap *km, enum keymap_view view,
    enum keymap_action action, char *out, size_t size);

#endif
