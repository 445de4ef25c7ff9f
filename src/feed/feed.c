/*
 * feed: the parser's driver: libxml2 set up with our SAX callbacks, the
 * entity policy, attribute values, and the entry point (feed_parse).
 */
#include "feed/feed_priv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "markup/charref.h"
#include "markup/markup.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * The document is read with libxml2's SAX2 interface: no tree is built,
 * each element is classified when it starts, and the text of the elements
 * we keep is collected into one capped buffer.
 *
 * Entities: libxml2 asks us (getEntity) for every reference that is not
 * one of the five predefined ones.  We answer with the replacement text of
 * internal entities the DTD declared, or of an HTML entity (&nbsp; in RSS
 * is common), always as plain text that is not parsed again: no external
 * entity is ever loaded and no entity expands into more references, so
 * neither XXE nor "billion laughs" can happen.  A budget caps the bytes all
 * expansions may produce.
 */

/* ---- attributes and entities ---- */

/*
 * Attribute values arrive with references to entities other than the
 * predefined ones left in place ("&eacute;"), and "&amp;" as "&#38;":
 * decode them, declared entities first.
 */
char *
feed_decode_attr(struct feed_parser *p, const char *s, size_t n)
{
	struct buf b;
	char *r;
	size_t i = 0, start = 0, k, tl;
	uint32_t cp;
	int j;
	char tmp[4];

	buf_init(&b, FEED_MAX_ATTR);
	if (memchr(s, '&', n) == NULL) {
		buf_add(&b, s, n);
	} else {
		while (i < n && !b.overflow) {
			if (s[i] != '&') {
				i++;
				continue;
			}
			for (j = 0; j < p->nents; j++) {
				k = strlen(p->ents[j].name);
				if (i + k + 2 <= n && strncmp(s + i + 1, p->ents[j].name, k) == 0 &&
				    s[i + k + 1] == ';')
					break;
			}
			if (j < p->nents) {
				tl = strlen(p->ents[j].value);
				buf_add(&b, s + start, i - start);
				if (p->ent_used + tl <= FEED_ENTITY_BUDGET)
					buf_add(&b, p->ents[j].value, tl);
				if (b.overflow)
					break;	/* the value is dropped: not counted */
				p->ent_used += tl;
				i += k + 2;
				start = i;
				continue;
			}
			k = charref_parse(s + i, n - i, &cp);
			if (k == 0) {
				i++;
				continue;
			}
			buf_add(&b, s + start, i - start);
			if (cp != CHARREF_NONE)
				buf_add(&b, tmp, text_encode(cp, tmp));
			i += k;
			start = i;
		}
		buf_add(&b, s + start, n - start);
	}
	/* a value past FEED_MAX_ATTR is dropped whole, not cut */
	r = b.overflow ? NULL : text_utf8_dup(b.data, b.len);
	buf_release(&b);
	return r;
}

/* The value of attribute name (in namespace uri, or none), or NULL. */
char *
feed_attr(struct feed_parser *p, int nattrs, const xmlChar **attrs,
    const char *name, const char *uri)
{
	const xmlChar **a;
	char *v;
	int i;

	for (i = 0; i < nattrs; i++) {
		a = attrs + 5 * i;
		if (!feed_ieq(a[0], name))
			continue;
		if (uri == NULL ? a[2] != NULL :
		    a[2] == NULL || strcmp((const char *)a[2], uri) != 0)
			continue;
		v = feed_decode_attr(p, (const char *)a[3], (size_t)(a[4] - a[3]));
		if (v != NULL)
			text_trim(v);
		if (v != NULL && v[0] == '\0') {
			free(v);
			v = NULL;
		}
		return v;
	}
	return NULL;
}

static xmlEntityPtr
feed_get_entity(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = ctx;
	const char *val = NULL;
	char ref[40];
	uint32_t cp;
	size_t n;
	int i;

	/*
	 * libxml2 also asks while it parses a declaration, to hang the raw
	 * value on the entity it gets back (which would leak here): only
	 * references in content and attribute values are answered.
	 */
	if (p->ctxt->instate == XML_PARSER_ENTITY_DECL ||
	    p->ctxt->instate == XML_PARSER_ENTITY_VALUE ||
	    p->ctxt->instate == XML_PARSER_DTD)
		return NULL;
	if (p->ent.orig != NULL) {
		xmlFree(p->ent.orig);
		p->ent.orig = NULL;
	}
	for (i = 0; i < p->nents; i++) {
		if (strcmp(p->ents[i].name, (const char *)name) == 0) {
			val = p->ents[i].value;
			break;
		}
	}
	/* an HTML entity (&nbsp; in RSS is common), as charref names them */
	if (val == NULL && (n = strlen((const char *)name)) + 2 < sizeof ref) {
		ref[0] = '&';
		memcpy(ref + 1, name, n);
		ref[n + 1] = ';';
		if (charref_parse(ref, n + 2, &cp) == n + 2 && cp != CHARREF_NONE) {
			n = text_encode(cp, p->ent_text);
			p->ent_text[n] = '\0';
			val = p->ent_text;
		}
	}
	if (val == NULL)
		return NULL;
	memset(&p->ent, 0, sizeof p->ent);
	p->ent.type = XML_ENTITY_DECL;
	p->ent.name = name;
	if (p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE) {
		/*
		 * In attribute values libxml2 would keep only the first byte
		 * of a "predefined" entity; an internal one is left as a
		 * reference that feed_decode_attr resolves.
		 */
		p->ent.etype = XML_INTERNAL_GENERAL_ENTITY;
		p->ent.content = (xmlChar *)"x";
		p->ent.length = 1;
		return &p->ent;
	}
	n = strlen(val);
	if (p->ent_used + n > FEED_ENTITY_BUDGET) {
		val = "";
		n = 0;
	}
	p->ent_used += n;
	/* Inlined as character data, never parsed again. */
	p->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	p->ent.content = (xmlChar *)val;
	p->ent.length = (int)n;
	return &p->ent;
}

static void
feed_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	struct feed_parser *p = ctx;
	struct buf b;
	size_t n;
	int i;

	(void)publicId;
	(void)systemId;
	if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL ||
	    p->nents >= FEED_MAX_ENTITIES)
		return;
	n = strlen((const char *)content);
	if (n > FEED_MAX_ENTITY_LEN)
		return;
	for (i = 0; i < p->nents; i++)
		if (strcmp(p->ents[i].name, (const char *)name) == 0)
			return;	/* the first declaration binds */
	buf_init(&b, FEED_MAX_ENTITY_LEN * 2);
	if (charref_decode(&b, (const char *)content, n) < 0) {
		buf_release(&b);
		return;
	}
	p->ents[p->nents].name = xstrdup((const char *)name);
	p->ents[p->nents].value = buf_take(&b);
	p->nents++;
}

static void
feed_serror(void *ctx, xmlErrorPtr e)
{
	struct feed_parser *p = ctx;
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR || p->err_msg[0] != '\0')
		return;
	p->err_line = e->line;
	/* a long message may be cut: it is only shown */
	snprintf(p->err_msg, sizeof p->err_msg, "%s",
	    e->message != NULL ? e->message : "unknown error");
	n = strlen(p->err_msg);
	while (n > 0 && (p->err_msg[n - 1] == '\n' || p->err_msg[n - 1] == ' '))
		p->err_msg[--n] = '\0';
}

static struct feed *
feed_parse_try(const char *data, size_t len, const struct feed_parse_opts *opts,
    int ignore_enc, int *bad_enc, struct err *e)
{
	struct feed_parser *p;
	struct feed *f = NULL;
	xmlSAXHandler sax;
	xmlDocPtr doc;
	const char *url = opts != NULL ? opts->url : NULL;
	const char *enc;
	char *fixed = NULL;
	size_t fixed_len = 0;
	struct markup_quiet quiet;
	int options, d, i;

	if (len == 0)
		return err_set(e, "empty document"), NULL;
	if (len > INT32_MAX)
		return err_set(e, "document too large (%zu bytes)", len), NULL;
	xmlInitParser();
	p = xcalloc(1, sizeof *p);
	p->f = xcalloc(1, sizeof *p->f);
	p->max_items = opts != NULL && opts->max_items ? opts->max_items : FEED_MAX_ITEMS;
	p->lv[0].ctx = CTX_DOC;
	if (url != NULL) {
		p->lv[0].base = xstrdup(url);
		p->lv[0].own_base = 1;
	}
	buf_init(&p->cap.b, FEED_MAX_FIELD);

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = feed_start;
	sax.endElementNs = feed_end;
	sax.characters = feed_chars;
	sax.cdataBlock = feed_chars;
	sax.getEntity = feed_get_entity;
	sax.entityDecl = feed_entity_decl;
	sax.serror = feed_serror;

	/* errors go to feed_serror, and nowhere else */
	markup_quiet_begin(&quiet);
	p->ctxt = xmlNewParserCtxt();
	if (p->ctxt == NULL) {
		err_set(e, "out of memory creating the XML parser");
		goto out;
	}
	memcpy(p->ctxt->sax, &sax, sizeof sax);
	p->ctxt->userData = p;
	options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    MARKUP_QUIET_OPTIONS;
	enc = markup_xml_charset(opts != NULL ? opts->charset : NULL, data, len);
	if (enc != NULL || ignore_enc)
		options |= XML_PARSE_IGNORE_ENC;
	fixed = feed_prepare(data, len, &fixed_len);
	if (fixed != NULL && fixed_len <= INT32_MAX) {
		data = fixed;
		len = fixed_len;
	}
	doc = xmlCtxtReadMemory(p->ctxt, data, (int)len, url, enc, options);
	if (doc != NULL)
		xmlFreeDoc(doc);

	/* A truncated document: keep what was read. */
	if (p->cap.active)
		feed_cap_end(p);
	if (p->person_depth)
		feed_person_end(p);
	if (p->in_item)
		feed_item_end(p);
	if (!p->root_seen && strncmp(p->err_msg, "Unsupported encoding", 20) == 0)
		*bad_enc = 1;
	if (!p->root_seen || p->not_feed) {
		if (p->not_feed)
			err_set(e, "%s", p->err_msg);
		else if (p->err_msg[0] != '\0')
			err_set(e, "XML error at line %d: %s", p->err_line, p->err_msg);
		else
			err_set(e, "not a feed: no root element");
		goto out;
	}
	f = p->f;
	p->f = NULL;
	f->recovered = p->err_msg[0] != '\0' || fixed != NULL;
out:
	free(fixed);
	if (p->ctxt != NULL)
		xmlFreeParserCtxt(p->ctxt);
	if (p->ent.orig != NULL)
		xmlFree(p->ent.orig);
	markup_quiet_end(&quiet);
	d = p->depth < FEED_MAX_DEPTH ? p->depth : FEED_MAX_DEPTH;
	for (i = 0; i <= d; i++)
		if (p->lv[i].own_base)
			free(p->lv[i].base);
	for (i = 0; i < p->nents; i++) {
		free(p->ents[i].name);
		free(p->ents[i].value);
	}
	feed_item_release(&p->it);
	free(p->about);
	free(p->date_raw);
	free(p->person_name);
	free(p->person_email);
	free(p->root_ns);
	buf_release(&p->cap.b);
	feed_free(p->f);
	free(p);
	return f;
}

struct feed *
feed_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
    struct err *e)
{
	struct feed_parse_opts utf8 = { 0 };
	struct feed *f;
	size_t u8len = 0;
	char *u8 = feed_from_utf32(data, len, &u8len);
	int bad_enc = 0;

	/* a feed that starts with '{' is JSON Feed: XML never does */
	if (u8 == NULL && feed_is_json(data, len))
		return feed_json_parse(data, len, opts, e);
	if (u8 != NULL) {
		/* read as UTF-8, whatever the declaration or the server says */
		if (opts != NULL)
			utf8 = *opts;
		utf8.charset = "UTF-8";
		opts = &utf8;
		data = u8;
		len = u8len;
	}
	f = feed_parse_try(data, len, opts, 0, &bad_enc, e);
	if (f == NULL && bad_enc) {
		/* a declaration naming an encoding nobody knows: try without */
		f = feed_parse_try(data, len, opts, 1, &bad_enc, e);
		if (f != NULL)
			f->recovered = 1;
	}
	free(u8);
	return f;
}
