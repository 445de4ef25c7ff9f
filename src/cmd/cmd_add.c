/*
 * cmd_add: tidings add URL, a feed or the feed a page advertises.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "feed/discover.h"
#include "feed/feedlist.h"
#include "store/feeds.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"

static int
add_feed(struct ctx *c, const char *url, char *const *tags, size_t ntags)
{
	char *shown = url_display(url);
	int added;

	if (feeds_edit_begin(c) < 0) {
		free(shown);
		return -1;
	}
	added = feedlist_add(c->feeds, url, tags, ntags, NULL, &c->err);
	if (added <= 0) {
		feeds_edit_end(c, 0);
		if (added < 0) {
			/* url may come from a page: err_print sanitises the message */
			err_prefix(&c->err, "%s", shown);
			free(shown);
			return -1;
		}
		err_print("%s: %s is already in %s", progname, shown, c->files.feeds);
		free(shown);
		return 0;
	}
	if (feeds_edit_end(c, 1) < 0 || feeds_set_tags(c->db, url, tags, ntags, &c->err) < 0) {
		free(shown);
		return -1;
	}
	err_print("%s: added %s", progname, shown);
	free(shown);
	return 0;
}

/*
 * add URL: a feed is added as it is; a web page is read for the feeds it
 * advertises, and the first one added (all listed when there are several).
 */
static int
cmd_add(struct ctx *c)
{
	struct discover_link *links;
	struct fetched page;
	const char *url;
	size_t n, i;
	int rc;

	if (c->argc < 1)
		return usage_error("add: missing URL");
	if ((rc = feeds_local_only(c, "add")) != 0)
		return rc;
	url = c->argv[0];
	if (!url_chars_ok(url))
		return usage_error("add: a feed URL cannot hold control, C1 or bidi characters: '%s'", url);
	if (!feedlist_url_ok(url))
		return usage_error("add: not an http, https or file URL: '%s'", url);
	if (feedlist_find(c->feeds, url))
		return add_feed(c, url, NULL, 0);	/* says it is there already */
	if (strncmp(url, "file:", 5) == 0)
		return add_feed(c, url, c->argv + 1, (size_t)c->argc - 1);
	if (fetch_one(url, 8u << 20, &page, &c->err) < 0) {
		fetched_release(&page);
		err_print("%s: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	if (discover_is_feed(page.body.data, page.body.len)) {
		fetched_release(&page);
		return add_feed(c, url, c->argv + 1, (size_t)c->argc - 1);
	}
	n = discover_feeds(page.body.data, page.body.len,
	    page.effective_url ? page.effective_url : url, &links);
	fetched_release(&page);
	if (n == 0) {
		char *shown = url_display(url);

		err_print("%s: %s is neither a feed nor a page that advertises one",
		    progname, shown);
		free(shown);
		return EXIT_USAGE;
	}
	if (n > 1) {
		char *shown = url_display(url);

		err_print("%s: %s advertises %zu feeds; adding the first:", progname, shown, n);
		free(shown);
		for (i = 0; i < n; i++) {
			char *title = text_sanitize_dup(links[i].title ? links[i].title : "",
			    links[i].title ? strlen(links[i].title) : 0, 0);

			err_print("  %s %s%s%s", links[i].url, *title ? "(" : "", title,
			    *title ? ")" : "");
			free(title);
		}
	}
	rc = add_feed(c, links[0].url, c->argv + 1, (size_t)c->argc - 1);
	discover_free(links, n);
	return rc;
}

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.args = "URL [TAG...]",
	.help = "add a feed, or the feed a web page advertises",
	.need = NEED_NET | NEED_CONFIG | NEED_FEEDS | NEED_CREATE | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS | CMD_OWN_CONFIG_WARNINGS,	/* urls-source only */
	.run = cmd_add,
};
