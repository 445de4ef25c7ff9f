#include "app/mirror.h"

#include <stdlib.h>

#include "store/feeds.h"
#include "util/xalloc.h"

int
mirror_feedlist(struct db *db, const struct feedlist *fl, int missing, struct err *e)
{
	const char **urls;
	enum feeds_shown *shown;
	size_t i, n = 0;
	int same, began = 0;

	urls = xcalloc(fl->nlines ? fl->nlines : 1, sizeof *urls);
	shown = xcalloc(fl->nlines ? fl->nlines : 1, sizeof *shown);
	for (i = 0; i < fl->nlines; i++) {
		const struct feedlist_line *l = &fl->lines[i];

		/* a heading is a row too, so the feed list shows it in place */
		if (l->kind != FEEDLIST_FEED && l->kind != FEEDLIST_HEADING)
			continue;
		shown[n] = l->kind == FEEDLIST_HEADING ? FEEDS_HEADING :
		    l->hidden ? FEEDS_HIDDEN : FEEDS_SHOWN;
		urls[n++] = l->url;
		same = feeds_matches(db, l->url, l->title, l->tags, l->ntags, e);
		if (same < 0)
			goto fail;
		if (same)
			continue;
		if (!began && db_begin(db, e) < 0)
			goto fail;
		began = 1;
		if (feeds_set_tags(db, l->url, l->tags, l->ntags, e) < 0 ||
		    feeds_set_custom_title(db, l->url, l->title, e) < 0)
			goto fail;
	}
	/* which feeds are listed, in what order (reads first, too); a missing
	 * feeds file hides nothing */
	if (!missing && feeds_sync_shown(db, urls, shown, n, e) < 0)
		goto fail;
	free(urls);
	free(shown);
	return began ? db_commit(db, e) : 0;
fail:
	free(urls);
	free(shown);
	if (began)
		db_rollback(db);
	return -1;
}
