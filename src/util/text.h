/*
 * text: UTF-8 decoding, control-character removal and column arithmetic.
 *
 * This is the only module that knows how wide text is on a terminal.  Every
 * function takes a pointer and a byte length (the text need not be
 * NUL-terminated) and never reads past it.  Invalid UTF-8 (stray
 * continuation bytes, overlong forms, surrogates, values past U+10FFFF,
 * truncated sequences) decodes as U+FFFD one byte at a time, so garbage
 * can neither hide the following text nor desynchronise the decoder.
 *
 * Widths come from wcwidth(3) evaluated in a UTF-8 locale that this module
 * selects for itself (C.UTF-8, falling back to en_US.UTF-8), whatever the
 * program's locale is: ASCII and most scripts are 1 column, wide CJK and
 * emoji 2, combining marks and zero-width characters 0.  Characters that
 * text_sanitize removes (controls, bidi controls) count 0 columns.
 *
 * Output goes to a caller's struct buf (see util/buf.h): the functions
 * append and return 0, or -1 when the buffer's cap is reached (the buffer
 * then holds what fitted, cut at a character boundary).
 */
#ifndef TIDINGS_TEXT_H
#define TIDINGS_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct buf;

#define TEXT_REPLACEMENT 0xFFFDu

/* text_sanitize flags: which controls survive (everything else goes). */
#define TEXT_KEEP_NEWLINE 0x1	/* LF; CR LF and lone CR become LF */
#define TEXT_KEEP_TAB 0x2	/* HT */

/*
 * Decode one character from s[0..len) (len > 0) into *cp; returns the
 * number of bytes used (1..4).  Invalid input gives U+FFFD and 1.
 */
size_t text_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp as UTF-8 into out (4 bytes); returns the length (1..4). */
size_t text_encode(uint32_t cp, char out[4]);

/*
 * UTF-8 as a whole.  text_utf8_valid: 1 when s[0..len) is valid UTF-8
 * (text_decode meets no invalid byte; NUL is valid), else 0.
 * text_utf8_dup: a NUL-terminated copy with each invalid byte replaced by
 * U+FFFD, as text_decode reads it, and NUL bytes dropped (a C string
 * cannot hold them); the caller frees it.  text_utf8_complete: len less a
 * last character that is cut short (a lead byte with fewer continuation
 * bytes after it than it announces), for a prefix that a cap cut off at a
 * byte count, or the byte count at which to cut s so that no character is
 * split (text_utf8_complete(s, max) for an s longer than max).
 */
int text_utf8_valid(const char *s, size_t len);
char *text_utf8_dup(const char *s, size_t len);
size_t text_utf8_complete(const char *s, size_t len);

/*
 * ASCII character classes for reading formats (dates, URLs, references,
 * config lines), after sfeed's util.h: neither the locale nor a negative
 * char changes them, so (char)0xE9 is no letter in a Latin-1 locale and
 * (char)0xA0 no space.  c is a char (signed or not) or an unsigned char
 * value; a byte past ASCII, and EOF, is in no class.
 *
 * text_isspace is C's set (SP, TAB, LF, VT, FF, CR); text_ishtmlspace is
 * the one HTML and the URL standard call ASCII whitespace (SP, TAB, LF,
 * FF, CR: no VT), also XML's white space (which has no FF, a character
 * XML forbids).
 */
static inline int
text_isdigit(int c)
{
	return (unsigned)c - '0' < 10;
}

static inline int
text_isalpha(int c)
{
	return ((unsigned)c | 32) - 'a' < 26;
}

static inline int
text_isalnum(int c)
{
	return text_isalpha(c) || text_isdigit(c);
}

static inline int
text_isxdigit(int c)
{
	return text_isdigit(c) || ((unsigned)c | 32) - 'a' < 6;
}

static inline int
text_isupper(int c)
{
	return (unsigned)c - 'A' < 26;
}

static inline int
text_isspace(int c)
{
	return c == ' ' || (unsigned)c - '\t' < 5;
}

static inline int
text_ishtmlspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static inline int
text_tolower(int c)
{
	return text_isupper(c) ? c | 32 : c;
}

/* The value of a hexadecimal digit (0..15), or -1. */
static inline int
text_hexval(int c)
{
	if (text_isdigit(c))
		return c - '0';
	if (((unsigned)c | 32) - 'a' < 6)
		return (c | 32) - 'a' + 10;
	return -1;
}

/*
 * True for what text_sanitize removes: C0 and C1 controls (but not the
 * ones flags keep), DEL, and every bidi control (text_is_bidi).
 */
int text_is_removed(uint32_t cp, int flags);
/*
 * True for the bidi formatting characters, all alike: U+061C (ALM),
 * U+200E/U+200F (LRM, RLM), U+202A..U+202E (embeddings, overrides) and
 * U+2066..U+2069 (isolates).
 */
int text_is_bidi(uint32_t cp);

/*
 * Append s to out with every control character and terminal escape
 * sequence removed: NUL, C0/C1 controls except those kept by flags, whole
 * 7-bit ESC sequences with their payload (CSI "ESC [ ... final", OSC
 * "ESC ] ... BEL or ST", DCS/SOS/PM/APC strings up to ST, two-byte ESC
 * sequences) and bidi controls.  A C1 control (U+0080..U+009F) goes
 * alone, never the text after it: without its introducer that text is
 * harmless, and in real feeds it is text.  Invalid UTF-8 (a raw 0x9B
 * byte included) becomes U+FFFD.
 */
int text_sanitize(struct buf *out, const char *s, size_t len, int flags);
/* Same, as a new NUL-terminated string the caller frees. */
char *text_sanitize_dup(const char *s, size_t len, int flags);

/*
 * Append s with only its 7-bit ESC sequences (as text_sanitize defines
 * them) removed, leaving every other byte alone whatever the encoding.
 * For raw markup in a legacy charset, before a parser drops the ESC byte
 * and leaves the rest of the sequence ("[31m") as text.
 */
int text_strip_escapes(struct buf *out, const char *s, size_t len);

/*
 * Terminal output.  Whether the terminal takes UTF-8 is read from the
 * locale the environment names (LC_ALL, LC_CTYPE, LANG), whether or not
 * the program called setlocale; LANG=C or a Latin-1 locale is not UTF-8.
 * text_term_select re-reads it from the locale name given ("" for the
 * environment; tests pass "C" or "C.UTF-8"); it is read on first use.
 * text_term_is_utf8 returns 1 for a UTF-8 terminal.
 */
void text_term_select(const char *locale_name);
int text_term_is_utf8(void);

/* text_term flag: every character keeps exactly its text_cp_width columns */
#define TEXT_SAME_WIDTH 0x4

/*
 * The one path from content to a terminal: text_sanitize(s, flags), then,
 * on a terminal that is not UTF-8, every non-ASCII character converted to
 * its character set (iconv, transliterated: U+2019 becomes "'", U+2014
 * "--") or '?' when it has no form there.  With TEXT_SAME_WIDTH a
 * character takes exactly the columns text_cp_width gives it (a longer
 * transliteration is cut when it is punctuation, else '?'; zero-width
 * characters vanish), so column arithmetic done on the UTF-8 text holds.
 * Returns 0, or -1 at out's cap.
 */
int text_term(struct buf *out, const char *s, size_t len, int flags);
/* Same, as a new NUL-terminated string the caller frees. */
char *text_term_dup(const char *s, size_t len, int flags);

/*
 * Write s to f for a person: text_sanitize(flags) always, and text_term's
 * conversion when f is a terminal (a pipe or file gets UTF-8, as scripts
 * expect).  Every string tidings prints, stdout or stderr, goes through
 * here (err_print for messages).  With TEXT_END_LINE a newline follows,
 * in the same write(2) on an unbuffered stream: processes sharing a log
 * (20 `tidings add` at once, a cron mail) never interleave inside a line.
 * Returns 0, or EOF on a write error.
 */
#define TEXT_END_LINE 0x8
int text_fputs(FILE *f, const char *s, size_t len, int flags);

/* Columns of one character: 0, 1 or 2 (removed characters are 0). */
int text_cp_width(uint32_t cp);
/* Display columns of s.  Escape sequences are not parsed: sanitize first. */
size_t text_width(const char *s, size_t len);

/*
 * Length in bytes of the longest prefix of s that fits in cols columns,
 * never splitting a character and keeping zero-width characters (combining
 * marks) with the character before them.  *width (if not NULL) receives
 * the prefix's columns.
 */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *width);

/*
 * Append s cut to at most cols columns; when it had to be cut, the last
 * column holds an ellipsis "…" (cols == 0 appends nothing).  *width (if not
 * NULL) receives the columns appended.
 */
int text_truncate(struct buf *out, const char *s, size_t len, size_t cols,
    size_t *width);
/* Append s truncated as above and padded with spaces to exactly cols. */
int text_pad(struct buf *out, const char *s, size_t len, size_t cols);
/* Append n spaces. */
int text_spaces(struct buf *out, size_t n);

/*
 * Word wrapping.  text_wrap_next looks at s[0..len) (one paragraph with no
 * newlines, already sanitised) and returns the byte length of the next line
 * that fits in cols columns (cols >= 1): it breaks at the last space that
 * fits, and breaks a word longer than a whole line (a URL, say) by width.
 * Trailing spaces are not part of the line.  *next receives how many bytes
 * to skip to the start of the following line (the line plus the spaces
 * after it); when *next == len the paragraph is done.  An empty s gives 0
 * and *next == 0.
 */
size_t text_wrap_next(const char *s, size_t len, size_t cols, size_t *next);

/*
 * Collapse every run of ASCII whitespace (space, TAB, CR, LF, FF) into one
 * space and append the result to out; when *pending_space is set a space is
 * emitted before the next non-space text (and never at the start of out).
 * It lets a caller feed inline pieces one at a time.  Returns 0 or -1.
 */
int text_collapse(struct buf *out, const char *s, size_t len, int *pending_space);
/* Cut trailing spaces off out. */
void text_rtrim(struct buf *out);
/*
 * In place, in a C string: text_squeeze makes each run of HTML white
 * space (text_ishtmlspace) one space and cuts it off both ends;
 * text_trim only cuts it off both ends.
 */
void text_squeeze(char *s);
void text_trim(char *s);

#endif
