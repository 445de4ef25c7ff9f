/*
 * cmd_poll: tidings poll, the feeds and new articles into the cache, with
 * progress on a terminal and a summary on stderr.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/opml_source.h"
#include "app/podcast.h"
#include "cmd/cmd.h"
#include "app/settings.h"
#include "app/poll.h"
#include "app/reload.h"
#include "app/sync.h"
#include "util/err.h"
#include "util/text.h"

struct poll_cli {
	int tty;
	int quiet;
	size_t errors_shown;
	struct poll *poll;
};

static void
poll_cli_progress(const struct poll_progress *p, void *arg)
{
	struct poll_cli *pc = arg;

	if (!pc->tty || pc->quiet)
		return;
	if (p->articles_total > 0 && p->feeds_done >= p->feeds_total)
		fprintf(stderr, "\r\033[Kpolling: %d/%d feeds, %d new, %d failed; articles %d/%d",
		    p->feeds_done, p->feeds_total, p->items_new, p->feeds_failed,
		    p->articles_done, p->articles_total);
	else
		fprintf(stderr, "\r\033[Kpolling: %d/%d feeds, %d new, %d failed",
		    p->feeds_done, p->feeds_total, p->items_new, p->feeds_failed);
}

static const struct cmd_opt opts[] = {
	{ "--quiet", "-q", NULL },
	{ "--no-articles", NULL, NULL },
	{ "--force", NULL, NULL },
	{ "--jobs", NULL, "a number" },
	{ "--feed", NULL, "a feed id" },
	{ NULL, NULL, NULL },
};
enum { OPT_QUIET, OPT_NO_ARTICLES, OPT_FORCE, OPT_JOBS, OPT_FEED };

/* The command's options over the config's: 0, or an exit status. */
static int
poll_args(struct ctx *c, struct poll_opts *o, struct poll_cli *pc)
{
	const char *val;
	long v;
	int k = 0, opt;

	while ((opt = cmd_opt_next(c, "poll", opts, &k, &val)) != CMD_OPT_END) {
		switch (opt) {
		case OPT_QUIET:
			pc->quiet = 1;
			break;
		case OPT_NO_ARTICLES:
			o->download_articles = 0;
			break;
		case OPT_FORCE:
			o->force = 1;
			break;
		case OPT_JOBS:
		case OPT_FEED:
			if (parse_count(val, &v) < 0 || v == 0 || (opt == OPT_JOBS && v > 256))
				return usage_error("poll: bad number '%s'", val);
			if (opt == OPT_JOBS)
				o->jobs = (int)v;
			else
				o->only_feed = v;
			break;
		case CMD_OPT_ARG:
			return usage_error("poll: unexpected argument '%s'", val);
		default:
			return EXIT_USAGE;
		}
	}
	return 0;
}

/*
 * urls-source names a feed server: sync with it (subscriptions, items,
 * read/starred both ways); the poll then only fetches article pages.
 * 0, or an exit status.
 */
static int
poll_sync(struct ctx *c, const struct poll_opts *o, int quiet)
{
	struct sync_report r;
	size_t i;
	int rc;

	rc = sync_run(c->db, &c->cfg, o, &r, &c->err);
	for (i = 0; i < r.nlines; i++)
		err_print("%s: %s", progname, r.lines[i]);
	if (rc < 0)
		err_print("%s: %s", progname, c->err.msg);
	else if (!quiet)
		err_print("%s: %s: %d feeds, %d new items, %d changes sent, %d conflicts",
		    progname, sync_server(&c->cfg), r.feeds, r.items_new, r.pushed, r.conflicts);
	sync_report_release(&r);
	return rc < 0 ? EXIT_SOME_FAILED : 0;
}

static int
cmd_poll(struct ctx *c)
{
	struct feedlist none = { 0 };
	const struct feedlist *feeds;
	struct poll_cli pc = { 0 };
	struct poll_opts o;
	const struct poll_progress *p;
	const char *const *errors;
	size_t nerrors, i;
	int k, rc, opml_failed = 0;
	time_t started;

	for (i = 0; i < c->cfg.nerrors; i++)
		err_print("%s: %s", progname, c->cfg.errors[i]);
	reload_poll_opts(&c->cfg, &o);
	if ((rc = poll_args(c, &o, &pc)) != 0)
		return rc;
	/* urls-source "opml" (issue 13, sources): the list is the OPML's, as
	 * fetched now; when it cannot be had, the last one is polled */
	if ((rc = opml_source_refresh(&c->cfg, c->files.feeds, &c->err)) < 0) {
		err_print("%s: %s; polling the feeds of the last OPML", progname, c->err.msg);
		opml_failed = 1;
	} else if (rc > 0 && (feeds_edit_begin(c) < 0 || feeds_edit_end(c, 0) < 0 ||
	    sync_feeds(c) < 0)) {
		return -1;
	}
	pc.tty = isatty(STDERR_FILENO);
	/* after the OPML's refresh, which may read the feeds file again */
	feeds = c->feeds;
	if (sync_server(&c->cfg) != NULL) {
		if ((rc = poll_sync(c, &o, pc.quiet)) != 0)
			return rc;
		none.name = c->feeds->name;
		feeds = &none;
	}
	pc.poll = poll_new(c->db, feeds, &o, poll_cli_progress, &pc, &c->err);
	if (pc.poll == NULL)
		return -1;
	started = time(NULL);
	rc = poll_run(pc.poll, &c->err);
	/* podcast-auto-enqueue (issue 17): the new items' episodes queued */
	if (rc >= 0 && podcast_after_poll(c->db, &c->cfg, c->files.cache, started, &c->err) < 0)
		err_print("%s: podcast-auto-enqueue: %s", progname, c->err.msg);
	if (pc.tty && !pc.quiet)
		fputs("\r\033[K", stderr);
	nerrors = poll_errors(pc.poll, &errors);
	for (i = 0; i < nerrors; i++) {
		char *line = text_sanitize_dup(errors[i], strlen(errors[i]), 0);

		err_print("%s: %s", progname, line);
		free(line);
	}
	if (reload_error_log(&c->cfg, errors, nerrors, &c->err) < 0)
		err_print("%s: %s", progname, c->err.msg);
	p = poll_progress(pc.poll);
	if (!pc.quiet) {
		fprintf(stderr, "%s: %d feeds: %d ok, %d unchanged, %d failed", progname,
		    p->feeds_total, p->feeds_total - p->feeds_failed - p->feeds_unchanged -
		    p->feeds_skipped, p->feeds_unchanged, p->feeds_failed);
		if (p->feeds_skipped)
			fprintf(stderr, ", %d waiting (Retry-After or backoff; --force)", p->feeds_skipped);
		fprintf(stderr, "; %d new items", p->items_new);
		if (p->articles_total)
			fprintf(stderr, "; %d articles, %d failed", p->articles_total, p->articles_failed);
		if (p->articles_skipped)
			fprintf(stderr, ", %d left for the next poll (slow hosts, deadline)",
			    p->articles_skipped);
		fputc('\n', stderr);
	}
	k = p->feeds_failed;
	poll_free(pc.poll);
	if (rc < 0)
		return -1;
	return k || opml_failed ? EXIT_SOME_FAILED : 0;
}

const struct cmd_entry cmd_poll_entry = {
	.name = "poll",
	.args = "[--jobs N] [--no-articles] [--quiet] [--force] [--feed ID]",
	.help = "fetch the feeds and new articles into the cache",
	.need = NEED_NET | NEED_CONFIG | NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS | CMD_OWN_CONFIG_WARNINGS,
	.run = cmd_poll,
};
