/*
 * cmd_export: tidings export, the feeds as OPML 2.0 on standard output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "feed/opml.h"
#include "store/feeds.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/*
 * A feed server's subscriptions (app/sync) stand for the feeds file: the
 * feeds its last sync listed, with the category it gave each as the tag.
 */
static int
export_synced(struct ctx *c, struct opml *o)
{
	struct feed_row *rows;
	size_t n, i;

	if (feeds_list(c->db, &rows, &n, &c->err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* one tag a synced feed: a category may hold a comma */
		char *tags[1] = { rows[i].tags };
		char *site;

		if (!rows[i].listed)
			continue;
		site = rows[i].site ? url_display(rows[i].site) : NULL;
		opml_add(o, rows[i].url, rows[i].title, site, tags, rows[i].tags ? 1 : 0);
		free(site);
	}
	feeds_free_rows(rows, n);
	return 0;
}

static int
cmd_export(struct ctx *c)
{
	struct opml *o = xcalloc(1, sizeof *o);
	struct feed_row row;
	struct buf out;
	char *site;
	size_t i;
	int rc = 0, server;

	if (c->argc > 0)
		return usage_error("export: unexpected argument '%s'", c->argv[0]);
	if ((server = feeds_from_server(c)) != 0) {
		if (server < 0 || export_synced(c, o) < 0) {
			opml_free(o);
			return -1;
		}
	}
	for (i = 0; !server && i < c->feeds->nlines; i++) {
		const struct feedlist_line *l = &c->feeds->lines[i];
		int found;

		if (l->kind != FEEDLIST_FEED)
			continue;
		found = feeds_get(c->db, 0, l->url, &row, &c->err);
		if (found < 0) {
			opml_free(o);
			return -1;
		}
		/* a site cached before relative links lost the feed's userinfo */
		site = found && row.site ? url_display(row.site) : NULL;
		opml_add(o, l->url, l->title ? l->title : found ? row.title : NULL,
		    site, l->tags, l->ntags);
		free(site);
		if (found)
			feed_row_release(&row);
	}
	buf_init(&out, 0);
	if (opml_write(o, "tidings feeds", &out, &c->err) < 0)
		rc = -1;
	else	/* titles and categories from OPML files and feeds: to a tty too */
		(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	buf_release(&out);
	opml_free(o);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.args = "",
	.help = "write the feeds as OPML 2.0 to standard output",
	/* the config: is urls-source a feed server (cmd/feedsfile.c)? */
	.need = NEED_CONFIG | NEED_FEEDS | NEED_CACHE,
	.flags = CMD_OWN_CONFIG_WARNINGS,	/* read for urls-source only: quiet */
	.run = cmd_export,
};
