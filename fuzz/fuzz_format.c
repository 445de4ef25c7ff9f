/*
 * fuzz_format: libFuzzer harness for app/format (newsboat's format
 * strings) and app/highlight (the user's regexes over hostile lines).
 *
 * Input: one byte of width, then the format, a NUL, and the text every
 * letter stands for (also the highlight pattern, up to its first '\n',
 * and the line it is matched against).
 * Properties: the output is valid UTF-8 with no control character and,
 * with a width, no wider than it; the mark lies inside the output; the
 * painted ranges are in order, disjoint and inside the matched line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/format.h"
#include "app/highlight.h"
#include "app/settings.h"
#include "util/buf.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			abort();
		if (text_is_removed(cp, 0))
			abort();
		i += n;
	}
}

static void
fuzz_highlight(const char *pattern, size_t plen, const char *line, size_t len)
{
	struct settings cfg;
	struct highlight h;
	struct highlight_span sp[16];
	struct buf text;
	char **msgs = NULL;
	size_t nmsgs = 0, n, i;

	/* "highlight all "PATTERN" red" with the config's escapes */
	buf_init(&text, 0);
	buf_addstr(&text, "highlight all \"");
	for (i = 0; i < plen && pattern[i] != '\n' && pattern[i] != '\r'; i++) {
		if (pattern[i] == '"' || pattern[i] == '\\')
			buf_addc(&text, '\\');
		buf_addc(&text, pattern[i]);
	}
	buf_addstr(&text, "\" red default bold\n");
	settings_init(&cfg);
	settings_load_string(&cfg, text.data, text.len);
	highlight_init(&h);
	highlight_load(&h, &cfg, &msgs, &nmsgs);
	n = highlight_line(&h, HIGHLIGHT_ARTICLE, line, len, sp, 16);
	for (i = 0; i < n; i++) {
		if (sp[i].start >= sp[i].end || sp[i].end > len || sp[i].end > HIGHLIGHT_MAX_LINE)
			abort();
		if (i > 0 && sp[i].start < sp[i - 1].end)
			abort();
		if (sp[i].rule >= h.n)
			abort();
	}
	for (i = 0; i < nmsgs; i++)
		free(msgs[i]);
	free(msgs);
	highlight_release(&h);
	settings_release(&cfg);
	buf_release(&text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct format_vars vars;
	struct buf out;
	const char *fmt, *nul, *value;
	char *f, *v;
	size_t width, flen, vlen;
	int c;

	if (size < 1 || size > 16384)
		return 0;
	width = data[0] % 128;
	fmt = (const char *)data + 1;
	nul = memchr(fmt, '\0', size - 1);
	flen = nul ? (size_t)(nul - fmt) : size - 1;
	value = nul ? nul + 1 : "";
	vlen = nul ? size - 1 - flen - 1 : 0;
	f = strndup(fmt, flen);
	v = strndup(value, vlen);
	if (f == NULL || v == NULL)
		abort();
	format_vars_init(&vars);
	for (c = 'A'; c <= 'z'; c++)
		format_set(&vars, (char)c, c % 3 == 0 ? "" : v);
	vars.mark = 't';
	buf_init(&out, 0);
	if (format_expand(&out, f, &vars, width) == 0) {
		check_clean(out.data, out.len);
		if (width > 0 && text_width(out.data, out.len) > width)
			abort();
		if (vars.mark_end < vars.mark_start || vars.mark_end > out.len)
			abort();
	}
	buf_release(&out);
	fuzz_highlight(v, strlen(v), f, strlen(f));
	free(f);
	free(v);
	return 0;
}
