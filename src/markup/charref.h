/*
 * charref: the one character-reference policy, for feed text, article
 * pages and JSON-LD alike.
 *
 * Numeric references follow HTML5 (and every browser): &#128;..&#159; name
 * the windows-1252 characters ("don&#146;t" is "don’t", &#128; is "€"),
 * except the five code points windows-1252 leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D), which are C1 controls and decode to nothing; &#0;,
 * surrogates and values past U+10FFFF are U+FFFD; any number of leading
 * zeros is allowed and the ';' may be missing.  Other references to
 * control characters ("&#x1b;", "&#7;", "&#0000000027;") decode to the
 * control byte itself, so that the one sanitiser (util/text) removes an
 * escape sequence written with references together with its payload
 * ("&#x1b;]0;title&#7;" goes whole).  Named references are libxml2's HTML
 * table plus &apos;, and need their ';'.
 */
#ifndef TIDINGS_CHARREF_H
#define TIDINGS_CHARREF_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Returned in *cp for a reference that decodes to nothing (see above). */
#define CHARREF_NONE 0xFFFFFFFFu

/*
 * Read one reference at s[0..len) (s[0] == '&').  Returns the bytes it
 * takes and its code point in *cp (CHARREF_NONE for nothing), or 0 when s
 * does not start a reference we know (a bare '&', an unknown name).
 */
size_t charref_parse(const char *s, size_t len, uint32_t *cp);

/*
 * Append s[0..len) to out with every reference decoded to UTF-8; anything
 * that is not a reference is copied as it is.  Returns 0, or -1 when out's
 * cap was reached.
 */
int charref_decode(struct buf *out, const char *s, size_t len);

/*
 * Rewrite the numeric references in raw markup (HTML, or XML before
 * libxml2 reads it) so that the parser gets the policy above, whatever the
 * document's ASCII-compatible encoding: references to C0 controls and DEL
 * become the bytes themselves (the caller then strips escape sequences
 * from the bytes, and the parser drops what is left), windows-1252 ones
 * become "&#NNNN;" with the real code point, invalid ones "&#65533;",
 * undefined C1 ones nothing.  Other text, and every other reference, is
 * copied unchanged.  For XML, skip_sections leaves CDATA sections,
 * comments and processing instructions alone (no references there).
 * Returns 1 when it changed something (out holds the new text), 0 when
 * not (out is left as it was), -1 when out's cap was reached.
 */
int charref_prepare(struct buf *out, const char *s, size_t len,
    int skip_sections);

#endif
