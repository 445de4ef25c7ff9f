/*
 * fuzz_extract: libFuzzer harness for extract_article and extract_format.
 *
 * The last byte also picks the base URL, the charset and the width, so
 * seed pages stay valid pages.
 * Property: the formatted text (as `tidings extract`/`show` print it)
 * holds no C0 control but LF, no DEL and no C1 control (raw or UTF-8
 * encoded), so nothing in a page can drive the terminal.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article/extract.h"
#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
		/* U+0080..U+009F encoded as C2 80..C2 9F */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *urls[] = { NULL, "https://example.org/news/2024/story.html" };
	static const char *charsets[] = { NULL, "utf-8", "windows-1252", "koi8-r" };
	struct article a;
	struct buf out;
	struct err e;
	uint8_t sel = 0;

	if (size > 0)
		sel = data[size - 1] ^ (uint8_t)'\n';	/* a final newline: the defaults */
	memset(&a, 0, sizeof a);
	if (extract_article(&a, (const char *)data, size, urls[sel & 1],
	    charsets[(sel >> 1) & 3], &e) >= 0) {
		buf_init(&out, 64u * 1024 * 1024);
		if (extract_format(&a, (sel & 0x8) ? 0 : 1 + (sel >> 4) * 8, &out) == 0)
			check_clean(out.data, out.len);
		check_clean(a.title, strlen(a.title));
		check_clean(a.byline, strlen(a.byline));
		buf_release(&out);
	}
	extract_release(&a);
	return 0;
}
