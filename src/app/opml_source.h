/*
 * opml_source: newsboat's `urls-source "opml"` with `opml-url URL...`
 * (issue 13 item 8): the subscriptions are the feeds of OPML documents
 * fetched at every reload, not a urls file of the user's.
 *
 * tidings keeps them in its feeds file, which then mirrors the OPML: the
 * file is written whole at every reload, its first line (OPML_SOURCE_MARK)
 * saying so, so every command reads the same list without the network.
 * A feeds file of the user's own (one without that line, other than the
 * sample one tidings writes on a first start, or an empty one) is never
 * replaced: the refresh fails and says so.  A reload whose OPML cannot be
 * fetched or read keeps the list it had.  From a document fetched over
 * the network only http and https feeds are taken (as `import` does), and
 * what the file cannot hold is dropped, never written.
 */
#ifndef TIDINGS_OPML_SOURCE_H
#define TIDINGS_OPML_SOURCE_H

#include "app/settings.h"
#include "util/err.h"

#define OPML_SOURCE_MARK \
	"# tidings: the feeds of opml-url (urls-source \"opml\"), rewritten at every reload"

/*
 * When cfg says urls-source "opml": fetch every opml-url (blocking, each
 * bounded by download-timeout and max-download-size) and write their feeds
 * to feeds_path under its lock.  1 when written, 0 when cfg takes its
 * feeds from the urls file, -1 with *e ("https://x/list.opml: HTTP 404",
 * "FILE: ... not replaced").
 */
int opml_source_refresh(const struct settings *cfg, const char *feeds_path, struct err *e);

#endif
