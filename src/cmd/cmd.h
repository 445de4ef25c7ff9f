/*
 * cmd: the commands of the command line, one file each (cmd_feeds.c,
 * cmd_poll.c, ...), as tmux's cmd-*.c.  A command parses its own
 * arguments, calls app/, store/, feed/ and article/, and prints; main.c
 * parses the global options, runs the start-up stages the command's
 * entry names, and dispatches.  Private to main.c and src/cmd/.
 *
 * Output: everything a command prints that came from a feed, a page or a
 * file goes through put_field/put_column or util/text's text_fputs
 * (sanitised: no escape sequences reach the terminal).
 */
#ifndef TIDINGS_CMD_H
#define TIDINGS_CMD_H

#include <stddef.h>

#include "app/settings.h"
#include "app/files.h"
#include "net/fetch.h"
#include "util/buf.h"
#include "util/err.h"

struct feedlist;
struct db;

#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2

/* What a command runs with: main.c fills it, the stages set it up. */
struct ctx {
	struct files files;
	struct settings cfg;
	int cfg_loaded;
	struct feedlist *feeds;
	int feeds_missing;
	int feeds_named;	/* --feeds was given: a missing file is a mistake */
	int feeds_lock;		/* feedlist_lock's descriptor while editing, else -1 */
	struct db *db;
	int need;		/* the command's NEED_* flags */
	int argc;		/* the command's own arguments, after its name */
	char **argv;
	struct err err;
};

/* Start-up stages: each command names the ones it needs (flags). */
enum {
	NEED_FEEDS = 1,		/* the feeds file, created with defaults when missing */
	NEED_CACHE = 2,		/* the cache, created when missing */
	NEED_CONFIG = 4,	/* the config file (defaults when missing) */
	NEED_NET = 8,		/* libcurl */
	NEED_DEFAULTS = 16,	/* with NEED_FEEDS: write the default feeds file when missing */
	NEED_CREATE = 32,	/* with NEED_FEEDS: a missing --feeds file is created (add, import) */
	NEED_READONLY = 64,	/* with NEED_CACHE: only reads, so a read-only cache will do */
};

/* How main.c treats a command's warnings (struct cmd_entry.flags). */
enum {
	/* a command about the subscriptions: the feeds file's bad lines are
	 * printed before it runs (not for items/search in scripts) */
	CMD_FEEDS_WARNINGS = 1,
	/* the command reports the config's bad lines itself (the reader in
	 * its message line, poll on stderr) */
	CMD_OWN_CONFIG_WARNINGS = 2,
};

/*
 * A command as data.  run returns 0 or an exit status (EXIT_*) after
 * printing its own message, or -1 with c->err set (main prints it and
 * exits 2).
 */
struct cmd_entry {
	const char *name;	/* "" for the reader (no command) */
	const char *args;	/* the usage line's arguments, for --help */
	const char *help;	/* one or two lines for --help, unindented */
	int need;		/* NEED_* */
	int flags;		/* CMD_* */
	int (*run)(struct ctx *c);
};

extern const struct cmd_entry cmd_reader_entry;
extern const struct cmd_entry cmd_feeds_entry;
extern const struct cmd_entry cmd_items_entry;
extern const struct cmd_entry cmd_poll_entry;
extern const struct cmd_entry cmd_search_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_extract_entry;
extern const struct cmd_entry cmd_add_entry;
extern const struct cmd_entry cmd_remove_entry;
extern const struct cmd_entry cmd_cleanup_entry;
extern const struct cmd_entry cmd_keys_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_import_newsboat_entry;	/* issue 13, sources */
extern const struct cmd_entry cmd_enqueue_entry;	/* issue 17, podcasts */
extern const struct cmd_entry cmd_podcasts_entry;
extern const struct cmd_entry cmd_download_entry;
/* The reader's first start (no feeds file or config of tidings', none
 * named, a terminal) with newsboat's files found: ask once whether to run
 * import-newsboat.  1 when the answer is yes. */
int import_newsboat_offer(const struct ctx *c);

extern const char *progname;

/* cmd/options.c */
/* "tidings: MESSAGE" (sanitised) and the --help hint on stderr; EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A count 0..1e9, the whole of s: 0, else -1. */
int parse_count(const char *s, long *out);

/*
 * One option syntax for every command (and the global options): "--name
 * VALUE" and "--name=VALUE" for an option with a value, "--name" (or its
 * alias) for a flag.  A table of struct cmd_opt ends with { NULL }.
 */
struct cmd_opt {
	const char *name;	/* "--limit" */
	const char *alias;	/* a short form ("-q"), or NULL */
	const char *value;	/* what the value is, for "needs a number"; NULL: a flag */
};
enum {
	CMD_OPT_ARG = -1,	/* not an option of the table: *val is the argument */
	CMD_OPT_END = -2,	/* no more arguments */
	CMD_OPT_ERROR = -3,	/* a usage error was printed: return EXIT_USAGE */
	CMD_OPT_MISSING = -4,	/* (cmd_opt_match) the option's value is missing */
	CMD_OPT_EXTRA = -5,	/* (cmd_opt_match) a flag was given "=VALUE" */
};
/*
 * argv[*k] against opts: the index of the option, with *val its value
 * (NULL for a flag), *k left on the last argument taken; CMD_OPT_ARG
 * with *val = argv[*k] for anything else (the caller decides whether a
 * word starting with '-' is a mistake: search takes "-word");
 * CMD_OPT_MISSING or CMD_OPT_EXTRA.
 */
int cmd_opt_match(int argc, char **argv, int *k, const struct cmd_opt *opts,
    const char **val);
/*
 * The next of the command's arguments c->argv[*k...], as cmd_opt_match,
 * *k moved past it; CMD_OPT_END after the last; CMD_OPT_ERROR after
 * printing "CMD: --limit needs a number" (or "takes no value").
 */
int cmd_opt_next(struct ctx *c, const char *cmd, const struct cmd_opt *opts, int *k,
    const char **val);

/* cmd/output.c */
/* A field of a tab-separated record: sanitised, no tabs or newlines. */
void put_field(const char *s, int last);
/* A column on a terminal: sanitised and cut or padded to cols. */
void put_column(const char *s, size_t cols, int last);
/* The terminal's width: stdout's window size when it is a terminal, else
 * $COLUMNS, else 80. */
size_t term_columns(void);
/* The text width: arg (a count up to 10000), else the
 * terminal's, else 80; -1 when arg is not a count. */
int output_width(const char *arg);

/* cmd/feedsfile.c */
/* Lock the feeds file and read it again into c->feeds: 0, or -1 (c->err). */
int feeds_edit_begin(struct ctx *c);
/* Save c->feeds (when save) and unlock: 0, or -1 (c->err; unlocked). */
int feeds_edit_end(struct ctx *c, int save);
/* Mirror the feeds file's URLs, titles and tags into the cache. */
int sync_feeds(struct ctx *c);
/* Do a feed server's subscriptions stand for the feeds file (urls-source
 * in the config; a command that loads none goes by what the cache holds,
 * which a server once synced keeps saying)?  1, 0, or -1 (c->err). */
int feeds_from_server(struct ctx *c);
/* 0 when the config's urls-source is the feeds file (or another local
 * source); else say that cmd cannot change a feed server's list and give
 * EXIT_USAGE. */
int feeds_local_only(struct ctx *c, const char *cmd);

/* cmd/input.c */
/* path ("-": standard input), at most max bytes, into b (initialised
 * here; released on failure): 0, or -1 with e set. */
int read_file(const char *path, size_t max, struct buf *b, struct err *e);

/* One URL fetched synchronously, for add and extract. */
struct fetched {
	int done;
	enum fetch_status status;
	struct buf body;
	char *charset;
	char *effective_url;
	struct err err;
};
/* Fetch url (max_size 0: fetch's default cap) into out: 0, or -1 with e
 * set; out is to be released either way. */
int fetch_one(const char *url, size_t max_size, struct fetched *out, struct err *e);
void fetched_release(struct fetched *f);

#endif
