/*
 * cmd_cleanup: tidings cleanup, the cached feeds no longer in the feeds file.
 */
#include "config.h"

#include <string.h>

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/feeds.h"
#include "util/err.h"

static const struct cmd_opt opts[] = {
	{ "--force", NULL, NULL },
	{ NULL, NULL, NULL },
};
enum { OPT_FORCE };

static int
cmd_cleanup(struct ctx *c)
{
	const char *val;
	int feeds, items, starred, force = 0, rc, k, opt, fixed, server;
	const char *src;
	size_t i, listed = 0;

	k = 0;
	while ((opt = cmd_opt_next(c, "cleanup", opts, &k, &val)) != CMD_OPT_END) {
		if (opt == OPT_FORCE)
			force = 1;
		else if (opt == CMD_OPT_ARG)
			return usage_error("cleanup: unexpected argument '%s'", val);
		else
			return EXIT_USAGE;
	}
	/* a feed server's subscriptions stand for the feeds file: its last
	 * sync marked the cached feeds it lists (app/sync) */
	if ((server = feeds_from_server(c)) < 0)
		return -1;
	if (server) {
		struct feed_row *rows;
		size_t n;

		if (feeds_list(c->db, &rows, &n, &c->err) < 0)
			return -1;
		for (i = 0; i < n; i++)
			listed += rows[i].listed != 0;
		feeds_free_rows(rows, n);
	}
	for (i = 0; !server && i < c->feeds->nlines; i++)
		listed += c->feeds->lines[i].kind == FEEDLIST_FEED;
	src = server ? "the feed server's list" : c->files.feeds;
	if (listed == 0) {
		err_print("%s: %s lists no feeds; not deleting every cached feed "
		    "(remove URL deletes one)", progname, src);
		return EXIT_USAGE;
	}
	rc = feeds_delete_unlisted(c->db, force, &feeds, &items, &starred, &c->err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		err_print("%s: %d feed%s no longer in %s hold%s %d starred item%s; "
		    "nothing deleted (put the lines back to keep them, or cleanup --force)",
		    progname, feeds, feeds == 1 ? "" : "s", src,
		    feeds == 1 ? "s" : "", starred, starred == 1 ? "" : "s");
		return EXIT_USAGE;
	}
	/* the kept item counts (schema 7) checked against the items */
	if (feeds_recount(c->db, &fixed, &c->err) < 0)
		return -1;
	if (fixed > 0)
		err_print("%s: put right the item counts of %d feed%s", progname, fixed,
		    fixed == 1 ? "" : "s");
	if (feeds == 0)
		err_print("%s: every cached feed is in %s; nothing to delete",
		    progname, src);
	else
		err_print("%s: deleted %d feed%s no longer in %s, with %d item%s "
		    "(%d starred)", progname, feeds, feeds == 1 ? "" : "s", src,
		    items, items == 1 ? "" : "s", starred);
	return 0;
}

const struct cmd_entry cmd_cleanup_entry = {
	.name = "cleanup",
	.args = "[--force]",
	.help = "delete the cached feeds that are no longer in the feeds file\n"
	    "(--force: even when they hold starred items)",
	/* the config: is urls-source a feed server (cmd/feedsfile.c)? */
	.need = NEED_CONFIG | NEED_FEEDS | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS | CMD_OWN_CONFIG_WARNINGS,
	.run = cmd_cleanup,
};
