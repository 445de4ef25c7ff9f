/*
 * markup_index_text: the words of an HTML fragment for the full-text
 * index, in one pass over the bytes.
 *
 * Written by hand, not with libxml2's HTML parser, because of what the
 * parser costs here: a poll renders every item's HTML only to index its
 * words, and building that tree (a node and a string a tag and a text run)
 * was a fifth of a first poll's instructions (bench/README, lever 22).
 * The index needs no tree: only the text, whether two runs of it are one
 * word or two, and where blocks end (for the search view's snippets).  The
 * reader still renders with libxml2 (article/render); what this gets
 * wrong costs at most a word in the index, never what is shown.
 *
 * What it does, as a browser would for text: tags go (quoted attribute
 * values holding '>' included); script, style, template and textarea
 * content goes with them; comments and <!...>/<?...> go; CDATA sections
 * are text; references are decoded (markup/charref's policy); a block
 * element's start or end is a paragraph break, <br> a line break, a table
 * cell a space, an inline element nothing ("<b>wo</b>rd" is one word).
 * Runs of whitespace are one space.  The result is then sanitised
 * (util/text: controls and escape sequences out, invalid UTF-8 as U+FFFD),
 * keeping the line breaks.
 */
#include "config.h"

#include "markup/markup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markup/charref.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * Elements whose content the reader does not show (article/render's
 * skip_tags, so that what is found is what is shown): raw-text ones, read
 * up to their end tag, and the others, whose nested elements of the same
 * name are counted.  Void elements in render's list have no content.
 */
static const char *const raw_skip[] = {
	"iframe", "noembed", "noframes", "noscript", "script", "style", "template",
	"textarea", "title", "xmp",
};
static const char *const nest_skip[] = {
	"applet", "audio", "button", "canvas", "dialog", "form", "frameset",
	"head", "map", "nav", "object", "select", "svg", "video",
};

/* Elements that start and end a block: a paragraph break either side. */
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "caption", "center", "dd",
	"details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
	"hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
	"summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
};

enum brk { BRK_NONE, BRK_SPACE, BRK_LINE, BRK_PARA };

struct ix {
	struct buf *out;
	enum brk pending;	/* the strongest break since the last text */
};

static int
name_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Is name in set (n names in strcmp order)? */
static int
name_in(const char *name, const char *const *set, size_t n)
{
	return bsearch(name, set, n, sizeof *set, name_cmp) != NULL;
}

/* Text is about to follow: write the break it waits on (none at the start). */
static int
ix_flush(struct ix *x)
{
	enum brk b = x->pending;

	x->pending = BRK_NONE;
	if (x->out->len == 0 || b == BRK_NONE)
		return 0;
	if (b == BRK_SPACE)
		return buf_addc(x->out, ' ');
	return buf_add(x->out, "\n\n", b == BRK_LINE ? 1 : 2);
}

static void
ix_break(struct ix *x, enum brk b)
{
	if (b > x->pending)
		x->pending = b;
}

/* Append text s[0..len), whitespace runs collapsed. */
static int
ix_text(struct ix *x, const char *s, size_t len)
{
	size_t i = 0, run;

	while (i < len) {
		if (text_ishtmlspace((unsigned char)s[i])) {
			ix_break(x, BRK_SPACE);
			i++;
			continue;
		}
		if (s[i] == '\0') {
			i++;	/* nothing (HTML5 ignores them) */
			continue;
		}
		run = i;
		while (run < len && !text_ishtmlspace((unsigned char)s[run]) &&
		    s[run] != '&' && s[run] != '\0')
			run++;
		if (run == i) {
			/* a reference */
			uint32_t cp;
			size_t took = charref_parse(s + i, len - i, &cp);
			char u[4];

			if (took == 0) {
				took = 1;
				cp = '&';
			}
			i += took;
			if (cp == CHARREF_NONE)
				continue;
			if (cp < 0x80 && text_ishtmlspace((int)cp)) {
				ix_break(x, BRK_SPACE);
				continue;
			}
			if (ix_flush(x) < 0 || buf_add(x->out, u, text_encode(cp, u)) < 0)
				return -1;
			continue;
		}
		if (ix_flush(x) < 0 || buf_add(x->out, s + i, run - i) < 0)
			return -1;
		i = run;
	}
	return 0;
}

/* Case-insensitive search for needle (lower case) in s[0..len). */
static const char *
find_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* The end of the tag starting at s[0] == '<' (past its '>'), quotes kept
 * whole; len when it never ends. */
static size_t
tag_end(const char *s, size_t len)
{
	size_t i;
	char q = 0;

	for (i = 1; i < len; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			/* a quote opens a value only after '=' (and blanks) */
			size_t j = i;

			while (j > 1 && text_ishtmlspace((unsigned char)s[j - 1]))
				j--;
			if (s[j - 1] == '=')
				q = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return len;
}

char *
markup_index_text(const char *s, size_t len, size_t max)
{
	struct buf raw, clean;
	struct ix x;
	size_t i = 0, n, k;
	char name[16], skip[16] = "";
	int closing, depth = 0;

	/* one allocation each (the text is never longer than the markup but
	 * for a few bytes of references), and the result trimmed to its
	 * length: a poll holds thousands of these while it fills a batch,
	 * and buffers doubling as they go left the heap fragmented (a first
	 * poll's peak 48 -> 58 MB) */
	buf_init(&raw, max != 0 ? max : BUF_NOLIMIT);
	buf_reserve(&raw, len + 16);
	x.out = &raw;
	x.pending = BRK_NONE;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t stop = lt ? (size_t)(lt - s) : len;

		if (stop > i && depth == 0 && ix_text(&x, s + i, stop - i) < 0)
			break;
		i = stop;
		if (i >= len)
			break;
		/* s[i] == '<' */
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			const char *e = find_ci(s + i + 4, len - i - 4, "-->");

			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		if (len - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			const char *e = find_ci(s + i + 9, len - i - 9, "]]>");
			size_t end = e ? (size_t)(e - s) : len;

			if (depth == 0 && ix_text(&x, s + i + 9, end - i - 9) < 0)
				break;
			i = e ? end + 3 : len;
			continue;
		}
		k = i + 1;
		if (k < len && s[k] == '/')
			k++;
		if (k < len && (s[k] == '!' || s[k] == '?') && k == i + 1) {
			i += tag_end(s + i, len - i);
			continue;
		}
		if (k >= len || !text_isalpha((unsigned char)s[k])) {
			/* not a tag: a '<' in the text */
			if (depth == 0 && ix_text(&x, "<", 1) < 0)
				break;
			i++;
			continue;
		}
		for (n = 0; k < len && text_isalnum((unsigned char)s[k]); k++)
			if (n < sizeof name - 1)
				name[n++] = (char)text_tolower((unsigned char)s[k]);
		name[n] = '\0';
		closing = s[stop + 1] == '/';
		i += tag_end(s + i, len - i);
		if (depth > 0) {
			/* inside a skipped element: only its own name counts */
			if (strcmp(name, skip) == 0 && (closing ? --depth : ++depth) == 0)
				ix_break(&x, BRK_SPACE);
		} else if (!closing && s[i - 1] == '>' && s[i - 2] != '/' &&
		    name_in(name, nest_skip, sizeof nest_skip / sizeof nest_skip[0])) {
			memcpy(skip, name, n + 1);
			depth = 1;
		} else if (strcmp(name, "br") == 0) {
			ix_break(&x, BRK_LINE);
		} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
			ix_break(&x, BRK_SPACE);
		} else if (name_in(name, blocks, sizeof blocks / sizeof blocks[0])) {
			ix_break(&x, BRK_PARA);
		} else if (!closing &&
		    name_in(name, raw_skip, sizeof raw_skip / sizeof raw_skip[0])) {
			/* up to its end tag: "</name" then not a name character */
			char close[20] = "</";
			const char *e;
			size_t from = i;

			memcpy(close + 2, name, n + 1);
			for (;;) {
				e = find_ci(s + from, len - from, close);
				if (e == NULL || (size_t)(e - s) + n + 2 >= len ||
				    !text_isalnum((unsigned char)e[n + 2]))
					break;
				from = (size_t)(e - s) + 1;
			}
			i = e ? (size_t)(e - s) : len;
			if (e != NULL)
				i += tag_end(s + i, len - i);
			ix_break(&x, BRK_SPACE);
		}
	}
	buf_init(&clean, raw.max);
	buf_reserve(&clean, raw.len + 16);
	(void)text_sanitize(&clean, raw.data, raw.len, TEXT_KEEP_NEWLINE);
	buf_release(&raw);
	text_rtrim(&clean);
	n = clean.len;
	return xrealloc(buf_take(&clean), n + 1);
}
