/*
 * fuzz_render: libFuzzer harness for render_html, and for
 * markup_index_text (the index's text of the same HTML).
 *
 * The last byte also gives the width (0..63) and the flags, so seed pages
 * stay valid HTML.  Properties: no line holds a control character (no
 * ESC, no C1), every line's len matches its text, every link is http,
 * https or mailto; the index text is valid UTF-8 with no control
 * character but LF, within its cap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article/render.h"
#include "markup/markup.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render r;
	struct buf out;
	struct err e;
	int width = 72, flags = RENDER_NUMBER_LINKS | RENDER_IMAGES;
	size_t i, j;

	if (size > 0) {
		width = (data[size - 1] ^ (uint8_t)'\n') & 63;
		flags = ((data[size - 1] >> 6) & 3) ^ 3;
	}
	render_init(&r);
	if (render_html(&r, (const char *)data, size, width, flags, &e) == 0) {
		for (i = 0; i < r.nlines; i++) {
			const struct render_line *l = &r.lines[i];

			if (strlen(l->text) != l->len)
				abort();
			for (j = 0; j < l->len; j++) {
				unsigned char c = (unsigned char)l->text[j];

				if (c < 0x20 || c == 0x7f)
					abort();
				if (c == 0xc2 && j + 1 < l->len &&
				    (unsigned char)l->text[j + 1] >= 0x80 &&
				    (unsigned char)l->text[j + 1] <= 0x9f)
					abort();
			}
		}
		for (i = 0; i < r.nlinks; i++) {
			const char *u = r.links[i];

			if (strncasecmp(u, "http://", 7) != 0 &&
			    strncasecmp(u, "https://", 8) != 0 &&
			    strncasecmp(u, "mailto:", 7) != 0)
				abort();
		}
		buf_init(&out, BUF_NOLIMIT);
		(void)render_to_buf(&r, &out);
		buf_release(&out);
	}
	render_release(&r);

	{
		size_t cap = size > 0 ? (size_t)data[0] * 64 : 0;
		char *t = markup_index_text((const char *)data, size, cap);
		size_t n = strlen(t);

		if ((cap != 0 && n > cap) || !text_utf8_valid(t, n))
			abort();
		for (j = 0; j < n; j++) {
			unsigned char c = (unsigned char)t[j];

			if ((c < 0x20 && c != '\n') || c == 0x7f)
				abort();
			if (c == 0xc2 && j + 1 < n && (unsigned char)t[j + 1] >= 0x80 &&
			    (unsigned char)t[j + 1] <= 0x9f)
				abort();
		}
		free(t);
	}
	return 0;
}
