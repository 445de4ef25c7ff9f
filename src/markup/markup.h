/*
 * markup: the one HTML parser call and the one HTML-to-text path, under
 * feed/ and article/.
 *
 * markup_html_parse reads a whole document or fragment with libxml2's HTML
 * parser: recovery on, no network, and nothing printed (its encoding errors
 * bypass HTML_PARSE_NOERROR, and nothing may reach stderr while a screen is
 * up).  A page in another charset than UTF-8 is converted with iconv
 * first, each byte the charset leaves undefined becoming U+FFFD (libxml2
 * stopped reading the page at the first one).  Before the parser sees the
 * bytes (in an ASCII-compatible encoding):
 * numeric character references get the policy of markup/charref.h (so
 * "&#146;" is "’" and "&#x1b;]0;X&#7;" becomes bytes), NUL bytes are
 * dropped (libxml2 stops reading a text node at one, and HTML5 ignores
 * them), and terminal escape sequences are cut out whole (the parser would
 * drop the ESC byte but keep "[31m" as text).  Elements nested deeper than
 * MARKUP_MAX_DEPTH are flattened into their ancestor at that depth, so
 * their text stays (libxml2 would stop reading the document at depth 256
 * and drop the rest).  The caller frees the document with xmlFreeDoc.
 *
 * markup_html_text turns an HTML fragment (a feed's HTML title, JSON-LD
 * text) into one line of plain text: tags gone (attribute values with '>'
 * in them included), script and style content dropped, references decoded,
 * whitespace collapsed and trimmed.  Controls are not removed: that is the
 * sanitiser's job (util/text) when the text is shown.
 */
#ifndef TIDINGS_MARKUP_H
#define TIDINGS_MARKUP_H

#include <stddef.h>

#include <libxml/tree.h>

#define MARKUP_MAX_DEPTH 200

/* encoding is a charset name libxml2 knows ("utf-8", "windows-1252"). */
xmlDoc *markup_html_parse(const char *data, size_t len, const char *url,
    const char *encoding);

/*
 * The plain text of the UTF-8 HTML fragment s[0..len), at most max bytes
 * (cut at a character boundary; 0: no limit).  A new string, never NULL.
 */
char *markup_html_text(const char *s, size_t len, size_t max);

#endif
