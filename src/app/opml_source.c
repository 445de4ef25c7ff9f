#include "app/opml_source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app/files.h"
#include "feed/feedlist.h"
#include "feed/opml.h"
#include "net/fetch.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define OPML_SOURCE_MAX_FEEDS 20000

struct opml_source_doc {
	char *url;
	struct fetch_result r;		/* body and status, taken from fetch */
	int done;
};

static void
opml_source_done(struct fetch *f, struct fetch_result *r, void *arg)
{
	struct opml_source_doc *d = r->user;

	(void)f;
	(void)arg;
	d->done = 1;
	d->r.status = r->status;
	d->r.body = r->body;
	buf_init(&r->body, r->body.max);
	d->r.err = r->err;
}

/* Fetch every URL at once; docs[i] gets each result. */
static int
opml_source_fetch(const struct settings *cfg, struct opml_source_doc *docs, size_t n,
    struct err *e)
{
	struct fetch_opts fo;
	struct fetch *f;
	size_t i;
	int rc;

	fetch_opts_init(&fo);
	if (cfg->max_download_size > 0)
		fo.max_size = (size_t)cfg->max_download_size;
	if (cfg->download_timeout > 0)
		fo.timeout_ms = cfg->download_timeout * 1000L;
	f = fetch_new(&fo, opml_source_done, NULL);
	for (i = 0; i < n; i++) {
		/* the user's own config: a file: OPML is theirs to name */
		struct fetch_request req = { .url = docs[i].url, .user = &docs[i],
		    .flags = FETCH_ALLOW_FILE };

		buf_init(&docs[i].r.body, 0);
		fetch_add(f, &req);
	}
	rc = fetch_run(f, e);
	fetch_free(f);
	return rc;
}

/* o's feeds into fl, as `import` takes them: http(s) only, what the file
 * cannot hold dropped. */
static void
opml_source_add(struct feedlist *fl, const struct opml *o)
{
	size_t i, j, ntags;
	char **tags;

	for (i = 0; i < o->nfeeds && fl->nlines < OPML_SOURCE_MAX_FEEDS; i++) {
		const struct opml_feed *f = &o->feeds[i];
		const char *title = f->title && feedlist_text_ok(f->title) ? f->title : NULL;

		if (strncasecmp(f->url, "file:", 5) == 0)
			continue;
		tags = xcalloc(f->ntags ? f->ntags : 1, sizeof *tags);
		for (ntags = 0, j = 0; j < f->ntags; j++)
			if (feedlist_tag_ok(f->tags[j]))
				tags[ntags++] = f->tags[j];
		(void)feedlist_add(fl, f->url, tags, ntags, title, NULL);
		free(tags);
	}
}

/* May the file at path be replaced: missing, empty, ours, or the sample? */
static int
opml_source_replaceable(const char *path, struct err *e)
{
	struct feedlist *fl;
	char *text, *sample;
	int missing, ok;

	if ((fl = feedlist_load(path, &missing, e)) == NULL)
		return -1;
	text = feedlist_format(fl);
	sample = files_default_feeds();
	ok = missing || text[0] == '\0' || strcmp(text, sample) == 0 ||
	    (fl->nlines > 0 && fl->lines[0].text != NULL &&
	    strcmp(fl->lines[0].text, OPML_SOURCE_MARK) == 0);
	free(sample);
	free(text);
	feedlist_free(fl);
	if (!ok)
		err_set(e, "%s: a feeds file of your own; urls-source \"opml\" does not replace "
		    "it (move it away, or name another with --feeds)", path);
	return ok ? 1 : -1;
}

int
opml_source_refresh(const struct settings *cfg, const char *feeds_path, struct err *e)
{
	const struct settings_line *lines;
	struct opml_source_doc *docs;
	struct feedlist *fl = NULL;
	size_t nlines, n = 0, i;
	int k, lock = -1, rc = -1;

	if (strcmp(settings_str(cfg, SETTINGS_V_URLS_SOURCE), "opml") != 0)
		return 0;
	lines = settings_lines(cfg, SETTINGS_L_OPML_URL, &nlines);
	for (i = 0; i < nlines; i++)
		n += (size_t)(lines[i].argc > 1 ? lines[i].argc - 1 : 0);
	if (n == 0)
		return err_set(e, "urls-source \"opml\" needs the OPML documents: "
		    "opml-url URL [URL...]");
	docs = xcalloc(n, sizeof *docs);
	for (n = 0, i = 0; i < nlines; i++)
		for (k = 1; k < lines[i].argc; k++)
			docs[n++].url = lines[i].argv[k];
	if (opml_source_fetch(cfg, docs, n, e) < 0)
		goto out;
	fl = feedlist_parse(OPML_SOURCE_MARK "\n", strlen(OPML_SOURCE_MARK) + 1, feeds_path);
	for (i = 0; i < n; i++) {
		struct opml *o;

		/* one document that cannot be had keeps the list as it was */
		if (!docs[i].done || docs[i].r.status != FETCH_OK) {
			if (docs[i].done)
				*e = docs[i].r.err;
			else
				err_set(e, "%s: not fetched", docs[i].url);
			goto out;
		}
		o = opml_parse(docs[i].r.body.data, docs[i].r.body.len, docs[i].url, e);
		if (o == NULL)
			goto out;
		opml_source_add(fl, o);
		opml_free(o);
	}
	if (files_make_parent(feeds_path, e) < 0 ||
	    (lock = feedlist_lock(feeds_path, e)) < 0)
		goto out;
	if (opml_source_replaceable(feeds_path, e) < 0 || feedlist_save(fl, feeds_path, e) < 0)
		goto out;
	rc = 1;
out:
	feedlist_unlock(lock);
	feedlist_free(fl);
	for (i = 0; i < n; i++)
		buf_release(&docs[i].r.body);
	free(docs);
	return rc;
}
