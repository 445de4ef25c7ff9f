/*
 * fuzz_opml: libFuzzer harness for OPML import and export.
 *
 * Property: whatever imports can be exported, and the export imports
 * again with the same number of feeds and the same URLs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed/opml.h"
#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml *o, *back;
	struct buf out;
	struct err e;
	size_t i, j;

	o = opml_parse((const char *)data, size, "fuzz.opml", &e);
	if (o == NULL)
		return 0;
	buf_init(&out, BUF_NOLIMIT);
	if (opml_write(o, "fuzz", &out, &e) != 0)
		abort();
	back = opml_parse(out.data, out.len, "export.opml", &e);
	if (back == NULL || back->nfeeds != o->nfeeds)
		abort();
	/* the export groups feeds by first tag: compare as sets of URLs */
	for (i = 0; i < o->nfeeds; i++) {
		for (j = 0; j < back->nfeeds; j++)
			if (strcmp(o->feeds[i].url, back->feeds[j].url) == 0)
				break;
		if (j == back->nfeeds)
			abort();
	}
	opml_free(back);
	buf_release(&out);
	opml_free(o);
	return 0;
}
