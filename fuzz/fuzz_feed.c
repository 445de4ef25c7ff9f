/*
 * fuzz_feed: libFuzzer harness for feed_parse (RSS, RDF, Atom, JSON Feed).
 *
 * The last input byte also picks the options (a feed URL or none, a
 * declared charset or none, a small item cap), so seed files stay valid
 * documents.  Every
 * string of the result is walked so a dangling or unterminated field shows
 * up under ASan.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
walk(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *charsets[] = { NULL, "utf-8", "iso-8859-1", "windows-1251",
	    "utf-16", "shift_jis", "bogus-charset", "" };
	struct feed_parse_opts o = { 0 };
	struct err e;
	struct feed *f;
	size_t i, j, n = 0;
	uint8_t sel = 0;

	if (size > 0)
		sel = data[size - 1] ^ (uint8_t)'\n';	/* a final newline: the defaults */
	o.url = (sel & 1) ? "https://example.org/blog/feed.xml" : NULL;
	o.charset = charsets[(sel >> 1) & 7];
	o.max_items = (sel & 0x10) ? 3 : 0;
	f = feed_parse((const char *)data, size, &o, &e);
	if (f == NULL) {
		/* the message must be a terminated string */
		n += walk(e.msg);
		return 0;
	}
	n += walk(f->title) + walk(f->link) + walk(f->description) + walk(f->author);
	for (i = 0; i < f->nitems; i++) {
		const struct item *it = &f->items[i];

		if (it->guid == NULL)
			abort();	/* feed.h: never NULL */
		n += walk(it->guid) + walk(it->title) + walk(it->link) + walk(it->author);
		n += walk(it->summary) + walk(it->content) + walk(it->image);
		for (j = 0; j < it->ncategories; j++)
			n += walk(it->categories[j]);
		for (j = 0; j < it->nenclosures; j++)
			n += walk(it->enclosures[j].url) + walk(it->enclosures[j].type);
	}
	if (o.max_items != 0 && f->nitems > o.max_items)
		abort();
	feed_free(f);
	return n == (size_t)-1;
}
