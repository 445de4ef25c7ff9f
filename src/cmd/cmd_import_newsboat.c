/*
 * cmd_import_newsboat: tidings import-newsboat [DIR], the switch from
 * newsboat (issue 13 item 10).
 *
 * newsboat's files are copied, never changed: its urls file becomes
 * tidings' feeds file (byte for byte, when tidings has none yet or only
 * the sample one) and its config tidings' config (when tidings has none),
 * so newsboat goes on working as before and tidings' own additions never
 * reach a file newsboat would refuse.  Then the items newsboat has cached
 * for those feeds come into tidings' cache with their read and flagged
 * (starred here) state, matched by feed URL and guid: the history is
 * there offline at once, and the next poll updates the same items.  Run
 * it again at any time: it only adds (read stays read, starred stays
 * starred) and never overwrites a file of tidings'.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "markup/markup.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/import_newsboat.h"
#include "store/items.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define NB_MAX_FILE (16u << 20)
#define NB_MAX_TEXT (4u << 20)

static int
nb_exists(const char *path)
{
	struct stat sb;

	return path != NULL && *path != '\0' && stat(path, &sb) == 0;
}

/* Copy src to a new file dst (mode 0600, refused if dst appears meanwhile). */
static int
nb_copy(const char *src, const char *dst, struct err *e)
{
	struct buf b;
	size_t off = 0;
	int fd;

	if (read_file(src, NB_MAX_FILE, &b, e) < 0)
		return -1;
	if (files_make_parent(dst, e) < 0) {
		buf_release(&b);
		return -1;
	}
	fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		buf_release(&b);
		return err_set(e, "%s: %s", dst, strerror(errno));
	}
	while (off < b.len) {
		ssize_t n = write(fd, b.data + off, b.len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(e, "%s: %s", dst, strerror(errno));
			close(fd);
			unlink(dst);
			buf_release(&b);
			return -1;
		}
		off += (size_t)n;
	}
	buf_release(&b);
	if (close(fd) < 0) {
		unlink(dst);
		return err_set(e, "%s: %s", dst, strerror(errno));
	}
	return 0;
}

/* Is tidings' feeds file absent, or still the sample one it wrote itself? */
static int
nb_feeds_replaceable(struct ctx *c)
{
	struct buf b;
	struct err e;
	char *sample;
	int same;

	if (c->feeds_missing)
		return 1;
	if (read_file(c->files.feeds, NB_MAX_FILE, &b, &e) < 0)
		return 0;
	sample = files_default_feeds();
	same = b.len == strlen(sample) && memcmp(b.data, sample, b.len) == 0;
	free(sample);
	buf_release(&b);
	return same;
}

/* The urls file, under the feeds file's lock; 1 copied, 0 kept ours. */
static int
nb_take_urls(struct ctx *c, const char *urls)
{
	struct feedlist *fl;
	int replace;

	if (feeds_edit_begin(c) < 0)
		return -1;
	replace = nb_feeds_replaceable(c);
	if (replace) {
		if ((fl = feedlist_load(urls, NULL, &c->err)) == NULL) {
			feeds_edit_end(c, 0);
			return -1;
		}
		feedlist_free(c->feeds);
		c->feeds = fl;
	}
	if (feeds_edit_end(c, replace) < 0)
		return -1;
	return replace;
}

/* newsboat's items of one feed into the cache; counts added to n[]. */
static int
nb_import_feed(struct ctx *c, struct import_newsboat *nb, const char *url, int n[4])
{
	struct import_newsboat_feed f;
	struct items_store_stats st = { 0 };
	struct feed_row row;
	char **texts;
	int64_t id;
	size_t i;
	int rc, stored;

	rc = import_newsboat_feed(nb, url, 0, &f, &c->err);
	if (rc <= 0)
		return rc;
	texts = xcalloc(f.nitems ? f.nitems : 1, sizeof *texts);
	for (i = 0; i < f.nitems; i++)
		if (f.items[i].content != NULL)
			texts[i] = markup_index_text(f.items[i].content,
			    strlen(f.items[i].content), NB_MAX_TEXT);
	rc = -1;
	if (feeds_ensure(c->db, url, &id, &c->err) < 0 || db_begin(c->db, &c->err) < 0)
		goto out;
	if (import_newsboat_set_title(c->db, id, f.title, f.site, &c->err) < 0 ||
	    feeds_get(c->db, id, NULL, &row, &c->err) < 0)
		goto fail;
	/* the index's feed column holds the title people see (the feeds
	 * file's "~title", else the one the cache has), as a poll's does */
	stored = items_store(c->db, id, row.title ? row.title : f.title, f.items, texts,
	    f.nitems, time(NULL), &st, &c->err);
	feed_row_release(&row);
	if (stored < 0)
		goto fail;
	for (i = 0; i < f.nitems; i++)
		if (import_newsboat_mark(c->db, id, f.items[i].guid, f.read[i], f.flagged[i],
		    &c->err) < 0)
			goto fail;
	if (db_commit(c->db, &c->err) < 0)
		goto out;
	n[0]++;
	n[1] += (int)f.nitems;
	for (i = 0; i < f.nitems; i++) {
		n[2] += f.read[i];
		n[3] += f.flagged[i];
	}
	rc = 1;
	goto out;
fail:
	db_rollback(c->db);
out:
	for (i = 0; i < f.nitems; i++)
		free(texts[i]);
	free(texts);
	import_newsboat_feed_release(&f);
	return rc;
}

static int
cmd_import_newsboat(struct ctx *c)
{
	struct files nb;
	struct import_newsboat *cache;
	const char *dir = NULL;
	int rc, n[4] = { 0, 0, 0, 0 };
	size_t i;

	if (c->argc > 1)
		return usage_error("import-newsboat: expected at most one directory");
	if (c->argc == 1)
		dir = c->argv[0];
	rc = files_newsboat(dir, &nb, &c->err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(&c->err, "no newsboat directory (~/.newsboat, "
		    "~/.config/newsboat): name it, tidings import-newsboat DIR");
	rc = -1;
	if (!nb_exists(nb.feeds) && !nb_exists(nb.config)) {
		err_set(&c->err, "%s: neither urls nor config of newsboat's there", dir ? dir :
		    nb.feeds);
		goto out;
	}
	/* no urls: newsboat took its feeds from elsewhere (urls-source) */
	switch (nb_exists(nb.feeds) ? nb_take_urls(c, nb.feeds) : 2) {
	case 2:
		err_print("%s: %s: no such file; no feeds copied", progname, nb.feeds);
		break;
	case -1:
		goto out;
	case 1:
		err_print("%s: copied %s to %s", progname, nb.feeds, c->files.feeds);
		break;
	default:
		err_print("%s: kept %s (it is not the sample one); newsboat's urls not "
		    "copied: move it away and run this again, or use --feeds %s", progname,
		    c->files.feeds, nb.feeds);
	}
	if (!nb_exists(nb.config))
		;
	else if (nb_exists(c->files.config))
		err_print("%s: kept %s; newsboat's config not copied", progname,
		    c->files.config);
	else if (nb_copy(nb.config, c->files.config, &c->err) < 0)
		goto out;
	else
		err_print("%s: copied %s to %s", progname, nb.config, c->files.config);
	/* the feeds file's URLs, tags and titles into the cache first */
	if (sync_feeds(c) < 0)
		goto out;
	if (!nb_exists(nb.cache)) {
		err_print("%s: %s: no newsboat cache; nothing read yet to import", progname,
		    nb.cache);
		rc = 0;
		goto out;
	}
	if ((cache = import_newsboat_open(nb.cache, &c->err)) == NULL)
		goto out;
	for (i = 0; i < c->feeds->nlines; i++) {
		const struct feedlist_line *l = &c->feeds->lines[i];

		if (l->kind == FEEDLIST_FEED && nb_import_feed(c, cache, l->url, n) < 0) {
			import_newsboat_close(cache);
			goto out;
		}
	}
	import_newsboat_close(cache);
	err_print("%s: imported %d item%s of %d feed%s from %s: %d read, %d flagged "
	    "(starred)", progname, n[1], n[1] == 1 ? "" : "s", n[0], n[0] == 1 ? "" : "s",
	    nb.cache, n[2], n[3]);
	rc = 0;
out:
	files_release(&nb);
	return rc;
}

int
import_newsboat_offer(const struct ctx *c)
{
	struct files nb;
	struct err e;
	char line[64];
	int yes;

	if (c->feeds_named || nb_exists(c->files.feeds) || nb_exists(c->files.config) ||
	    !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return 0;
	if (files_newsboat(NULL, &nb, &e) <= 0)
		return 0;
	if (!nb_exists(nb.feeds)) {
		files_release(&nb);
		return 0;
	}
	/* stdout: the terminal the reader is about to take over */
	fputs("newsboat's subscriptions are in ", stdout);
	(void)text_fputs(stdout, nb.feeds, strlen(nb.feeds), 0);
	fputs(".\nImport them, its config and what you read and flagged "
	    "(tidings import-newsboat)? [Y/n] ", stdout);
	fflush(stdout);
	files_release(&nb);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	yes = line[0] == '\n' || line[0] == 'y' || line[0] == 'Y';
	return yes;
}

const struct cmd_entry cmd_import_newsboat_entry = {
	.name = "import-newsboat",
	.args = "[DIR]",
	.help = "switch from newsboat: copy its urls and config (never changing them),\n"
	    "import its cached items with read and flagged (starred) state",
	.need = NEED_FEEDS | NEED_CREATE | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS,
	.run = cmd_import_newsboat,
};
