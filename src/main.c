/*
 * main: the command line.  Parses the global options and the command,
 * runs the start-up stages the command needs (files, feeds file, cache)
 * from a table, and tears down what was set up in reverse order.
 * Exit status: 0 ok, 1 some feeds failed (poll), 2 usage or bad input.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "app/config.h"
#include "app/files.h"
#include "app/poll.h"
#include "app/view_help.h"
#include "app/view_search.h"
#include "article/extract.h"
#include "feed/discover.h"
#include "feed/feedlist.h"
#include "feed/opml.h"
#include "store/db.h"
#include "store/feeds.h"
#include "store/items.h"
#include "store/search.h"
#include "net/fetch.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"
#include "ui/ui.h"

#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2

struct ctx {
	struct files files;
	struct config cfg;
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

struct stage {
	int need;
	int (*start)(struct ctx *);
	void (*stop)(struct ctx *);
};

struct command {
	const char *name;
	const char *args;
	const char *help;
	int need;
	int (*run)(struct ctx *);
};

static const char *progname = "tidings";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	/* the arguments quoted back may hold anything: one sanitised line */
	buf_init(&b, 0);
	va_start(ap, fmt);
	(void)buf_vprintf(&b, fmt, ap);
	va_end(ap);
	err_print("%s: %s", progname, b.data);
	buf_release(&b);
	err_print("Try '%s --help'.", progname);
	return EXIT_USAGE;
}

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

/*
 * The feeds file's read-modify-write: lock it and read it again, so what
 * another tidings wrote since start-up is kept (20 concurrent adds all
 * land); feeds_edit_end saves (when asked) and unlocks.
 */
static int
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

static int
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
static int
sync_feeds(struct ctx *c)
{
	const char **urls;
	size_t i, n = 0;
	int same, began = 0;

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
	if (c->feeds && !c->db->readonly && sync_feeds(c) < 0) {
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
		config_release(&c->cfg);
	c->cfg_loaded = 0;
}

static int
stage_config_start(struct ctx *c)
{
	config_init(&c->cfg);
	c->cfg_loaded = 1;
	/* bad lines never stop tidings: they are kept in cfg.errors for the
	 * command to report (the reader shows them once it owns the screen);
	 * a file that cannot be read does, and the stage cleans up after it */
	if (config_load(&c->cfg, c->files.config, &c->err) < 0) {
		stage_config_stop(c);
		return -1;
	}
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

/* --- output helpers --- */

/* A field of a tab-separated record: sanitised, no tabs or newlines. */
static void
put_field(const char *s, int last)
{
	char *clean, *p;

	clean = text_sanitize_dup(s ? s : "", strlen(s ? s : ""), TEXT_KEEP_TAB | TEXT_KEEP_NEWLINE);
	for (p = clean; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	(void)text_fputs(stdout, clean, strlen(clean), 0);
	putchar(last ? '\n' : '\t');
	free(clean);
}

/* A column on a terminal: sanitised and cut or padded to cols. */
static void
put_column(const char *s, size_t cols, int last)
{
	struct buf b;
	char *clean;

	clean = text_sanitize_dup(s ? s : "", strlen(s ? s : ""), 0);
	buf_init(&b, 0);
	if (last)
		(void)text_truncate(&b, clean, strlen(clean), cols, 0);
	else
		(void)text_pad(&b, clean, strlen(clean), cols);
	/* cut and padded by UTF-8 widths: a non-UTF-8 terminal keeps them */
	(void)text_fputs(stdout, b.data, b.len, TEXT_SAME_WIDTH);
	fputs(last ? "\n" : "  ", stdout);
	buf_release(&b);
	free(clean);
}

/* The terminal's width: stdout's window size when it is a terminal, else
 * $COLUMNS, else 80. */
static size_t
term_columns(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 20)
		return ws.ws_col;
	if (env) {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 20 && n < 10000)
			return (size_t)n;
	}
	return 80;
}

static int
parse_count(const char *s, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || n < 0 || n > 1000000000L)
		return -1;
	*out = n;
	return 0;
}

/* --- commands --- */

/* by URL, then file order: the first line of a URL listed twice first */
static int
feed_line_cmp(const void *a, const void *b)
{
	const struct feedlist_line *x = *(const struct feedlist_line *const *)a;
	const struct feedlist_line *y = *(const struct feedlist_line *const *)b;
	int c = strcmp(x->url, y->url);

	return c ? c : (x > y) - (x < y);
}

static int
feed_line_url_cmp(const void *key, const void *elt)
{
	return strcmp(key, (*(const struct feedlist_line *const *)elt)->url);
}

/*
 * The feeds file's feed lines sorted by URL, for feed_line_find: a search
 * of the file per cached feed (feedlist_find) made `tidings feeds`
 * quadratic (20,000 feeds: 0.7 s of strcmp).  Caller frees.
 */
static const struct feedlist_line **
feed_lines_sorted(const struct feedlist *fl, size_t *n)
{
	const struct feedlist_line **v = xcalloc(fl->nlines ? fl->nlines : 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < fl->nlines; i++)
		if (fl->lines[i].kind == FEEDLIST_FEED)
			v[(*n)++] = &fl->lines[i];
	qsort(v, *n, sizeof *v, feed_line_cmp);
	return v;
}

/* The first line of url in v (from feed_lines_sorted), or NULL. */
static const struct feedlist_line *
feed_line_find(const struct feedlist_line **v, size_t n, const char *url)
{
	const struct feedlist_line **p = bsearch(url, v, n, sizeof *v, feed_line_url_cmp);

	while (p != NULL && p > v && strcmp(p[-1]->url, url) == 0)
		p--;
	return p ? *p : NULL;
}

static int
cmd_feeds(struct ctx *c)
{
	struct feed_row *rows;
	const struct feedlist_line **lines;
	size_t n, i, nlines, cols = term_columns();
	int tty = isatty(STDOUT_FILENO);
	char num[64];

	if (c->argc > 0)
		return usage_error("feeds: unexpected argument '%s'", c->argv[0]);
	if (feeds_list(c->db, &rows, &n, &c->err) < 0)
		return -1;
	lines = feed_lines_sorted(c->feeds, &nlines);
	for (i = 0; i < n; i++) {
		const struct feedlist_line *l = feed_line_find(lines, nlines, rows[i].url);
		const char *title = l && l->title ? l->title : rows[i].title ? rows[i].title : "";
		const char *status = rows[i].last_status ? rows[i].last_status : "never polled";
		char *url;

		if (l == NULL)
			continue;	/* in the cache but no longer in the feeds file */
		/* the password is for the request, not for the screen */
		url = url_display(rows[i].url);
		if (tty) {
			snprintf(num, sizeof num, "%" PRId64, rows[i].id);
			put_column(num, 4, 0);
			snprintf(num, sizeof num, "%d/%d", rows[i].unread, rows[i].total);
			put_column(num, 9, 0);
			put_column(title, cols > 60 ? (cols - 60) / 2 + 10 : 10, 0);
			put_column(status, 12, 0);
			put_column(url, cols > 60 ? (cols - 60) / 2 + 8 : 8, 0);
			snprintf(num, sizeof num, "%d", rows[i].backlog);
			put_column(rows[i].backlog ? num : "", 5, 1);
		} else {
			/* the articles still to fetch come last: scripts that read
			 * the first six fields keep working */
			printf("%" PRId64 "\t%d\t%d\t", rows[i].id, rows[i].unread, rows[i].total);
			put_field(title, 0);
			put_field(url, 0);
			put_field(status, 0);
			printf("%d\n", rows[i].backlog);
		}
		free(url);
	}
	free(lines);
	feeds_free_rows(rows, n);
	return 0;
}

static int
cmd_items(struct ctx *c)
{
	struct items_query q = { 0 };
	struct item_row *rows;
	size_t n, i, cols = term_columns();
	int tty = isatty(STDOUT_FILENO), k;
	char date[32], id[32];
	long v;

	for (k = 0; k < c->argc; k++) {
		const char *a = c->argv[k];

		if (strcmp(a, "--unread") == 0) {
			q.unread_only = 1;
		} else if (strcmp(a, "--starred") == 0) {
			q.starred_only = 1;
		} else if (strcmp(a, "--feed") == 0 || strcmp(a, "--limit") == 0) {
			if (k + 1 >= c->argc)
				return usage_error("items: %s needs a number", a);
			if (parse_count(c->argv[k + 1], &v) < 0)
				return usage_error("items: %s needs a number, not '%s'", a,
				    c->argv[k + 1]);
			if (a[2] == 'f')
				q.feed_id = v;
			else
				q.limit = (int)v;
			k++;
		} else if (strcmp(a, "--tag") == 0) {
			if (k + 1 >= c->argc)
				return usage_error("items: --tag needs a tag name");
			q.tag = c->argv[++k];
		} else {
			return usage_error("items: unexpected argument '%s'", a);
		}
	}
	if (q.feed_id != 0) {
		/* an id that names no feed is a mistake, not an empty list */
		struct feed_row fr;

		k = feeds_get(c->db, q.feed_id, NULL, &fr, &c->err);
		if (k < 0)
			return -1;
		if (k == 0) {
			fprintf(stderr, "%s: items: no feed %" PRId64 " (the first column of "
			    "'tidings feeds')\n", progname, q.feed_id);
			return EXIT_USAGE;
		}
		feed_row_release(&fr);
	}
	if (items_list(c->db, &q, &rows, &n, &c->err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		/* an untitled feed is named by its URL: without the password */
		char *feed = url_display(rows[i].feed_title);

		date_iso(rows[i].published, date, sizeof date);
		if (tty) {
			date[10] = '\0';	/* the day is enough on a terminal */
			snprintf(id, sizeof id, "%" PRId64, rows[i].id);
			put_column(id, 6, 0);
			put_column(rows[i].read ? " " : "N", 1, 0);
			put_column(date, 10, 0);
			put_column(feed, 20, 0);
			put_column(rows[i].title, cols > 48 ? cols - 48 : 10, 1);
		} else {
			printf("%" PRId64 "\t%s\t", rows[i].id, date);
			put_field(feed, 0);
			put_field(rows[i].title, 0);
			put_field(rows[i].url, 1);
		}
		free(feed);
	}
	items_free_rows(rows, n);
	return 0;
}

static int
read_file(const char *path, size_t max, struct buf *b, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[16384];
	size_t n;
	int rc = 0;

	if (f == NULL)
		return err_set(e, "%s: %s", path, strerror(errno));
	buf_init(b, max);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(b, chunk, n) < 0) {
			rc = err_set(e, "%s: larger than %zu bytes", path, max);
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = err_set(e, "%s: %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (rc < 0)
		buf_release(b);
	return rc;
}

/* One URL fetched synchronously, for add and extract. */
struct fetched {
	int done;
	enum fetch_status status;
	struct buf body;
	char *charset;
	char *effective_url;
	struct err err;
};

static void
fetched_done(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct fetched *out = arg;

	(void)f;
	out->done = 1;
	out->status = r->status;
	out->body = r->body;
	buf_init(&r->body, r->body.max);
	out->charset = r->charset;
	r->charset = NULL;
	out->effective_url = r->effective_url;
	r->effective_url = NULL;
	out->err = r->err;
}

static int
fetch_one(const char *url, size_t max_size, struct fetched *out, struct err *e)
{
	struct fetch_request req = { .url = url };
	struct fetch_opts fo;
	struct fetch *f;
	int rc;

	memset(out, 0, sizeof *out);
	buf_init(&out->body, 0);
	fetch_opts_init(&fo);
	if (max_size)
		fo.max_size = max_size;
	f = fetch_new(&fo, fetched_done, out);
	fetch_add(f, &req);
	rc = fetch_run(f, e);
	fetch_free(f);
	if (rc < 0)
		return -1;
	if (out->status != FETCH_OK) {
		*e = out->err;
		return -1;
	}
	return 0;
}

static void
fetched_release(struct fetched *f)
{
	buf_release(&f->body);
	free(f->charset);
	free(f->effective_url);
}

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

static int
cmd_poll(struct ctx *c)
{
	struct poll_cli pc = { 0 };
	struct poll_opts o;
	const struct poll_progress *p;
	const char *const *errors;
	size_t nerrors, i;
	long v;
	int k, rc;

	for (i = 0; i < c->cfg.nerrors; i++)
		err_print("%s: %s", progname, c->cfg.errors[i]);
	poll_opts_init(&o);
	o.jobs = c->cfg.reload_threads;
	o.max_items = c->cfg.max_items;
	o.download_articles = c->cfg.download_articles;
	o.articles_per_poll = c->cfg.articles_per_poll;
	if (c->cfg.max_download_size > 0)
		o.max_size = (size_t)c->cfg.max_download_size;
	if (c->cfg.download_timeout > 0)
		o.timeout_ms = c->cfg.download_timeout * 1000L;
	o.articles_deadline_ms = c->cfg.articles_deadline * 1000L;
	o.host_budget_ms = c->cfg.articles_host_budget * 1000L;
	for (k = 0; k < c->argc; k++) {
		const char *a = c->argv[k];

		if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			pc.quiet = 1;
		} else if (strcmp(a, "--no-articles") == 0) {
			o.download_articles = 0;
		} else if (strcmp(a, "--force") == 0) {
			o.force = 1;
		} else if ((strcmp(a, "--jobs") == 0 || strcmp(a, "--feed") == 0) && k + 1 < c->argc) {
			if (parse_count(c->argv[k + 1], &v) < 0 || v == 0 || (a[2] == 'j' && v > 256))
				return usage_error("poll: bad number '%s'", c->argv[k + 1]);
			if (a[2] == 'j')
				o.jobs = (int)v;
			else
				o.only_feed = v;
			k++;
		} else {
			return usage_error("poll: unexpected argument '%s'", a);
		}
	}
	pc.tty = isatty(STDERR_FILENO);
	pc.poll = poll_new(c->db, c->feeds, &o, poll_cli_progress, &pc, &c->err);
	if (pc.poll == NULL)
		return -1;
	rc = poll_run(pc.poll, &c->err);
	if (pc.tty && !pc.quiet)
		fputs("\r\033[K", stderr);
	nerrors = poll_errors(pc.poll, &errors);
	for (i = 0; i < nerrors; i++) {
		char *line = text_sanitize_dup(errors[i], strlen(errors[i]), 0);

		err_print("%s: %s", progname, line);
		free(line);
	}
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
	return k ? EXIT_SOME_FAILED : 0;
}

static int
output_width(const char *arg)
{
	struct winsize ws;
	long v;

	if (arg) {
		if (parse_count(arg, &v) < 0 || v > 10000)
			return -1;
		return (int)v;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* extract FILE|URL [--base URL] [--width N] */
static int
cmd_extract(struct ctx *c)
{
	const char *src = NULL, *base = NULL, *width_arg = NULL, *charset = NULL;
	struct fetched page;
	struct article a;
	struct buf out;
	int k, width, rc;

	for (k = 0; k < c->argc; k++) {
		if (strcmp(c->argv[k], "--base") == 0 && k + 1 < c->argc)
			base = c->argv[++k];
		else if (strcmp(c->argv[k], "--width") == 0 && k + 1 < c->argc)
			width_arg = c->argv[++k];
		else if (src == NULL && (c->argv[k][0] != '-' || strcmp(c->argv[k], "-") == 0))
			src = c->argv[k];
		else
			return usage_error("extract: unexpected argument '%s'", c->argv[k]);
	}
	if (src == NULL)
		return usage_error("extract: missing FILE or URL");
	if ((width = output_width(width_arg)) < 0)
		return usage_error("extract: bad width '%s'", width_arg);
	memset(&page, 0, sizeof page);
	if (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0) {
		if (fetch_one(src, 0, &page, &c->err) < 0) {
			fetched_release(&page);
			err_print("%s: %s", progname, c->err.msg);
			return EXIT_USAGE;
		}
		if (base == NULL)
			base = page.effective_url ? page.effective_url : src;
		charset = page.charset;
	} else if (read_file(src, EXTRACT_MAX_INPUT, &page.body, &c->err) < 0) {
		err_print("%s: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	rc = extract_article(&a, page.body.data, page.body.len, base, charset, &c->err);
	if (rc < 0) {
		err_prefix(&c->err, "%s", src);
		extract_release(&a);
		fetched_release(&page);
		err_print("%s: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	buf_init(&out, 0);
	(void)extract_format(&a, width, &out);
	(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	buf_release(&out);
	extract_release(&a);
	fetched_release(&page);
	return 0;
}

/* show ITEM [--width N]: the cached article, else the feed's own text */
static int
cmd_show(struct ctx *c)
{
	const char *width_arg = NULL, *id_arg = NULL;
	struct item_full it;
	struct article a;
	struct buf out;
	int k, width, found, use_article;
	long id;

	for (k = 0; k < c->argc; k++) {
		if (strcmp(c->argv[k], "--width") == 0 && k + 1 < c->argc)
			width_arg = c->argv[++k];
		else if (id_arg == NULL)
			id_arg = c->argv[k];
		else
			return usage_error("show: unexpected argument '%s'", c->argv[k]);
	}
	if (id_arg == NULL || parse_count(id_arg, &id) < 0)
		return usage_error("show: expected an item id (the first column of items), not '%s'",
		    id_arg ? id_arg : "");
	if ((width = output_width(width_arg)) < 0)
		return usage_error("show: bad width '%s'", width_arg);
	found = items_get(c->db, id, &it, &c->err);
	if (found < 0)
		return -1;
	if (found == 0) {
		err_print("%s: no item %ld in %s", progname, id, c->files.cache);
		return EXIT_USAGE;
	}
	use_article = it.article_status && strcmp(it.article_status, "ok") == 0 && it.article_html;
	if (!use_article) {
		/* on stderr: stdout keeps its title/byline/date/body shape for scripts */
		const char *why = it.article_status == NULL ? "not downloaded yet"
		    : strcmp(it.article_status, "failed") == 0 ? "the download failed"
		    : strcmp(it.article_status, "short") == 0 ? "the page held no article"
		    : "no text";

		fprintf(stderr, "%s: item %ld: article not cached (%s); showing the feed's %s\n",
		    progname, id, why, it.content_html && *it.content_html ? "content"
		    : "summary");
	}
	memset(&a, 0, sizeof a);
	/* borrowed strings: a is not released */
	a.title = use_article && it.article_title ? it.article_title
	    : it.row.title ? it.row.title : (char *)"";
	a.byline = use_article && it.article_byline ? it.article_byline
	    : it.row.author ? it.row.author : (char *)"";
	a.published = it.row.published ? it.row.published : (time_t)-1;
	a.html = use_article ? it.article_html : it.content_html ? it.content_html
	    : it.summary_html ? it.summary_html : (char *)"";
	buf_init(&out, 0);
	(void)extract_format(&a, width, &out);
	(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	if (width > 0 && it.row.url) {
		/* a link cached before relative links lost the feed's userinfo */
		char *u = url_display(it.row.url);

		fputs("\nLink: ", stdout);
		(void)text_fputs(stdout, u, strlen(u), 0);
		putchar('\n');
		free(u);
	}
	buf_release(&out);
	item_full_release(&it);
	return 0;
}

static int
cmd_remove(struct ctx *c)
{
	if (c->argc != 1)
		return usage_error("remove: expected one URL");
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

static int
cmd_cleanup(struct ctx *c)
{
	int feeds, items, starred, force = 0, rc;
	size_t i, listed = 0;

	for (i = 0; i < (size_t)c->argc; i++) {
		if (strcmp(c->argv[i], "--force") == 0)
			force = 1;
		else
			return usage_error("cleanup: unexpected argument '%s'", c->argv[i]);
	}
	for (i = 0; i < c->feeds->nlines; i++)
		listed += c->feeds->lines[i].kind == FEEDLIST_FEED;
	if (listed == 0) {
		err_print("%s: %s lists no feeds; not deleting every cached feed "
		    "(remove URL deletes one)", progname, c->files.feeds);
		return EXIT_USAGE;
	}
	rc = feeds_delete_unlisted(c->db, force, &feeds, &items, &starred, &c->err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		err_print("%s: %d feed%s no longer in %s hold%s %d starred item%s; "
		    "nothing deleted (put the lines back to keep them, or cleanup --force)",
		    progname, feeds, feeds == 1 ? "" : "s", c->files.feeds,
		    feeds == 1 ? "s" : "", starred, starred == 1 ? "" : "s");
		return EXIT_USAGE;
	}
	if (feeds == 0)
		err_print("%s: every cached feed is in %s; nothing to delete",
		    progname, c->files.feeds);
	else
		err_print("%s: deleted %d feed%s no longer in %s, with %d item%s "
		    "(%d starred)", progname, feeds, feeds == 1 ? "" : "s", c->files.feeds,
		    items, items == 1 ? "" : "s", starred);
	return 0;
}

/* Is url a file: URL (which an OPML file from elsewhere must not add)? */
static int
url_is_file(const char *url)
{
	return strncasecmp(url, "file:", 5) == 0;
}

static int
cmd_import(struct ctx *c)
{
	struct buf b;
	struct opml *o;
	const char *file = NULL;
	size_t i, j, added = 0;
	int allow_file = 0;

	for (i = 0; i < (size_t)c->argc; i++) {
		if (strcmp(c->argv[i], "--allow-file") == 0)
			allow_file = 1;
		else if (file == NULL)
			file = c->argv[i];
		else
			return usage_error("import: expected one OPML file");
	}
	if (file == NULL)
		return usage_error("import: expected one OPML file");
	if (read_file(file, 64u << 20, &b, &c->err) < 0)
		return -1;
	o = opml_parse(b.data, b.len, file, &c->err);
	buf_release(&b);
	if (o == NULL)
		return -1;
	if (feeds_edit_begin(c) < 0) {
		opml_free(o);
		return -1;
	}
	/* one transaction for the sites, not one a feed (20,000 outlines:
	 * 40,000 commits) */
	if (db_begin(c->db, &c->err) < 0) {
		feeds_edit_end(c, 0);
		opml_free(o);
		return -1;
	}
	for (i = 0; i < o->nfeeds; i++) {
		const struct opml_feed *f = &o->feeds[i];
		const char *title = f->title, *why = NULL;
		char **tags, *shown;
		size_t ntags = 0;
		struct err e;
		int rc;

		/* what is printed comes from the file: sanitised */
		shown = url_display(f->url);
		if (!url_chars_ok(f->url))
			why = "control, C1 or bidi characters in the URL";
		else if (!feedlist_url_ok(f->url))
			why = "not an http, https or file URL";
		else if (!feedlist_text_ok(f->url) || strchr(f->url, ' '))
			why = "a URL with blanks or control characters";
		/* a downloaded OPML file must not make tidings read local files */
		else if (url_is_file(f->url) && !allow_file)
			why = "a file URL (import --allow-file takes it)";
		if (why) {
			err_print("%s: %s: skipped '%s': %s", progname, file, shown, why);
			free(shown);
			continue;
		}
		/* a title or tag the feeds file cannot hold is dropped, the
		 * subscription kept */
		if (title && !feedlist_text_ok(title)) {
			err_print("%s: %s: '%s': title dropped (control characters)",
			    progname, file, shown);
			title = NULL;
		}
		tags = xcalloc(f->ntags ? f->ntags : 1, sizeof *tags);
		for (j = 0; j < f->ntags; j++) {
			char *tag;

			if (feedlist_tag_ok(f->tags[j])) {
				tags[ntags++] = f->tags[j];
				continue;
			}
			tag = text_sanitize_dup(f->tags[j], strlen(f->tags[j]), 0);
			err_print("%s: %s: '%s': tag '%s' dropped (it would read as a title "
			    "or the hidden flag, or holds control characters)", progname, file,
			    shown, tag);
			free(tag);
		}
		rc = feedlist_add(c->feeds, f->url, tags, ntags, title, &e);
		free(tags);
		if (rc < 0)
			err_print("%s: %s: skipped '%s': %s", progname, file, shown, e.msg);
		free(shown);
		if (rc < 0)
			continue;
		added += (size_t)rc;
		if (f->site && feeds_set_site(c->db, f->url, f->site, &c->err) < 0) {
			db_rollback(c->db);
			feeds_edit_end(c, 0);
			opml_free(o);
			return -1;
		}
	}
	if (db_commit(c->db, &c->err) < 0) {
		feeds_edit_end(c, 0);
		opml_free(o);
		return -1;
	}
	if (feeds_edit_end(c, 1) < 0 || sync_feeds(c) < 0) {
		opml_free(o);
		return -1;
	}
	err_print("%s: imported %zu new feeds of %zu into %s", progname, added,
	    o->nfeeds, c->files.feeds);
	opml_free(o);
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
	int rc = 0;

	if (c->argc > 0)
		return usage_error("export: unexpected argument '%s'", c->argv[0]);
	for (i = 0; i < c->feeds->nlines; i++) {
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

/*
 * The snippet with its matched words in [brackets], sanitised, from where
 * its first match shows in cols columns (as the reader's context line).
 */
static char *
search_marked_snippet(const struct search_hit *h, size_t cols)
{
	struct buf b;
	size_t pos = 0, i;
	char *out;

	buf_init(&b, 0);
	if (h->snippet != NULL) {
		pos = view_search_snippet_start(h->snippet, strlen(h->snippet), h->spans,
		    h->nspans, cols);
		if (pos > 0)
			(void)buf_addstr(&b, "\xE2\x80\xA6 ");
	}
	for (i = 0; h->snippet && i < h->nspans; i++) {
		if (h->spans[i].start < pos)
			continue;
		(void)buf_add(&b, h->snippet + pos, h->spans[i].start - pos);
		(void)buf_addc(&b, '[');
		(void)buf_add(&b, h->snippet + h->spans[i].start, h->spans[i].end - h->spans[i].start);
		(void)buf_addc(&b, ']');
		pos = h->spans[i].end;
	}
	if (h->snippet)
		(void)buf_addstr(&b, h->snippet + pos);
	out = text_sanitize_dup(b.data, b.len, 0);
	buf_release(&b);
	return out;
}

/* s with the spans in [brackets] (the TSV's snippet column). */
static int
search_put_marked(FILE *out, const char *s, const struct search_span *spans, size_t n)
{
	size_t pos = 0, i, len = strlen(s);

	for (i = 0; i < n; i++) {
		if (spans[i].start < pos || spans[i].end > len)
			continue;
		if (fwrite(s + pos, 1, spans[i].start - pos, out) != spans[i].start - pos ||
		    fputc('[', out) == EOF ||
		    fwrite(s + spans[i].start, 1, spans[i].end - spans[i].start, out) !=
		    spans[i].end - spans[i].start || fputc(']', out) == EOF)
			return -1;
		pos = spans[i].end;
	}
	return fputs(s + pos, out) == EOF ? -1 : 0;
}

/*
 * Search output off a terminal, one line a hit: id, date (ISO 8601 UTC,
 * empty when unknown), feed title, title, snippet with the matched words
 * in [brackets], separated by tabs (the hits' strings are one line
 * already).  -1 on a write error.
 */
static int
search_print_tsv(FILE *out, const struct search_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];
		/* an untitled feed is named by its URL: not its password */
		char date[32] = "", *feed = url_display(h->feed_title);
		int bad;

		if (h->published > 0)
			date_iso(h->published, date, sizeof date);
		bad = fprintf(out, "%" PRId64 "\t%s\t%s\t%s\t", h->id, date, feed,
		    h->title) < 0 ||
		    search_put_marked(out, h->snippet, h->spans, h->nspans) < 0 ||
		    fputc('\n', out) == EOF;
		free(feed);
		if (bad)
			return -1;
	}
	return 0;
}

/* search QUERY... [--limit N] */
static int
cmd_search(struct ctx *c)
{
	struct search_opts so = { 0 };
	struct search_result r;
	struct search_query *q;
	struct buf query;
	size_t i, cols = term_columns();
	char date[32], id[32];
	long v;
	int k;

	buf_init(&query, SEARCH_QUERY_MAX);
	for (k = 0; k < c->argc; k++) {
		if (strcmp(c->argv[k], "--limit") == 0 && k + 1 < c->argc) {
			if (parse_count(c->argv[++k], &v) < 0 || v == 0) {
				buf_release(&query);
				return usage_error("search: bad limit '%s'", c->argv[k]);
			}
			so.limit = (int)v;
		} else if ((query.len && buf_addc(&query, ' ') < 0) ||
		    buf_addstr(&query, c->argv[k]) < 0) {
			buf_release(&query);
			return usage_error("search: query longer than %d bytes", SEARCH_QUERY_MAX);
		}
	}
	if (query.len == 0) {
		buf_release(&query);
		return usage_error("search: missing QUERY");
	}
	q = search_compile(c->db, query.data, time(NULL), 0, &c->err);
	buf_release(&query);
	if (q == NULL) {
		err_print("%s: search: %s", progname, c->err.msg);
		return EXIT_USAGE;
	}
	if (!isatty(STDOUT_FILENO)) {
		k = search_run(c->db, q, &so, &r, &c->err);
		search_query_free(q);
		if (k == 0) {
			k = search_print_tsv(stdout, &r);
			search_result_release(&r);
			if (k < 0 || fflush(stdout) == EOF || ferror(stdout))
				k = err_set(&c->err, "writing the results: %s", strerror(errno));
		}
		if (k < 0)
			err_print("%s: search: %s", progname, c->err.msg);
		return k < 0 ? EXIT_USAGE : 0;
	}
	if (search_run(c->db, q, &so, &r, &c->err) < 0) {
		search_query_free(q);
		return -1;
	}
	for (i = 0; i < r.n; i++) {
		char *snip = search_marked_snippet(&r.hits[i], cols > 10 ? cols - 8 : 2), *feed;

		snprintf(id, sizeof id, "%" PRId64, r.hits[i].id);
		date_iso(r.hits[i].published, date, sizeof date);
		date[10] = '\0';	/* the day is enough on a terminal */
		put_column(id, 6, 0);
		put_column(date, 10, 0);
		feed = url_display(r.hits[i].feed_title);
		put_column(feed, 20, 0);
		free(feed);
		put_column(r.hits[i].title, cols > 44 ? cols - 44 : 10, 1);
		fputs("        ", stdout);
		put_column(snip, cols > 10 ? cols - 8 : 2, 1);
		free(snip);
	}
	if (r.n == 0)
		err_print("%s: nothing matches", progname);
	search_result_release(&r);
	search_query_free(q);
	return 0;
}

/* keys: the key bindings in effect, as a Markdown table (the README's) */
static int
cmd_keys(struct ctx *c)
{
	struct buf out;
	int rc;

	if (c->argc > 0)
		return usage_error("keys: unexpected argument '%s'", c->argv[0]);
	buf_init(&out, 0);
	rc = view_help_markdown(c->cfg.keymap, &out);
	if (rc == 0)	/* key names come from the config file */
		(void)text_fputs(stdout, out.data, out.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	buf_release(&out);
	return rc < 0 ? err_set(&c->err, "key table too large") : 0;
}

/* No command: the interactive reader on a terminal, else the feed list. */
static int
cmd_reader(struct ctx *c)
{
	if (c->argc > 0)
		return usage_error("unexpected argument '%s'", c->argv[0]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cmd_feeds(c);
	if (ui_run(c->db, &c->cfg, c->files.feeds, c->files.config, &c->err) < 0)
		return -1;
	return 0;
}

static const struct command commands[] = {
	/* first: what runs with no command */
	{ "", "", "the interactive reader (the feed list when not on a terminal)",
	    NEED_CONFIG | NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE, cmd_reader },
	{ "feeds", "", "list feeds: id, unread, total, title, url, last status",
	    NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE | NEED_READONLY, cmd_feeds },
	{ "items", "[--feed ID] [--unread] [--starred] [--tag TAG] [--limit N]",
	    "list items, newest first: id, date, feed, title, url",
	    NEED_FEEDS | NEED_CACHE | NEED_READONLY, cmd_items },
	{ "poll", "[--jobs N] [--no-articles] [--quiet] [--force] [--feed ID]",
	    "fetch the feeds and new articles into the cache",
	    NEED_NET | NEED_CONFIG | NEED_FEEDS | NEED_DEFAULTS | NEED_CACHE, cmd_poll },
	{ "search", "QUERY [--limit N]",
	    "full-text search: words, \"phrases\", OR, -word, prefix*, title: author: feed: tag:\n"
	    "      is:unread is:starred since:7d before:2024-07-01; id, date, feed, title, snippet",
	    NEED_FEEDS | NEED_CACHE | NEED_READONLY, cmd_search },
	{ "show", "ITEM [--width N]", "print a cached item as text: title, byline, date, body",
	    NEED_CACHE | NEED_READONLY, cmd_show },
	{ "extract", "FILE|URL [--base URL] [--width N]",
	    "extract the readable article of one page (no cache involved)", NEED_NET, cmd_extract },
	{ "add", "URL [TAG...]", "add a feed, or the feed a web page advertises",
	    NEED_NET | NEED_FEEDS | NEED_CREATE | NEED_CACHE, cmd_add },
	{ "remove", "URL", "remove a feed and its cached items", NEED_FEEDS | NEED_CACHE, cmd_remove },
	{ "cleanup", "[--force]", "delete the cached feeds that are no longer in the feeds file\n"
	    "      (--force: even when they hold starred items)",
	    NEED_FEEDS | NEED_CACHE, cmd_cleanup },
	{ "keys", "", "print the key bindings in effect as a Markdown table", NEED_CONFIG, cmd_keys },
	{ "import", "[--allow-file] FILE.opml", "add the feeds of an OPML file (http and https;\n"
	    "      --allow-file: file URLs too)", NEED_FEEDS | NEED_CREATE | NEED_CACHE, cmd_import },
	{ "export", "", "write the feeds as OPML 2.0 to standard output",
	    NEED_FEEDS | NEED_CACHE, cmd_export },
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
	for (i = 1; i < NCOMMANDS; i++)
		printf("  %s %s\n      %s\n", commands[i].name, commands[i].args, commands[i].help);
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
print_warnings(const struct ctx *c, const struct command *cmd)
{
	static const char *const about_feeds[] = {
		"", "feeds", "poll", "add", "remove", "cleanup", "import",
	};
	int k, quiet = 0, warn_feeds = 0;
	size_t i;

	for (k = 0; k < c->argc; k++)
		if (strcmp(c->argv[k], "--quiet") == 0)
			quiet = 1;
	for (i = 0; i < sizeof about_feeds / sizeof about_feeds[0]; i++)
		if (strcmp(cmd->name, about_feeds[i]) == 0)
			warn_feeds = !quiet;
	if (c->feeds != NULL && warn_feeds)
		for (i = 0; i < c->feeds->nwarnings; i++)
			print_warning(c->feeds->warnings[i]);
	/* poll prints them itself */
	if (c->cfg_loaded && cmd->run != cmd_reader && cmd->run != cmd_poll && !quiet)
		for (i = 0; i < c->cfg.nerrors; i++)
			print_warning(c->cfg.errors[i]);
}

/* Take "--name VALUE" or "--name=VALUE" at argv[*i]; 1 taken, 0 not this option, -1 missing value. */
static int
take_option(char **argv, int argc, int *i, const char *name, char **dest)
{
	size_t len = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, len) != 0)
		return 0;
	if (a[len] == '=') {
		free(*dest);
		*dest = xstrdup(a + len + 1);
		return 1;
	}
	if (a[len] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	free(*dest);
	*dest = xstrdup(argv[++*i]);
	return 1;
}

int
main(int argc, char **argv)
{
	static char *cmd_args[256];
	struct ctx c = { 0 };
	const struct command *cmd = NULL;
	size_t i, started = 0;
	int rc = 0, k, nargs = 0;
	char **globals[] = { &c.files.config, &c.files.feeds, &c.files.cache };
	static const char *const global_names[] = { "--config", "--feeds", "--cache" };

	/*
	 * The user's character type, as the reader sets it, for every command:
	 * libcurl turns an IDN host (bücher.example) into its ASCII form
	 * through libidn2, which reads the URL in the locale's charset, so in
	 * the C locale `poll`, `add` and `extract` failed on hosts the reader
	 * fetched.  Only LC_CTYPE: numbers and dates stay as scripts expect.
	 */
	setlocale(LC_CTYPE, "");
	LIBXML_TEST_VERSION;
	/* global options may stand before or after the command */
	for (k = 1; k < argc; k++) {
		int taken = 0;
		size_t g;

		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
			print_help();
			files_release(&c.files);
			return ferror(stdout) ? EXIT_USAGE : 0;
		}
		if (strcmp(argv[k], "--version") == 0 || strcmp(argv[k], "-V") == 0) {
			printf("%s\n", PACKAGE_STRING);
			files_release(&c.files);
			return 0;
		}
		for (g = 0; g < 3 && !taken; g++) {
			taken = take_option(argv, argc, &k, global_names[g], globals[g]);
			if (taken < 0) {
				files_release(&c.files);
				return usage_error("option %s needs a file name", global_names[g]);
			}
		}
		if (taken && *globals[g - 1][0] == '\0') {
			/* "" would be SQLite's temporary database, or a feeds file
			 * nobody can name again */
			files_release(&c.files);
			return usage_error("option %s needs a file name, not \"\"",
			    global_names[g - 1]);
		}
		if (taken)
			continue;
		if (cmd == NULL) {
			if (argv[k][0] == '-') {
				files_release(&c.files);
				return usage_error("unknown option '%s'", argv[k]);
			}
			for (i = 1; i < NCOMMANDS; i++)
				if (strcmp(argv[k], commands[i].name) == 0)
					cmd = &commands[i];
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
		cmd = &commands[0];	/* the reader */
	c.argc = nargs;
	c.need = cmd->need;
	c.feeds_named = c.files.feeds != NULL;
	c.argv = cmd_args;

	if (files_resolve(&c.files, &c.err) < 0) {
		err_print("%s: %s", progname, c.err.msg);
		files_release(&c.files);
		return EXIT_USAGE;
	}
	for (i = 0; i < NSTAGES; i++) {
		if (!(cmd->need & stages[i].need))
			continue;
		if (stages[i].start(&c) < 0) {
			err_print("%s: %s", progname, c.err.msg);
			rc = EXIT_USAGE;
			break;
		}
		started = i + 1;
	}
	if (rc == 0) {
		print_warnings(&c, cmd);
		rc = cmd->run(&c);
		if (rc < 0) {
			err_print("%s: %s", progname, c.err.msg);
			rc = EXIT_USAGE;
		}
	}
	while (started > 0) {
		started--;
		if (stages[started].stop && (cmd->need & stages[started].need))
			stages[started].stop(&c);
	}
	files_release(&c.files);
	xmlCleanupParser();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_print("%s: error writing output: %s", progname, strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
