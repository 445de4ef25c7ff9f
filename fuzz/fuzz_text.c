/*
 * fuzz_text: libFuzzer harness for util/text, the module every string
 * passes through on its way to the terminal.
 *
 * Properties: text_sanitize output is valid UTF-8 with no C0 control (but
 * LF/TAB when kept), no DEL, no C1 control and no bidi override;
 * text_truncate never exceeds its columns; text_wrap_next always makes
 * progress and its lines fit; text_term for a LANG=C terminal gives
 * printable ASCII of the same width; url_display leaves no userinfo.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_sanitized(const char *s, size_t len, int flags)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			abort();	/* invalid UTF-8 left in the output */
		if (text_is_removed(cp, flags))
			abort();
		if (cp == 0x1b || (cp >= 0x80 && cp <= 0x9f))
			abort();
		i += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s;
	struct buf out, line;
	size_t cols, w, len, pos, next, guard;
	int flags;

	if (size < 1)
		return 0;
	flags = data[0] & 3;
	cols = (data[0] >> 2) + 1;
	s = (const char *)data + 1;
	len = size - 1;

	buf_init(&out, BUF_NOLIMIT);
	(void)text_sanitize(&out, s, len, flags);
	check_sanitized(out.data, out.len, flags);

	buf_init(&line, BUF_NOLIMIT);
	(void)text_truncate(&line, out.data, out.len, cols, &w);
	if (w > cols || text_width(line.data, line.len) > cols)
		abort();
	buf_reset(&line);
	(void)text_pad(&line, out.data, out.len, cols);
	if (text_width(line.data, line.len) != cols)
		abort();

	/* wrap the sanitised text without its newlines, as render does */
	buf_reset(&line);
	(void)text_sanitize(&line, s, len, 0);
	pos = 0;
	guard = 0;
	while (pos < line.len) {
		size_t n = text_wrap_next(line.data + pos, line.len - pos, cols, &next);

		if (next == 0 || next > line.len - pos || n > next)
			abort();
		/* a single character wider than cols may overflow by itself */
		if (text_width(line.data + pos, n) > cols && text_fit(line.data + pos, n, cols, NULL) != 0)
			abort();
		pos += next;
		if (++guard > line.len + 1)
			abort();
	}
	/*
	 * A terminal that is not UTF-8 (LANG=C) gets printable ASCII only, and
	 * with TEXT_SAME_WIDTH exactly the columns of the UTF-8 text.
	 */
	text_term_select("C");
	buf_reset(&line);
	(void)text_term(&line, s, len, TEXT_SAME_WIDTH);
	for (pos = 0; pos < line.len; pos++)
		if ((unsigned char)line.data[pos] < 0x20 || (unsigned char)line.data[pos] >= 0x7F)
			abort();
	if (line.len != text_width(out.data, out.len) && !(flags & 3))
		abort();
	text_term_select("");
	/* no URL shown keeps its userinfo's '@' in the authority */
	{
		char *shown = url_display(out.data), *p = strstr(shown, "://");

		if (p != NULL && strcspn(p + 3, "/?#\\ \t\r\n\"'<>") > strcspn(p + 3, "@"))
			abort();
		(void)url_chars_ok(out.data);
		free(shown);
	}
	buf_release(&line);
	buf_release(&out);
	return 0;
}
