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
	X(REDRAW, "redraw", "^L", "", "Redraw the screen")

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
