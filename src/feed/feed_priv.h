/*
 * feed_priv: what the files of the feed parser share, private to src/feed/.
 *
 * The parser is split by concept: feed.c drives libxml2 (the entry point,
 * attributes and the entity policy), feed_elements.c maps RSS/Atom
 * elements to fields (the element table, the capture of their text, the
 * SAX callbacks), feed_entry.c builds the result (fields by priority,
 * authors, categories, enclosures, item identity and dates),
 * feed_rebase.c resolves href/src inside HTML fields, feed_prepare.c
 * repairs the raw bytes before libxml2 reads them (UTF-32, references,
 * escape sequences, controls, bare '&'), and feed_json.c reads JSON Feed
 * into the same result with feed_entry.c's helpers.
 */
#ifndef TIDINGS_FEED_PRIV_H
#define TIDINGS_FEED_PRIV_H

#include <stddef.h>
#include <strings.h>

#include <libxml/parser.h>

#include "feed/feed.h"
#include "util/buf.h"

#define FEED_MAX_DEPTH		256
#define FEED_MAX_FIELD		(1024 * 1024)
#define FEED_MAX_ITEMS		10000
#define FEED_MAX_CATEGORIES	64
#define FEED_MAX_ENCLOSURES	32
#define FEED_MAX_AUTHORS_LEN	4096
#define FEED_MAX_ENTITIES	64
#define FEED_MAX_ENTITY_LEN	4096
#define FEED_ENTITY_BUDGET	(1024 * 1024)
#define FEED_MAX_ATTR		(64 * 1024)

#define NS_ATOM10	"http://www.w3.org/2005/Atom"
#define NS_ATOM03	"http://purl.org/atom/ns#"
#define NS_XHTML_URI	"http://www.w3.org/1999/xhtml"

enum feed_ns {
	NS_CORE,	/* no namespace, the root's, RSS and Atom */
	NS_ATOM,	/* Atom, when it must be told from RSS */
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_RDF,
	NS_OTHER,
};

enum feed_field {
	F_NONE,
	F_TITLE,
	F_LINK,
	F_SUMMARY,	/* item summary, feed description */
	F_CONTENT,
	F_GUID,
	F_AUTHOR,
	F_PUBLISHED,
	F_UPDATED,
	F_CATEGORY,
	F_ENCLOSURE,	/* attributes only */
	F_MEDIA,	/* media:content, attributes only */
	F_THUMB,	/* media:thumbnail, attributes only */
	F_GROUP,	/* media:group: its children count as the item's */
	F_PERSON_NAME,
	F_PERSON_EMAIL,
	F_DURATION,	/* itunes:duration: the item's enclosures' length in time */
};

/* What the children of an element are. */
enum feed_ctx {
	CTX_DOC,	/* before the root */
	CTX_TOP,	/* inside <rss> or <rdf:RDF> */
	CTX_CHANNEL,	/* feed-level fields */
	CTX_ITEM,	/* item fields */
	CTX_PERSON,	/* Atom author: name, email */
	CTX_SKIP,	/* nothing of interest below */
	CTX_CAPTURE,	/* inside a field whose text we collect */
};

/* How text and child elements go into the capture buffer. */
enum feed_cap_mode {
	CAP_TEXT,	/* text of all descendants, as is */
	CAP_ESCTEXT,	/* text of all descendants, HTML-escaped */
	CAP_HTML,	/* own text is HTML source; children serialised */
	CAP_XHTML,	/* children serialised, all text escaped */
};

/* Text constructs: Atom's type (and Atom 0.3's mode). */
enum feed_ctype { CT_TEXT, CT_HTML, CT_XHTML };

struct feed_level {
	unsigned char ctx;
	unsigned char own_base;
	unsigned char skip_tag;		/* a wrapper div we do not serialise */
	const xmlChar *uri;		/* the element's namespace (parser dict) */
	char *base;			/* xml:base in effect for the children */
};

struct feed_prio {
	signed char title, link, summary, content, guid, author, published,
	    updated;
};

struct feed_capture {
	int active;
	int depth;		/* depth of the element being captured */
	enum feed_field field;
	int prio;
	enum feed_cap_mode mode;
	int plain;		/* the result is plain text, not HTML */
	int html_src;		/* the text is HTML source */
	int base64;
	int rss_entities;	/* decode HTML entities left in RSS text */
	int strip_div;		/* Atom 1.0 xhtml: drop the wrapping div */
	int permalink;		/* guid isPermaLink */
	struct buf b;		/* its overflow: the field was cut */
};

struct feed_entity {
	char *name;
	char *value;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	struct feed *f;
	size_t max_items;
	size_t items_cap;
	int depth;
	int root_seen;
	int not_feed;
	char *root_ns;
	int atom;		/* the document is Atom */
	struct feed_level lv[FEED_MAX_DEPTH + 2];

	int in_item;
	struct item it;
	struct feed_prio ip;
	size_t cat_cap, enc_cap;
	long duration;		/* itunes:duration in seconds, or -1 */
	int permalink;		/* the guid may serve as link */
	char *about;		/* rdf:about */
	char *date_raw;		/* first date text, for the fallback id */
	struct feed_prio fp;

	int person_depth;
	int person_in_item;
	char *person_name, *person_email;

	struct feed_capture cap;

	struct feed_entity ents[FEED_MAX_ENTITIES];
	int nents;
	size_t ent_used;
	xmlEntity ent;
	char ent_text[FEED_MAX_ENTITY_LEN * 2];

	int err_line;
	char err_msg[200];
};

/* ASCII case-insensitive comparison of an element or attribute name. */
static inline int
feed_ieq(const xmlChar *a, const char *b)
{
	return a != NULL && strcasecmp((const char *)a, b) == 0;
}

/* feed.c: attributes and entities */
char *feed_decode_attr(struct feed_parser *p, const char *s, size_t n);
char *feed_attr(struct feed_parser *p, int nattrs, const xmlChar **attrs,
    const char *name, const char *uri);

/* feed_elements.c: the SAX callbacks, and the end of a capture */
void feed_start(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **nss, int nattrs,
    int ndefaulted, const xmlChar **attrs);
void feed_end(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri);
void feed_chars(void *ctx, const xmlChar *ch, int len);
void feed_cap_end(struct feed_parser *p);

/* feed_entry.c: building the result */
void feed_set(char **dst, signed char *dprio, char *val, int prio);
void feed_add_author(char **dst, signed char *dprio, char *val, int prio);
void feed_add_category(struct feed_parser *p, char *val);
void feed_add_enclosure(struct feed_parser *p, char *url, char *type,
    long long length, long duration);
/* A duration as podcasts write it ("3723", "62:03", "1:02:03", a
 * fraction ignored) in seconds, or -1 when it is none of those. */
long feed_duration(const char *s);
void feed_item_release(struct item *it);
void feed_store(struct feed_parser *p, enum feed_field field, int prio,
    char *val, const char *base);
void feed_item_begin(struct feed_parser *p, struct feed_level *lv,
    int nattrs, const xmlChar **attrs);
void feed_item_end(struct feed_parser *p);
void feed_person_end(struct feed_parser *p);

/* feed_rebase.c: URLs inside HTML fields */
int feed_url_attr(const char *name, size_t n);
char *feed_html_rebase(const char *html, const char *base);

/* feed_json.c: JSON Feed, as feed_parse, for a document feed_is_json takes */
struct feed *feed_json_parse(const char *data, size_t len,
    const struct feed_parse_opts *opts, struct err *e);

/* feed_prepare.c: the raw bytes before libxml2 */
char *feed_prepare(const char *data, size_t len, size_t *outlen);
char *feed_from_utf32(const char *data, size_t len, size_t *outlen);

#endif
