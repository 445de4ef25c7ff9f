/*
 * cmd/feedsfile: the feeds file's read-modify-write under its lock, and
 * its mirror in the cache (URLs, titles, tags, which feeds are listed).
 */
#include "config.h"

#include <stdlib.h>

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/sync.h"
#include "app/sync.h"
#include "util/xalloc.h"

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

/*
 * Mirror the feeds file's URLs, titles and tags into the cache.  Read
 * first: when nothing changed (the usual start), no write lock is taken.
 */
int
sync_feeds(struct ctx *c)
{
	const char **urls;
	size_t i, n = 0;
	int same, began = 0, server;

	/* a feed server's subscriptions stand for the feeds file (app/sync);
	 * a command that reads no config goes by what the cache holds */
	server = c->cfg_loaded ? sync_server(&c->cfg) != NULL : sync_cache_active(c->db, &c->err);
	if (server != 0)
		return server < 0 ? -1 : 0;
	urls = xcalloc(c->feeds->nlines ? c->feeds->nlines : 1, sizeof *urls);
	for (i = 0; i < c->feeds->nlines; i++) {
		const struct feedlist_line *l = &c->feeds->lines[i];

		if (l->kind != FEEDLIST_FEED)
			continue;
		urls[n++] = l->url;
		same = feeds_matches(c->db, l->url, l->title, l->tags, l->ntags, &c->err);
		if (same < 0)
			goto fail;
		if (same)
			continue;
		if (!began && db_begin(c->db, &c->err) < 0)
			goto fail;
		began = 1;
		if (feeds_set_tags(c->db, l->url, l->tags, l->ntags, &c->err) < 0 ||
		    feeds_set_custom_title(c->db, l->url, l->title, &c->err) < 0)
			goto fail;
	}
	/* which feeds are listed, in what order (reads first, too); a missing
	 * feeds file hides nothing */
	if (!c->feeds_missing && feeds_sync_listed(c->db, urls, n, &c->err) < 0)
		goto fail;
	free(urls);
	return began ? db_commit(c->db, &c->err) : 0;
fail:
	free(urls);
	if (began)
		db_rollback(c->db);
	return -1;
}
