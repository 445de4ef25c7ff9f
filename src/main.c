/*
 * main: the command line.  Parses the global options and the command,
 * runs the start-up stages the command needs (files, feeds file, cache)
 * from a table, dispatches to the command's file in src/cmd/ (its
 * struct cmd_entry), and tears down what was set up in reverse order.
 * Exit status: 0 ok, 1 some feeds failed (poll), 2 usage or bad input.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "app/filters.h"
#include "app/settings.h"
#include "app/files.h"
#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/db.h"
#include "util/err.h"
#include "util/xalloc.h"

struct stage {
	int need;
	int (*start)(struct ctx *);
	void (*stop)(struct ctx *);
};

/* --- stages --- */

static void stage_feeds_stop(struct ctx *c);

static int
stage_feeds_load(struct ctx *c)
{
	struct feedlist *fl;
	char *text;

	c->feeds = feedlist_load(c->files.feeds, &c->feeds_missing, &c->err);
	if (c->feeds == NULL)
		return -1;
	/* a mistyped --feeds would otherwise read as an empty list, or get the
	 * sample feeds written to it; only commands that add feeds create it */
	if (c->feeds_missing && c->feeds_named && !(c->need & NEED_CREATE))
		return err_set(&c->err, "%s: no such feeds file (tidings add URL or "
		    "import FILE creates it)", c->files.feeds);
	if (c->feeds_missing && files_make_parent(c->files.feeds, &c->err) < 0)
		return -1;
	if (c->feeds_missing && (c->need & NEED_DEFAULTS)) {
		/* first run: a feeds file that shows real content offline; under
		 * the lock, and only if another tidings has not just written it */
		if ((c->feeds_lock = feedlist_lock(c->files.feeds, &c->err)) < 0)
			return -1;
		fl = feedlist_load(c->files.feeds, &c->feeds_missing, &c->err);
		if (fl == NULL)
			return -1;
		feedlist_free(c->feeds);
		c->feeds = fl;
		if (c->feeds_missing) {
			feedlist_free(c->feeds);
			text = files_default_feeds();
			c->feeds = feedlist_parse(text, strlen(text), c->files.feeds);
			free(text);
			if (feedlist_save(c->feeds, c->files.feeds, &c->err) < 0)
				return -1;
			c->feeds_missing = 0;
			err_print("%s: created %s with sample feeds", progname,
			    c->files.feeds);
		}
		feedlist_unlock(c->feeds_lock);
		c->feeds_lock = -1;
	}
	return 0;
}

/* a stage that fails is not stopped: it releases what it holds itself */
static int
stage_feeds_start(struct ctx *c)
{
	c->feeds_lock = -1;
	if (stage_feeds_load(c) < 0) {
		stage_feeds_stop(c);
		return -1;
	}
	return 0;
}

static void
stage_feeds_stop(struct ctx *c)
{
	feedlist_unlock(c->feeds_lock);
	c->feeds_lock = -1;
	feedlist_free(c->feeds);
	c->feeds = NULL;
}

static int
stage_cache_start(struct ctx *c)
{
	if (files_make_parent(c->files.cache, &c->err) < 0)
		return -1;
	c->db = db_open(c->files.cache, (c->need & NEED_READONLY) ? DB_OPEN_READ_ENOUGH : 0,
	    &c->err);
	if (c->db == NULL)
		return -1;
	/* a stage that fails is not stopped: close what this one opened; a
	 * cache opened read-only keeps the feeds file's last mirror */
	if (c->feeds && !db_readonly(c->db) && sync_feeds(c) < 0) {
		db_close(c->db);
		c->db = NULL;
		return -1;
	}
	return 0;
}

static void
stage_cache_stop(struct ctx *c)
{
	db_close(c->db);
	c->db = NULL;
}

static void
stage_config_stop(struct ctx *c)
{
	if (c->cfg_loaded)
		settings_release(&c->cfg);
	c->cfg_loaded = 0;
}

static int
stage_config_start(struct ctx *c)
{
	settings_init(&c->cfg);
	c->cfg_loaded = 1;
	/* bad lines never stop tidings: they are kept in cfg.errors for the
	 * command to report (the reader shows them once it owns the screen);
	 * a file that cannot be read does, and the stage cleans up after it */
	if (settings_load(&c->cfg, c->files.config, &c->err) < 0) {
		stage_config_stop(c);
		return -1;
	}
	filters_check(&c->cfg);	/* bad filter expressions, with their lines */
	return 0;
}

static int
stage_net_start(struct ctx *c)
{
	return fetch_global_init(&c->err);
}

static void
stage_net_stop(struct ctx *c)
{
	(void)c;
	fetch_global_cleanup();
}

static const struct stage stages[] = {
	{ NEED_NET, stage_net_start, stage_net_stop },
	{ NEED_CONFIG, stage_config_start, stage_config_stop },
	{ NEED_FEEDS, stage_feeds_start, stage_feeds_stop },
	{ NEED_CACHE, stage_cache_start, stage_cache_stop },
};

#define NSTAGES (sizeof stages / sizeof stages[0])

/* The commands, as tmux's cmd_table: the first is what runs with no
 * command, the rest are listed in this order by --help. */
static const struct cmd_entry *const commands[] = {
	&cmd_reader_entry,
	&cmd_feeds_entry,
	&cmd_items_entry,
	&cmd_poll_entry,
	&cmd_search_entry,
	&cmd_show_entry,
	&cmd_extract_entry,
	&cmd_add_entry,
	&cmd_remove_entry,
	&cmd_cleanup_entry,
	&cmd_keys_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_import_newsboat_entry,
	&cmd_enqueue_entry,
	&cmd_podcasts_entry,
	&cmd_download_entry,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
print_help(void)
{
	size_t i;

	printf("Usage: %s [--config FILE] [--feeds FILE] [--cache FILE] [COMMAND [ARGS]]\n\n"
	    "A terminal news reader.  With no command, the interactive reader\n"
	    "(on a terminal; otherwise the feed list).\n\nCommands:\n",
	    progname);
	for (i = 1; i < NCOMMANDS; i++) {
		const char *h = commands[i]->help, *nl;

		/* no space after a command without arguments; every line of
		 * its help indented alike (helps are written without indent) */
		printf("  %s%s%s\n", commands[i]->name, *commands[i]->args ? " " : "",
		    commands[i]->args);
		for (; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			printf("      %.*s\n", (int)(nl - h), h);
		printf("      %s\n", h);
	}
	printf("\nOptions:\n"
	    "  --config FILE  the config file (default $XDG_CONFIG_HOME/tidings/config)\n"
	    "  --feeds FILE   the feeds file, newsboat's urls format\n"
	    "                 (default $XDG_CONFIG_HOME/tidings/feeds)\n"
	    "  --cache FILE   the cache (default $XDG_DATA_HOME/tidings/cache.db)\n"
	    "  --help         this text\n"
	    "  --version      the version\n\n"
	    "Exit status: 0 ok, 1 some feeds failed, 2 usage or bad input.\n"
	    "See tidings(1).\n");
}

/* A warning on stderr, sanitised (it quotes files a person or a program wrote). */
static void
print_warning(const char *msg)
{
	err_print("%s: %s", progname, msg);
}

/*
 * The feeds file's and the config's bad lines, before a command runs.
 * Feeds-file warnings only from the reader and the commands about the
 * subscriptions, and never with --quiet, so a cron "poll --quiet" or a
 * script running items/search gets no mail about them every time; the
 * config's from every command that reads the config but the reader
 * (which shows them in its message line and prints them when it quits)
 * and poll (which prints them itself).
 */
static void
print_warnings(const struct ctx *c, const struct cmd_entry *cmd)
{
	int k, quiet = 0;
	size_t i;

	for (k = 0; k < c->argc; k++)
		if (strcmp(c->argv[k], "--quiet") == 0)
			quiet = 1;
	if (c->feeds != NULL && (cmd->flags & CMD_FEEDS_WARNINGS) && !quiet)
		for (i = 0; i < c->feeds->nwarnings; i++)
			print_warning(c->feeds->warnings[i]);
	if (c->cfg_loaded && !(cmd->flags & CMD_OWN_CONFIG_WARNINGS) && !quiet)
		for (i = 0; i < c->cfg.nerrors; i++)
			print_warning(c->cfg.errors[i]);
}

/* The global options, in the commands' syntax; they may stand before or
 * after the command. */
static const struct cmd_opt global_opts[] = {
	{ "--config", NULL, "a file name" },
	{ "--feeds", NULL, "a file name" },
	{ "--cache", NULL, "a file name" },
	{ "--help", "-h", NULL },
	{ "--version", "-V", NULL },
	{ NULL, NULL, NULL },
};
enum { OPT_CONFIG, OPT_FEEDS, OPT_CACHE, OPT_HELP, OPT_VERSION };

/* Start the stages cmd needs, run it, stop them in reverse; its exit status. */
static int
run_stages(struct ctx *c, const struct cmd_entry *cmd)
{
	size_t i, started = 0;
	int rc = 0;

	for (i = 0; i < NSTAGES; i++) {
		if (!(cmd->need & stages[i].need))
			continue;
		if (stages[i].start(c) < 0) {
			err_print("%s: %s", progname, c->err.msg);
			rc = EXIT_USAGE;
			break;
		}
		started = i + 1;
	}
	if (rc == 0) {
		print_warnings(c, cmd);
		rc = cmd->run(c);
		if (rc < 0) {
			err_print("%s: %s", progname, c->err.msg);
			rc = EXIT_USAGE;
		}
	}
	while (started > 0) {
		started--;
		if (stages[started].stop && (cmd->need & stages[started].need))
			stages[started].stop(c);
	}
	return rc;
}

int
main(int argc, char **argv)
{
	static char *cmd_args[256];
	struct ctx c = { 0 };
	const struct cmd_entry *cmd = NULL;
	size_t i;
	int rc = 0, k, nargs = 0;

	/*
	 * The user's character type, as the reader sets it, for every command:
	 * libcurl turns an IDN host (bücher.example) into its ASCII form
	 * through libidn2, which reads the URL in the locale's charset, so in
	 * the C locale `poll`, `add` and `extract` failed on hosts the reader
	 * fetched.  Only LC_CTYPE: numbers and dates stay as scripts expect.
	 */
	setlocale(LC_CTYPE, "");
	LIBXML_TEST_VERSION;
	for (k = 1; k < argc; k++) {
		const char *val;
		char **dest;
		int o = cmd_opt_match(argc, argv, &k, global_opts, &val);

		if (o == OPT_HELP) {
			print_help();
			files_release(&c.files);
			return ferror(stdout) ? EXIT_USAGE : 0;
		}
		if (o == OPT_VERSION) {
			printf("%s\n", PACKAGE_STRING);
			files_release(&c.files);
			return 0;
		}
		if (o == CMD_OPT_MISSING) {
			files_release(&c.files);
			return usage_error("option %s needs a file name", argv[k]);
		}
		if (o >= 0) {
			if (*val == '\0') {
				/* "" would be SQLite's temporary database, or a feeds
				 * file nobody can name again */
				files_release(&c.files);
				return usage_error("option %s needs a file name, not \"\"",
				    global_opts[o].name);
			}
			dest = o == OPT_CONFIG ? &c.files.config : o == OPT_FEEDS
			    ? &c.files.feeds : &c.files.cache;
			free(*dest);
			*dest = xstrdup(val);
			continue;
		}
		if (cmd == NULL) {
			if (argv[k][0] == '-') {
				files_release(&c.files);
				return usage_error("unknown option '%s'", argv[k]);
			}
			for (i = 1; i < NCOMMANDS; i++)
				if (strcmp(argv[k], commands[i]->name) == 0)
					cmd = commands[i];
			if (cmd == NULL) {
				files_release(&c.files);
				return usage_error("unknown command '%s'", argv[k]);
			}
			continue;
		}
		if (nargs >= (int)(sizeof cmd_args / sizeof cmd_args[0]) - 1) {
			files_release(&c.files);
			return usage_error("too many arguments");
		}
		cmd_args[nargs++] = argv[k];
	}
	if (cmd == NULL)
		cmd = commands[0];	/* the reader */
	c.argc = nargs;
	c.need = cmd->need;
	c.feeds_named = c.files.feeds != NULL;
	c.argv = cmd_args;

	if (files_resolve(&c.files, &c.err) < 0) {
		err_print("%s: %s", progname, c.err.msg);
		files_release(&c.files);
		return EXIT_USAGE;
	}
	/* a newsboat user's first start: their files, if they say so
	 * (issue 13 item 10); then the reader as usual */
	if (cmd == commands[0] && import_newsboat_offer(&c)) {
		c.argc = 0;
		c.need = cmd_import_newsboat_entry.need;
		rc = run_stages(&c, &cmd_import_newsboat_entry);
		c.argc = nargs;
		c.need = cmd->need;
		memset(&c.err, 0, sizeof c.err);
		if (rc != 0)
			goto out;
	}
	rc = run_stages(&c, cmd);
out:
	files_release(&c.files);
	xmlCleanupParser();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_print("%s: error writing output: %s", progname, strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
