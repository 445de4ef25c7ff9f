/*
 * settings: the reader's configuration file (the "config" file), in
 * newsboat's line syntax.
 *
 * One command a line: words separated by blanks, "double quoted" words
 * with \" \\ \n \t \r \` escapes, and # starting a comment outside
 * quotes.  In a config file (settings_file.c) a line ending in '\' goes on
 * on the next one, `command` is replaced by what /bin/sh -c command
 * writes, and "include FILE" reads another file; "set OPTION VALUE" is
 * the same as "OPTION VALUE" everywhere.
 * Commands: bind-key KEY ACTION [VIEW], unbind-key KEY [VIEW],
 * color ELEMENT FG BG [ATTR...], browser CMD, mouse yes|no,
 * show-read-items yes|no, confirm-exit yes|no, reload-threads N,
 * max-items N, download-articles yes|no, articles-per-poll N,
 * max-download-size BYTES, download-timeout SECONDS, articles-deadline
 * SECONDS, articles-host-budget SECONDS.
 *
 * A bad line never stops the reader: its message ("config:12: unknown
 * option \"foo\"", named by the file's base name) is added to
 * cfg->errors and the other lines apply.
 * The UI shows these in its message line and prints them after it has
 * given the terminal back.
 *
 * Owns: the struct settings and everything it points to (keymap, strings,
 * the error list); settings_release frees them.  No curses here: colours
 * and attributes are plain numbers that ui/ maps to curses.
 */
#ifndef TIDINGS_SETTINGS_H
#define TIDINGS_SETTINGS_H

#include <stddef.h>

#include "app/keymap.h"
#include "util/err.h"

/* How an option's value is read (settings_table.h uses these). */
enum settings_kind { SETTINGS_BOOL, SETTINGS_INT, SETTINGS_LLONG, SETTINGS_STR, SETTINGS_ENUM };

#include "app/settings_table.h"

enum settings_value_id {
#define SETTINGS_VALUE_ENUM(id, name, kind, def, choices) SETTINGS_V_##id,
	SETTINGS_VALUES(SETTINGS_VALUE_ENUM)
#undef SETTINGS_VALUE_ENUM
	SETTINGS_NVALUES
};

enum settings_list_id {
#define SETTINGS_LIST_ENUM(id, name, min, max) SETTINGS_L_##id,
	SETTINGS_LISTS(SETTINGS_LIST_ENUM)
#undef SETTINGS_LIST_ENUM
	SETTINGS_NLISTS
};

/* One line of a list command: its words (argv[0] is the command) and
 * where it came from, "config:12" (the file's base name and line). */
struct settings_line {
	char **argv;
	int argc;
	char *where;
};

struct settings_list {
	struct settings_line *lines;
	size_t n;
};

/*
 * X(ID, name, default fg, default bg, default attributes).  The hint-*
 * elements (the key, "," between keys, ":" and the label of the status
 * line's hints) are tidings' info colours by default, so a config that
 * sets only info colours the whole hint line as before; title and the
 * hint-* elements fall back to info when info is set and they are not
 * (newsboat's colormanager: 40 of 58 real configs colour the title bar
 * that way), the *_deleted ones to listnormal/listfocus.
 */
#define SETTINGS_COLORS(X) \
	X(BACKGROUND, "background", "default", "default", "") \
	X(LISTNORMAL, "listnormal", "default", "default", "") \
	X(LISTFOCUS, "listfocus", "default", "default", "reverse") \
	X(LISTNORMAL_UNREAD, "listnormal_unread", "default", "default", "bold") \
	X(LISTFOCUS_UNREAD, "listfocus_unread", "default", "default", "reverse bold") \
	X(TITLE, "title", "yellow", "blue", "bold") \
	X(INFO, "info", "yellow", "blue", "bold") \
	X(MESSAGE, "message", "default", "default", "") \
	X(ERROR, "error", "red", "default", "bold") \
	X(ARTICLE, "article", "default", "default", "") \
	X(HEADER, "header", "cyan", "default", "bold") \
	X(HEADING, "heading", "default", "default", "bold") \
	X(QUOTE, "quote", "green", "default", "") \
	X(LINK, "link", "blue", "default", "underline") \
	X(MATCH, "match", "black", "yellow", "") \
	X(FAILED, "failed", "red", "default", "") \
	X(HINT_KEY, "hint-key", "yellow", "blue", "bold") \
	X(HINT_KEYS_DELIMITER, "hint-keys-delimiter", "yellow", "blue", "bold") \
	X(HINT_SEPARATOR, "hint-separator", "yellow", "blue", "bold") \
	X(HINT_DESCRIPTION, "hint-description", "yellow", "blue", "bold") \
	X(END_OF_TEXT_MARKER, "end-of-text-marker", "blue", "default", "bold") \
	X(LISTNORMAL_DELETED, "listnormal_deleted", "default", "default", "") \
	X(LISTFOCUS_DELETED, "listfocus_deleted", "default", "default", "reverse")

enum settings_color_id {
#define SETTINGS_COLOR_ENUM(id, name, fg, bg, attrs) SETTINGS_COLOR_##id,
	SETTINGS_COLORS(SETTINGS_COLOR_ENUM)
#undef SETTINGS_COLOR_ENUM
	SETTINGS_NCOLORS
};

#define SETTINGS_COLOR_DEFAULT (-1)	/* the terminal's own colour */

#define SETTINGS_ATTR_BOLD 0x01
#define SETTINGS_ATTR_UNDERLINE 0x02
#define SETTINGS_ATTR_STANDOUT 0x04
#define SETTINGS_ATTR_REVERSE 0x08
#define SETTINGS_ATTR_BLINK 0x10
#define SETTINGS_ATTR_DIM 0x20
#define SETTINGS_ATTR_ITALIC 0x40
#define SETTINGS_ATTR_INVIS 0x80

struct settings_color {
	int fg;			/* 0..255 or SETTINGS_COLOR_DEFAULT */
	int bg;
	int attrs;		/* SETTINGS_ATTR_* */
};

struct settings {
	struct keymap *keymap;
	struct settings_color colors[SETTINGS_NCOLORS];
	unsigned char colors_set[SETTINGS_NCOLORS];	/* by a color line */
	char *browser;		/* NULL: $BROWSER, else xdg-open */
	int mouse;
	int show_read_items;
	int confirm_exit;
	int refresh_on_startup;	/* reload all feeds when the reader starts */
	int download_articles;
	int reload_threads;
	int max_items;		/* per feed; 0: keep all */
	int max_items_set;	/* max-items is in the config: newsboat's meaning
				 * (the newest N, even those still in the feed) */
	int articles_per_poll;
	long long max_download_size;
	int download_timeout;	/* seconds */
	int articles_deadline;	/* seconds for a poll's article pages, 0: none */
	int articles_host_budget; /* seconds of transfers a host's pages get, 0: none */
	char *values[SETTINGS_NVALUES];	/* NULL: the table's default */
	struct settings_list lists[SETTINGS_NLISTS];
	char **errors;		/* "FILE:LINE: message" (FILE: the base name), in file order */
	size_t nerrors;
};

#define SETTINGS_DEFAULT_RELOAD_THREADS 16
#define SETTINGS_DEFAULT_ARTICLES_PER_POLL 200
/* Retention by default: a feed that changes its guids at every poll must
 * not grow the cache without bound (starred items are always kept). */
#define SETTINGS_DEFAULT_MAX_ITEMS 1000
#define SETTINGS_DEFAULT_MAX_DOWNLOAD_SIZE (32LL * 1024 * 1024)
#define SETTINGS_DEFAULT_DOWNLOAD_TIMEOUT 60
#define SETTINGS_DEFAULT_ARTICLES_DEADLINE 300
#define SETTINGS_DEFAULT_ARTICLES_HOST_BUDGET 60
/* A config file larger than this is refused (it is not a config file). */
#define SETTINGS_MAX_FILE_SIZE (4 * 1024 * 1024)
/* `command` in a config line: its time and output are bounded. */
#define SETTINGS_BACKTICK_MS 10000
#define SETTINGS_BACKTICK_MAX (64 * 1024)
/* include inside include inside ... at most this deep. */
#define SETTINGS_MAX_INCLUDE_DEPTH 16
/* Messages kept in cfg->errors; past this one "more errors" line. */
#define SETTINGS_MAX_ERRORS 100

/*
 * Defaults: every option's default value, the default colours, and the
 * default key bindings (KEYMAP_ACTIONS written as bind-key lines and read
 * by settings_parse_line).  Release with settings_release.
 */
void settings_init(struct settings *cfg);
void settings_release(struct settings *cfg);

/*
 * Read path on top of what cfg holds.  A missing file is not an error (the
 * defaults stand), and neither is /dev/null.  Returns -1 and *e only when the file exists but cannot
 * be read; bad lines go to cfg->errors and the call still returns 0.
 */
int settings_load(struct settings *cfg, const char *path, struct err *e);
/* The same for text in memory (messages say "config:LINE:"); backticks
 * are not run and include is refused: only a file the user named may. */
void settings_load_string(struct settings *cfg, const char *text, size_t len);
/*
 * A path as the config writes it: "~/x" under $HOME, a relative path
 * next to the file base (NULL: as it is).  A new string (free it).
 */
char *settings_expand_path(const char *path, const char *base);
/* 1 when name is a config command or option (bind-key, mouse, ...), else 0. */
int settings_is_option(const char *name);

/*
 * The options of settings_table.h.  settings_str gives the value as
 * written (the default when the config does not set it; never NULL);
 * settings_bool is 1 for yes; settings_int the number.
 */
const char *settings_str(const struct settings *cfg, enum settings_value_id id);
int settings_bool(const struct settings *cfg, enum settings_value_id id);
long long settings_int(const struct settings *cfg, enum settings_value_id id);
const char *settings_value_name(enum settings_value_id id);
/*
 * The current value of any one-value option (browser, mouse, max-items,
 * auto-reload, ...) as a config word, so "set NAME VALUE" can be undone
 * with the text returned: a new string (free it), or NULL when name is
 * not a one-value option.  browser unset gives "".
 */
char *settings_value_text(const struct settings *cfg, const char *name);
/* The lines of a list command, in file order (*n of them). */
const struct settings_line *settings_lines(const struct settings *cfg,
    enum settings_list_id id, size_t *n);

/*
 * The colours element id is drawn in: its color line, else (for title,
 * hint-*, *_deleted) the element it falls back to when that one has a
 * color line, else its default.
 */
const struct settings_color *settings_color(const struct settings *cfg,
    enum settings_color_id id);

/*
 * FG [BG [ATTR...]] (n words) as color, highlight and
 * search-highlight-colors write them, into *c (BG defaults to the
 * terminal's).  0, or -1 and *e naming the bad word.
 */
int settings_parse_style(char *const *words, int n, struct settings_color *c,
    struct err *e);

/*
 * Apply one line (no newline).  0 when applied or blank/comment, -1 and *e
 * ("unknown option \"foo\"", without the "config:LINE:" prefix) when not,
 * and also for urls-source naming a feed server app/sync does not speak
 * (ttrss, miniflux, freshrss, oldreader, inoreader it does; the
 * value is kept; *e says the urls file is read instead).
 * This is also what the reader's ":" command line runs.
 */
int settings_parse_line(struct settings *cfg, const char *line, struct err *e);

/*
 * Split a line into words with the config quoting rules.  *argv gets a
 * NULL-terminated array of new strings (free with settings_free_words), *argc
 * their number (0 for a blank or comment line).  -1 and *e on an
 * unterminated quote.
 */
int settings_split(const char *line, char ***argv, int *argc, struct err *e);
void settings_free_words(char **argv);

#endif
