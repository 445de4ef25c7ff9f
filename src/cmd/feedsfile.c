/*
 * cmd/feedsfile: the feeds file's read-modify-write under its lock, and
 * its mirror in the cache (URLs, titles, tags, which feeds are listed).
 */
#include "config.h"

#include <stdlib.h>

#include "app/mirror.h"
#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/sync.h"
#include "app/sync.h"

/*
 * The feeds file's read-modify-write: lock it and read it again, so what
 * another tidings wrote since start-up is kept (20 concurrent adds all
 * land); feeds_edit_end saves (when asked) and unlocks.
 */
int
feeds_edit_begin(struct ctx *c)
{
	struct feedlist *fl;

	if ((c->feeds_lock = feedlist_lock(c->files.feeds, &c->err)) < 0)
		return -1;
	fl = feedlist_load(c->files.feeds, &c->feeds_missing, &c->err);
	if (fl == NULL) {
		feedlist_unlock(c->feeds_lock);
		c->feeds_lock = -1;
		return -1;
	}
	feedlist_free(c->feeds);
	c->feeds = fl;
	return 0;
}

int
feeds_edit_end(struct ctx *c, int save)
{
	int rc = 0;

	if (save && feedlist_save(c->feeds, c->files.feeds, &c->err) < 0)
		rc = -1;
	else if (save)
		c->feeds_missing = 0;
	feedlist_unlock(c->feeds_lock);
	c->feeds_lock = -1;
	return rc;
}

int
feeds_from_server(struct ctx *c)
{
	/* a command that reads no config goes by what the cache holds */
	return c->cfg_loaded ? sync_server(&c->cfg) != NULL : sync_cache_active(c->db, &c->err);
}

/* The feeds file's list into the cache (app/mirror). */
int
sync_feeds(struct ctx *c)
{
	int server;

	/* a feed server's subscriptions stand for the feeds file (app/sync) */
	server = feeds_from_server(c);
	if (server != 0)
		return server < 0 ? -1 : 0;
	return mirror_feedlist(c->db, c->feeds, c->feeds_missing, &c->err);
}

int
feeds_local_only(struct ctx *c, const char *cmd)
{
	const char *srv = c->cfg_loaded ? sync_server(&c->cfg) : NULL;

	if (srv == NULL)
		return 0;
	/* the feeds file is not read while a server's list stands for it: a
	 * line written there would never be polled nor taken away */
	err_print("%s: %s: urls-source \"%s\": the feeds are the feed server's "
	    "subscriptions; subscribe and unsubscribe there", progname, cmd, srv);
	return EXIT_USAGE;
}
