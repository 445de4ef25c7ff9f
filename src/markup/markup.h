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

#include <libxml/parser.h>
#include <libxml/tree.h>

struct buf;

#define MARKUP_MAX_DEPTH 200

/* encoding is a charset name libxml2 knows ("utf-8", "windows-1252"). */
xmlDoc *markup_html_parse(const char *data, size_t len, const char *url,
    const char *encoding);

/*
 * A web page's charset, as a browser would choose it but simpler: a BOM
 * (*skip gets its length), then the HTTP charset (http, NULL for none),
 * then a <meta> charset in the first MARKUP_META_SCAN bytes (but bytes
 * that are valid UTF-8 with multibyte characters in them are UTF-8,
 * whatever an old <meta> says), else UTF-8 when the bytes are valid UTF-8
 * and windows-1252 when not; ISO-8859-1 and US-ASCII mean windows-1252,
 * and a name libxml2 does not know counts as none.  out gets the name in
 * lower case.  markup_html_page is markup_html_parse of the page (past
 * its BOM) in that charset.
 */
#define MARKUP_META_SCAN 8192
void markup_html_charset(const char *s, size_t len, const char *http,
    char *out, size_t size, size_t *skip);
xmlDoc *markup_html_page(const char *data, size_t len, const char *url,
    const char *http_charset);

/*
 * An XML document's (a feed's) charset from the HTTP header (http), to
 * override what the document declares: http itself when libxml2 can
 * decode it, or NULL to let the document's BOM or declaration speak.
 * NULL too for a document with a BOM, for US-ASCII (the declaration
 * says no less), and for ISO-8859-1 when the bytes are valid UTF-8
 * (servers label UTF-8 feeds Latin-1 by default).
 */
const char *markup_xml_charset(const char *http, const char *data, size_t len);

/*
 * The plain text of the UTF-8 HTML fragment s[0..len), at most max bytes
 * (cut at a character boundary; 0: no limit).  A new string, never NULL.
 */
char *markup_html_text(const char *s, size_t len, size_t max);

/*
 * The words of the UTF-8 HTML fragment s[0..len) for the full-text index
 * (an item's summary or content), at most max bytes (0: no limit): block
 * ends as paragraph breaks ("\n\n"), <br> as "\n", whitespace collapsed,
 * references decoded, script and style dropped, sanitised (util/text).
 * One pass over the bytes, no parser: index_text.c says why.  A new
 * string, never NULL.
 */
char *markup_index_text(const char *s, size_t len, size_t max);

/*
 * Append s[0..len) to out as HTML or XML text: '&', '<' and '>' as
 * references, and '"' too when attr is set (for a value in double
 * quotes).  Returns 0, or -1 at out's cap.
 */
int markup_escape(struct buf *out, const char *s, size_t len, int attr);

/*
 * Attribute access.  markup_attr: the value of n's attribute name (exact
 * case, any namespace) borrowed from the tree, "" for one with no value,
 * NULL when n is no element or has no such attribute; for trees from the
 * HTML parser, whose values are one text node.  markup_attr_dup: the
 * value as a new string the caller frees, or NULL, with the entity
 * references an XML tree may keep in a value expanded (xmlGetProp).
 */
const char *markup_attr(const xmlNode *n, const char *name);
char *markup_attr_dup(const xmlNode *n, const char *name);

/*
 * libxml2's error output, silenced.  Some of its errors (a charset that
 * cannot decode a byte, I/O) go to its generic error function whatever
 * the parse options say, and that function prints to stderr, where
 * nothing may go while a screen is up.  Every parse, of any format, runs
 * between markup_quiet_begin, which puts in a function that drops
 * everything, and markup_quiet_end, which puts the previous one back; and
 * passes MARKUP_QUIET_OPTIONS (the HTML_PARSE_ values are the same bits).
 * A parser's own structured error handler (the feed parser's, which
 * records the first error) still gets its errors.
 */
struct markup_quiet {
	xmlGenericErrorFunc func;
	void *ctx;
};

#define MARKUP_QUIET_OPTIONS (XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

void markup_quiet_begin(struct markup_quiet *q);
void markup_quiet_end(const struct markup_quiet *q);

#endif
