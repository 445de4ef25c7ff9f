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
#define KEYMAP_CMDLINE_SET "set OPTION VALUE"
#define KEYMAP_CMDLINE_HELP \
	"q, NUMBER, tag [NAME], search WORDS, open N, " KEYMAP_CMDLINE_SET \
	", goto-title TEXT, help"

/*
 * X(ID, name, default keys (space-separated key names), views of the
 *   default binding (space-separated view names; "" = every view), help
 *   text)
 *
 * The defaults are newsboat's, key for key and view for view (its
 * src/keymap.cpp): a newsboat user's fingers work.  The one action of
 * tidings' own with a key, toggle-star, takes S, which newsboat binds in
 * no view.  Views tidings has no screen for yet (urlview, podboat,
 * dialogs, ...) keep their bindings for when they come.
 */
#define KEYMAP_ACTIONS(X) \
	X(UP, "up", "UP", "", "Move up one line") \
	X(DOWN, "down", "DOWN", "", "Move down one line") \
	X(PAGEUP, "pageup", "PPAGE", "", "Move up one page") \
	X(PAGEDOWN, "pagedown", "NPAGE", "", "Move down one page") \
	X(HOME, "home", "HOME", "", "Go to the first line") \
	X(END, "end", "END", "", "Go to the last line") \
	X(OPEN, "open", "ENTER", "feedlist articlelist searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser", "Open the feed, item or search result") \
	X(QUIT, "quit", "q", "", "Go back; quit in the feed list") \
	X(HARD_QUIT, "hard-quit", "Q", "", "Quit at once from any view") \
	X(NEXT, "next", "J", "feedlist articlelist article searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser podboat", "Next entry (in the article view: the next article)") \
	X(PREV, "prev", "K", "feedlist articlelist article searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser podboat", "Previous entry (in the article view: the previous article)") \
	X(NEXT_UNREAD, "next-unread", "n", "feedlist articlelist article searchresultslist", "Next unread item, on to the next feed with goto-next-feed (search matches in a search result)") \
	X(PREV_UNREAD, "prev-unread", "p", "feedlist articlelist article searchresultslist", "Previous unread item (search matches in a search result)") \
	X(TOGGLE_READ, "toggle-article-read", "N", "articlelist article searchresultslist", "Toggle the item read/unread (then moves as toggleitemread-jumps-to-next says)") \
	X(MARK_FEED_READ, "mark-feed-read", "A", "feedlist articlelist searchresultslist", "Mark every item of the feed read") \
	X(MARK_ALL_READ, "mark-all-feeds-read", "C", "feedlist", "Mark every item of every feed read") \
	X(TOGGLE_STAR, "toggle-star", "S", "articlelist article searchresultslist", "Star or unstar the item (tidings' own: S is free in newsboat)") \
	X(RELOAD, "reload", "r", "feedlist articlelist", "Reload the current feed in the background") \
	X(RELOAD_ALL, "reload-all", "R", "feedlist", "Reload all feeds in the background") \
	X(OPEN_BROWSER, "open-in-browser", "o", "feedlist articlelist article searchresultslist urlview", "Open the item's link in the browser") \
	X(TOGGLE_SHOW_READ, "toggle-show-read-feeds", "l", "feedlist articlelist searchresultslist", "Show or hide read items and feeds (also: toggle-show-read)") \
	X(NEXT_TAG, "set-tag", "t", "feedlist", "Filter by the next tag, cycling through the tags (also: select-tag)") \
	X(CLEAR_TAG, "clear-tag", "^T", "feedlist", "Show every feed again (no tag filter)") \
	X(SEARCH, "open-search", "/", "feedlist articlelist article help searchresultslist", "Search every cached article (also: search)") \
	X(HELP, "help", "?", "feedlist articlelist article searchresultslist urlview podboat", "Show the key bindings") \
	X(CMDLINE, "cmdline", ":", "feedlist articlelist article help searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser", "Command line: " KEYMAP_CMDLINE_HELP "") \
	X(REDRAW, "redraw", "^L", "", "Redraw the screen") \
	X(NEXT_FEED, "next-feed", "j", "articlelist", "Go to the next feed (from the article list)") \
	X(PREV_FEED, "prev-feed", "k", "articlelist", "Go to the previous feed (from the article list)") \
	X(NEXT_UNREAD_FEED, "next-unread-feed", "^N", "articlelist", "Go to the next feed with unread articles") \
	X(PREV_UNREAD_FEED, "prev-unread-feed", "^P", "articlelist", "Go to the previous feed with unread articles") \
	X(RANDOM_UNREAD, "random-unread", "^K", "feedlist articlelist article searchresultslist", "Jump to a random unread article") \
	X(MARK_ABOVE_READ, "mark-all-above-as-read", "", "", "Mark every item above the cursor read") \
	X(HALFPAGEUP, "halfpageup", "", "", "Move up half a page") \
	X(HALFPAGEDOWN, "halfpagedown", "", "", "Move down half a page") \
	X(OPEN_BROWSER_MARK, "open-in-browser-and-mark-read", "O", "articlelist article searchresultslist urlview", "Open the link in the browser and mark the item read") \
	X(OPEN_BROWSER_BG, "open-in-browser-noninteractively", "", "", "Open the link in the browser without leaving the screen") \
	X(OPEN_ALL_UNREAD, "open-all-unread-in-browser", "", "", "Open every unread item of the feed in the browser") \
	X(OPEN_ALL_UNREAD_MARK, "open-all-unread-in-browser-and-mark-read", "", "", "Open every unread item of the feed in the browser and mark them read") \
	X(SHOW_URLS, "show-urls", "u", "articlelist article searchresultslist", "List the article's links") \
	X(GOTO_URL, "goto-url", "#", "article", "Open link N of the article in the browser") \
	X(ONE, "one", "1", "article urlview", "Open link 1 in the browser") \
	X(TWO, "two", "2", "article urlview", "Open link 2 in the browser") \
	X(THREE, "three", "3", "article urlview", "Open link 3 in the browser") \
	X(FOUR, "four", "4", "article urlview", "Open link 4 in the browser") \
	X(FIVE, "five", "5", "article urlview", "Open link 5 in the browser") \
	X(SIX, "six", "6", "article urlview", "Open link 6 in the browser") \
	X(SEVEN, "seven", "7", "article urlview", "Open link 7 in the browser") \
	X(EIGHT, "eight", "8", "article urlview", "Open link 8 in the browser") \
	X(NINE, "nine", "9", "article urlview", "Open link 9 in the browser") \
	X(ZERO, "zero", "0", "article urlview", "Open link 10 in the browser") \
	X(SAVE, "save", "s", "articlelist article searchresultslist", "Save the article as text (save-path)") \
	X(SAVE_ALL, "save-all", "", "", "Save every article of the feed as text") \
	X(PIPE_TO, "pipe-to", "|", "articlelist article searchresultslist", "Pipe the article's text to a command") \
	X(BOOKMARK, "bookmark", "^B", "articlelist article searchresultslist urlview", "Bookmark the item (bookmark-cmd)") \
	X(EDIT_FLAGS, "edit-flags", "^E", "articlelist article searchresultslist", "Edit the item's flags") \
	X(DELETE_ARTICLE, "delete-article", "D", "articlelist article searchresultslist", "Delete the item") \
	X(DELETE_ALL_ARTICLES, "delete-all-articles", "^D", "articlelist searchresultslist", "Delete every item in the list") \
	X(PURGE_DELETED, "purge-deleted", "$", "articlelist searchresultslist", "Purge deleted items from the list") \
	X(EDIT_URLS, "edit-urls", "E", "feedlist articlelist searchresultslist", "Edit the feeds file in $VISUAL or $EDITOR") \
	X(RELOAD_URLS, "reload-urls", "^R", "feedlist", "Read the feeds file again") \
	X(GOTO_TITLE, "goto-title", "", "", "Go to the item whose title contains a text") \
	X(SORT, "sort", "g", "feedlist articlelist searchresultslist", "Sort feeds or items (choose the order)") \
	X(REV_SORT, "rev-sort", "G", "feedlist articlelist searchresultslist", "Sort feeds or items, reversed") \
	X(TOGGLE_SOURCE, "toggle-source-view", "^U", "article", "Show the article's HTML source or its text") \
	X(ARTICLE_FEED, "article-feed", "", "", "Go to the feed of the item") \
	X(PREVSEARCHRESULTS, "prevsearchresults", "z", "searchresultslist", "Return to the previous search results") \
	X(SET_FILTER, "set-filter", "F", "feedlist articlelist searchresultslist", "Filter the list by an expression") \
	X(SELECT_FILTER, "select-filter", "f", "feedlist articlelist searchresultslist", "Choose a defined filter") \
	X(CLEAR_FILTER, "clear-filter", "^F", "feedlist articlelist help searchresultslist", "Show every item again (no filter)") \
	X(MACRO_PREFIX, "macro-prefix", ",", "feedlist articlelist article help searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser", "Run the macro of the next key") \
	X(VIEW_DIALOGS, "view-dialogs", "v", "feedlist articlelist article help searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser", "List the open screens") \
	X(CLOSE_DIALOG, "close-dialog", "^X", "dialogs", "Close the current screen") \
	X(NEXT_DIALOG, "next-dialog", "^V", "feedlist articlelist article help searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser", "Go to the next screen") \
	X(PREV_DIALOG, "prev-dialog", "^G", "feedlist articlelist article help searchresultslist urlview tagselection filterselection dialogs filebrowser dirbrowser", "Go to the previous screen") \
	X(SWITCH_FOCUS, "switch-focus", "TAB", "filebrowser dirbrowser", "Switch focus between fields") \
	X(CMD_ONE, "cmd-one", "1", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 1 typed (go to line N)") \
	X(CMD_TWO, "cmd-two", "2", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 2 typed (go to line N)") \
	X(CMD_THREE, "cmd-three", "3", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 3 typed (go to line N)") \
	X(CMD_FOUR, "cmd-four", "4", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 4 typed (go to line N)") \
	X(CMD_FIVE, "cmd-five", "5", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 5 typed (go to line N)") \
	X(CMD_SIX, "cmd-six", "6", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 6 typed (go to line N)") \
	X(CMD_SEVEN, "cmd-seven", "7", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 7 typed (go to line N)") \
	X(CMD_EIGHT, "cmd-eight", "8", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 8 typed (go to line N)") \
	X(CMD_NINE, "cmd-nine", "9", "feedlist articlelist searchresultslist tagselection filterselection dialogs", "Open the command line with 9 typed (go to line N)") \
	X(ENQUEUE, "enqueue", "e", "articlelist article searchresultslist", "Queue the item's podcast episode") \
	X(PB_DOWNLOAD, "pb-download", "d", "podboat", "Podcasts: download the episode") \
	X(PB_CANCEL, "pb-cancel", "c", "podboat", "Podcasts: cancel the download") \
	X(PB_DELETE, "pb-delete", "D", "podboat", "Podcasts: delete the episode") \
	X(PB_RELOAD, "pb-reload", "^R", "podboat", "Podcasts: read the queue again") \
	X(PB_PURGE, "pb-purge", "P", "podboat", "Podcasts: purge finished and deleted episodes") \
	X(PB_PLAY, "pb-play", "p", "podboat", "Podcasts: play the episode") \
	X(PB_MARK_FINISHED, "pb-mark-as-finished", "m", "podboat", "Podcasts: mark the episode finished") \
	X(PB_TOGGLE_DOWNLOAD_ALL, "pb-toggle-download-all", "a", "podboat", "Podcasts: toggle automatic download") \
	X(PB_MORE_DLS, "pb-increase-max-dls", "+", "podboat", "Podcasts: one more download at once") \
	X(PB_FEWER_DLS, "pb-decrease-max-dls", "-", "podboat", "Podcasts: one fewer download at once (also: pb-decreate-max-dls)")

/*
 * Default bindings beyond each action's own keys (X(ID, keys, views)):
 * newsboat pages the article and the help with b and SPACE too.
 */
#define KEYMAP_MORE_DEFAULTS(X) \
	X(PAGEUP, "b", "article help") \
	X(PAGEDOWN, "SPACE", "article help")

enum keymap_action {
	KEYMAP_NONE = 0,
#define KEYMAP_ENUM(id, name, keys, view, help) KEYMAP_##id,
	KEYMAP_ACTIONS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	KEYMAP_NACTIONS
};

/* The views a binding can be limited to, by newsboat's dialog names;
 * KEYMAP_VIEW_ALL is every view ("all", or "everywhere" in bind). */
#define KEYMAP_VIEWS(X) \
	X(ALL, "all") \
	X(FEEDLIST, "feedlist") \
	X(ITEMLIST, "articlelist") \
	X(ARTICLE, "article") \
	X(HELP, "help") \
	X(SEARCH, "searchresultslist") \
	X(URLVIEW, "urlview") \
	X(TAGSELECT, "tagselection") \
	X(FILTERSELECT, "filterselection") \
	X(DIALOGLIST, "dialogs") \
	X(PODBOAT, "podboat") \
	X(FILEBROWSER, "filebrowser") \
	X(DIRBROWSER, "dirbrowser")

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

/*
 * A list of operations, as macro, bind and run-on-startup write them
 * ("set browser mpv; open-in-browser; set browser firefox"): each an
 * action with its arguments, or KEYMAP_OP_SET with OPTION [VALUE].
 * Owned by the keymap; app/macro runs them.
 */
#define KEYMAP_OP_SET KEYMAP_NACTIONS
#define KEYMAP_MAX_OPS 64
#define KEYMAP_MAX_SEQ 8	/* keys in one bind key sequence */

struct keymap_op {
	int action;		/* enum keymap_action, or KEYMAP_OP_SET */
	char **args;		/* NULL-terminated */
	int nargs;
};

struct keymap_ops {
	struct keymap_op *ops;
	size_t n;
	char *desc;		/* -- "description", or NULL */
};

/* What a key sequence typed so far means in a view (keymap_match). */
enum keymap_match {
	KEYMAP_MATCH_NONE,	/* nothing: forget the keys */
	KEYMAP_MATCH_MORE,	/* the start of a longer sequence: wait */
	KEYMAP_MATCH_FOUND,	/* *action, or the list *ops */
};

/* A new keymap with no bindings at all.  Free with keymap_free. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/*
 * The default bindings (KEYMAP_ACTIONS and KEYMAP_MORE_DEFAULTS) as
 * config lines, "bind-key \"J\" next feedlist", one a line: settings_init
 * reads them through the same parser as the user's file.  Free it.
 */
char *keymap_default_config(void);

/* Parse a key name: 1 and *key on success, 0 when the name is not a key. */
int keymap_key_parse(const char *name, uint32_t *key);
/* The config name of key into out (at least 16 bytes): "j", "^R", "ENTER". */
void keymap_key_name(uint32_t key, char *out, size_t size);
/*
 * A bind key sequence (newsboat's bind syntax): "gg" is g then g, "^X"
 * and "<C-x>" control-x, "<ENTER>" and the other names in angle brackets,
 * "<" and ">" as "<LT>" and "<GT>".  1 with up to max keys in seq and
 * their number in *n; 0 for an empty, too long or unknown sequence.
 */
int keymap_seq_parse(const char *text, uint32_t *seq, size_t max, size_t *n);

/* Action/view by config name (or alias: select-tag, search,
 * toggle-show-read, everywhere, ...): the value, or -1 (KEYMAP_NONE is
 * never found). */
int keymap_action_parse(const char *name);
int keymap_view_parse(const char *name);
const char *keymap_action_name(enum keymap_action a);
const char *keymap_action_help(enum keymap_action a);
/* The action's default keys as written in KEYMAP_ACTIONS, and their views. */
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

/*
 * The config lines that take operation lists, as words (argv[0] the
 * command, quotes removed by settings_split):
 *   bind KEYSEQ VIEW[,VIEW...] OP [ARGS] [; OP ...] [-- "description"]
 *   macro KEY OP [ARGS] [; OP ...] [-- "description"]
 *   run-on-startup OP [ARGS] [; OP ...]
 * ";" separates operations also when glued to a word ("mpv;").  0, or -1
 * and *e naming the bad word; nothing is bound then.
 */
int keymap_config(struct keymap *km, char **argv, int argc, struct err *e);

/* The action key triggers in view (KEYMAP_NONE when unbound or when the
 * key starts a sequence or runs a list of operations). */
enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view view,
    uint32_t key);
/* What the n keys typed so far mean in view. */
enum keymap_match keymap_match(const struct keymap *km, enum keymap_view view,
    const uint32_t *seq, size_t n, enum keymap_action *action,
    const struct keymap_ops **ops);

/* The macro of key (after macro-prefix), or NULL. */
const struct keymap_ops *keymap_macro(const struct keymap *km, uint32_t key);
/* Macro i of the keymap's macros (i < keymap_macro_count), its key in *key. */
size_t keymap_macro_count(const struct keymap *km);
const struct keymap_ops *keymap_macro_at(const struct keymap *km, size_t i, uint32_t *key);
/*
 * The i-th binding of view that runs a list of operations (a bind line),
 * for the help: its keys as bind writes them ("gg", "<ENTER>x") in keys
 * (truncated to size), or NULL past the last.
 */
const struct keymap_ops *keymap_list_binding(const struct keymap *km, enum keymap_view view,
    size_t i, char *keys, size_t size);
/* The run-on-startup operations, or NULL. */
const struct keymap_ops *keymap_startup(const struct keymap *km);
/* "set browser mpv; open-in-browser" (the description when there is
 * one) into out, truncated to size. */
void keymap_ops_describe(const struct keymap_ops *ops, char *out, size_t size);

/*
 * The keys that trigger action in view, as config names separated by
 * spaces, written into out (truncated to size).  Returns the number of keys.
 */
size_t keymap_keys_for(const struct keymap *km, enum keymap_view view,
    enum keymap_action action, char *out, size_t size);

#endif
