/*
 * cmd_remove: tidings remove URL, a feed and its cached items.
 */
#include "config.h"

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/feeds.h"
#include "util/err.h"

static int
cmd_remove(struct ctx *c)
{
	int rc;

	if (c->argc != 1)
		return usage_error("remove: expected one URL");
	if ((rc = feeds_local_only(c, "remove")) != 0)
		return rc;
	if (feeds_edit_begin(c) < 0)
		return -1;
	if (feedlist_remove(c->feeds, c->argv[0]) == 0) {
		feeds_edit_end(c, 0);
		struct feed_row row;
		int found = feeds_get(c->db, 0, c->argv[0], &row, &c->err);

		if (found < 0)
			return -1;
		/* taken out of the file by hand: its cached rows can still go (not
		 * when the feeds file is missing: a mistyped --feeds is no list) */
		if (found == 0 || row.listed || c->feeds_missing) {
			if (found)
				feed_row_release(&row);
			err_print("%s: %s is not in %s", progname, c->argv[0],
			    c->files.feeds);
			return EXIT_USAGE;
		}
		feed_row_release(&row);
		if (feeds_delete(c->db, c->argv[0], &c->err) < 0)
			return -1;
		err_print("%s: removed %s from the cache (it was not in %s)",
		    progname, c->argv[0], c->files.feeds);
		return 0;
	}
	if (feeds_edit_end(c, 1) < 0)
		return -1;
	if (feeds_delete(c->db, c->argv[0], &c->err) < 0)
		return -1;
	err_print("%s: removed %s", progname, c->argv[0]);
	return 0;
}

const struct cmd_entry cmd_remove_entry = {
	.name = "remove",
	.args = "URL",
	.help = "remove a feed and its cached items",
	.need = NEED_CONFIG | NEED_FEEDS | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS | CMD_OWN_CONFIG_WARNINGS,	/* urls-source only */
	.run = cmd_remove,
};
