/*
 * cmd_import: tidings import FILE.opml, another reader's subscriptions.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"
#include "feed/feedlist.h"
#include "feed/opml.h"
#include "store/db.h"
#include "store/feeds.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/* Is url a file: URL (which an OPML file from elsewhere must not add)? */
static int
url_is_file(const char *url)
{
	return strncasecmp(url, "file:", 5) == 0;
}

static const struct cmd_opt opts[] = {
	{ "--allow-file", NULL, NULL },
	{ NULL, NULL, NULL },
};
enum { OPT_ALLOW_FILE };

static int
cmd_import(struct ctx *c)
{
	struct buf b;
	struct opml *o;
	const char *file = NULL, *val;
	size_t i, j, added = 0;
	int allow_file = 0, k, opt;

	k = 0;
	while ((opt = cmd_opt_next(c, "import", opts, &k, &val)) != CMD_OPT_END) {
		if (opt == OPT_ALLOW_FILE)
			allow_file = 1;
		else if (opt == CMD_OPT_ARG && file == NULL)
			file = val;
		else if (opt == CMD_OPT_ARG)
			return usage_error("import: expected one OPML file");
		else
			return EXIT_USAGE;
	}
	if (file == NULL)
		return usage_error("import: expected one OPML file");
	if ((k = feeds_local_only(c, "import")) != 0)
		return k;
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

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.args = "[--allow-file] FILE.opml",
	.help = "add the feeds of an OPML file (http and https;\n"
	    "--allow-file: file URLs too)",
	.need = NEED_CONFIG | NEED_FEEDS | NEED_CREATE | NEED_CACHE,
	.flags = CMD_FEEDS_WARNINGS | CMD_OWN_CONFIG_WARNINGS,	/* urls-source only */
	.run = cmd_import,
};
