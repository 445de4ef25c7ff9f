/*
 * podcast (app): enclosures as a person reads them ("audio/mpeg, 12.3 MiB,
 * 1:02:03"), for `tidings show` and the article view, one text for both.
 * No curses; the strings are unsanitised (feed text): callers print them
 * through util/text.
 */
#ifndef TIDINGS_APP_PODCAST_H
#define TIDINGS_APP_PODCAST_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/enclosures.h"
#include "util/buf.h"
#include "util/err.h"

/* "URL (type, size, duration)", the parts that are known; appended to out. */
void podcast_describe(const struct enclosure_row *r, struct buf *out);
/* seconds as "H:MM:SS" or "M:SS" into out (size >= 16). */
void podcast_duration(long seconds, char *out, size_t size);
/* bytes as "512 B", "12.3 KiB", "45.0 MiB", "1.2 GiB" into out (size >= 16). */
void podcast_size(long long bytes, char *out, size_t size);

/*
 * The item's enclosures described, one new string each (*lines freed with
 * podcast_free_lines); 0, or -1 with *e.
 */
int podcast_item_lines(struct db *db, int64_t item_id, char ***lines, size_t *n,
    struct err *e);
void podcast_free_lines(char **lines, size_t n);

#endif
