/*
 * mirror: the feeds file's list mirrored into the cache: its URLs (and
 * headings) listed in its order, hidden ones marked, every feed's tags and
 * "~Title" (store/feeds does the writing).  Used at every start (cmd/) and
 * after urls-source "opml" rewrote the file in a reload (app/reload).
 */
#ifndef TIDINGS_MIRROR_H
#define TIDINGS_MIRROR_H

#include "feed/feedlist.h"
#include "store/db.h"
#include "util/err.h"

/*
 * Reads first: when the cache already says what fl says, nothing is
 * written and no write lock is taken.  missing: the feeds file does not
 * exist, which hides nothing (no feed is unlisted).  0, or -1 with *e.
 */
int mirror_feedlist(struct db *db, const struct feedlist *fl, int missing, struct err *e);

#endif
