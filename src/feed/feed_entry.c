/*
 * feed_entry: building the result.  Owns how a field's value lands in a
 * feed or an item (the highest priority wins; authors of equal rank are
 * joined; categories and enclosures deduplicated and capped), dates, and
 * an item's identity (guid, else rdf:about, else link, else a hash of
 * title and date).
 */
#include "feed/feed_priv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/hash.h"
#include "util/text.h"
#include "util/url.h"
#include "util/xalloc.h"

/* ---- building the result ---- */

void
feed_set(char **dst, signed char *dprio, char *val, int prio)
{
	if (val == NULL)
		return;
	if (*dst == NULL || prio > *dprio) {
		free(*dst);
		*dst = val;
		*dprio = (signed char)prio;
	} else {
		free(val);
	}
}

/* "jo@example.com (Jo Bloggs)" names Jo Bloggs. */
static char *
feed_author_name(char *s)
{
	size_t n = strlen(s);
	char *open = strchr(s, '(');

	if (open != NULL && n > 2 && s[n - 1] == ')' && memchr(s, '@', (size_t)(open - s)) != NULL &&
	    open + 1 < s + n - 1) {
		char *r = xstrndup(open + 1, (size_t)(s + n - 1 - (open + 1)));

		text_squeeze(r);
		if (r[0] != '\0') {
			free(s);
			return r;
		}
		free(r);
	}
	return s;
}

/* Authors of equal rank accumulate: "A, B". */
void
feed_add_author(char **dst, signed char *dprio, char *val, int prio)
{
	size_t n;
	char *joined;

	if (val == NULL)
		return;
	val = feed_author_name(val);
	if (*dst == NULL || prio > *dprio) {
		free(*dst);
		*dst = val;
		*dprio = (signed char)prio;
		return;
	}
	n = strlen(val);
	if (prio < *dprio || strlen(*dst) + n + 2 > FEED_MAX_AUTHORS_LEN ||
	    strcmp(*dst, val) == 0) {
		free(val);
		return;
	}
	joined = xasprintf("%s, %s", *dst, val);
	free(*dst);
	free(val);
	*dst = joined;
}

void
feed_add_category(struct feed_parser *p, char *val)
{
	struct item *it = &p->it;
	size_t i;

	if (val == NULL)
		return;
	for (i = 0; i < it->ncategories; i++) {
		if (strcmp(it->categories[i], val) == 0) {
			free(val);
			return;
		}
	}
	if (it->ncategories >= FEED_MAX_CATEGORIES) {
		free(val);
		return;
	}
	it->categories = xgrow(it->categories, it->ncategories, &p->cat_cap, 4,
	    sizeof *it->categories);
	it->categories[it->ncategories++] = val;
}

long
feed_duration(const char *s)
{
	long total = 0, part;
	int nparts = 0;
	char *end;

	if (s == NULL)
		return -1;
	while (text_ishtmlspace((unsigned char)*s))
		s++;
	for (;;) {
		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		part = strtol(s, &end, 10);
		/* a week is more than any episode; bigger is garbage */
		if (errno != 0 || part > 7 * 24 * 3600 || ++nparts > 3 ||
		    (nparts > 1 && part >= 60))
			return -1;
		total = total * 60 + part;
		s = end;
		if (*s != ':')
			break;
		s++;
	}
	if (*s == '.' || *s == ',')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	while (text_ishtmlspace((unsigned char)*s))
		s++;
	return *s == '\0' && total <= 7 * 24 * 3600 ? total : -1;
}

void
feed_add_enclosure(struct feed_parser *p, char *url, char *type, long long length,
    long duration)
{
	struct item *it = &p->it;
	struct enclosure *en;
	size_t i;

	if (url == NULL)
		goto drop;
	for (i = 0; i < it->nenclosures; i++) {
		en = &it->enclosures[i];
		if (strcmp(en->url, url) == 0) {
			if (en->type == NULL) {
				en->type = type;
				type = NULL;
			}
			if (en->length < 0)
				en->length = length;
			if (en->duration < 0)
				en->duration = duration;
			goto drop;
		}
	}
	if (it->nenclosures >= FEED_MAX_ENCLOSURES)
		goto drop;
	it->enclosures = xgrow(it->enclosures, it->nenclosures, &p->enc_cap, 2,
	    sizeof *it->enclosures);
	en = &it->enclosures[it->nenclosures++];
	en->url = url;
	en->type = type;
	en->length = length;
	en->duration = duration;
	return;
drop:
	free(url);
	free(type);
}

void
feed_item_release(struct item *it)
{
	size_t i;

	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->image);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
}

void
feed_free(struct feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		feed_item_release(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->author);
	free(f);
}

void
feed_store(struct feed_parser *p, enum feed_field field, int prio, char *val,
    const char *base)
{
	struct feed *f = p->f;
	struct item *it = p->in_item ? &p->it : NULL;
	struct feed_prio *pr = it ? &p->ip : &p->fp;
	char *abs;
	time_t t;

	switch (field) {
	case F_TITLE:
		feed_set(it ? &it->title : &f->title, &pr->title, val, prio);
		return;
	case F_LINK:
		abs = url_resolve(base, val);
		free(val);
		feed_set(it ? &it->link : &f->link, &pr->link, abs, prio);
		return;
	case F_SUMMARY:
		feed_set(it ? &it->summary : &f->description, &pr->summary, val, prio);
		return;
	case F_CONTENT:
		if (it != NULL)
			feed_set(&it->content, &pr->content, val, prio);
		else
			free(val);
		return;
	case F_GUID:
		if (it != NULL) {
			if (it->guid == NULL || prio > pr->guid)
				p->permalink = p->cap.permalink;
			feed_set(&it->guid, &pr->guid, val, prio);
		} else {
			free(val);
		}
		return;
	case F_AUTHOR:
		feed_add_author(it ? &it->author : &f->author, &pr->author, val, prio);
		return;
	case F_PUBLISHED:
	case F_UPDATED:
		if (val == NULL)
			return;
		if (it != NULL && p->date_raw == NULL)
			p->date_raw = xstrdup(val);
		if (date_parse(val, &t) == 0) {
			if (field == F_PUBLISHED && it != NULL) {
				if (it->published == 0 || prio > pr->published) {
					it->published = t;
					pr->published = (signed char)prio;
				}
			} else if (it ? it->updated == 0 || prio > pr->updated :
			    f->updated == 0 || prio > pr->updated) {
				*(it ? &it->updated : &f->updated) = t;
				pr->updated = (signed char)prio;
			}
		}
		free(val);
		return;
	case F_CATEGORY:
		if (it != NULL)
			feed_add_category(p, val);
		else
			free(val);
		return;
	case F_DURATION:
		if (it != NULL && p->duration < 0)
			p->duration = feed_duration(val);
		free(val);
		return;
	case F_PERSON_NAME:
	case F_PERSON_EMAIL: {
		char **slot = field == F_PERSON_NAME ? &p->person_name :
		    &p->person_email;

		/* the first name or email of a person counts */
		if (*slot == NULL)
			*slot = val;
		else
			free(val);
		return;
	}
	default:
		free(val);
		return;
	}
}

/* ---- items and people ---- */

/* A field into the id of an item that has neither guid nor link: its bytes
 * and a separator (util/hash; the ids are in caches: never change them). */
static uint64_t
feed_fnv(uint64_t h, const char *s)
{
	return (hash_str(h, s) ^ 0xff) * HASH_FNV_PRIME;
}

void
feed_item_begin(struct feed_parser *p, struct feed_level *lv, int nattrs,
    const xmlChar **attrs)
{
	char *v;
	time_t t;

	if (p->in_item || p->f->nitems >= p->max_items) {
		lv->ctx = CTX_SKIP;
		return;
	}
	memset(&p->it, 0, sizeof p->it);
	memset(&p->ip, 0, sizeof p->ip);
	p->cat_cap = p->enc_cap = 0;
	p->duration = -1;
	p->in_item = p->depth;
	p->permalink = 0;
	lv->ctx = CTX_ITEM;
	p->about = feed_attr(p, nattrs, attrs, "about",
	    "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	/* CDF: <ITEM HREF="..." LASTMOD="..."> */
	if ((v = feed_attr(p, nattrs, attrs, "href", NULL)) != NULL) {
		p->it.link = url_resolve(lv->base, v);
		p->ip.link = 2;
		free(v);
	}
	if ((v = feed_attr(p, nattrs, attrs, "lastmod", NULL)) != NULL) {
		if (date_parse(v, &t) == 0)
			p->it.updated = t;
		free(v);
	}
}

void
feed_item_end(struct feed_parser *p)
{
	struct item *it = &p->it;
	struct feed *f = p->f;
	uint64_t h;

	size_t i;

	/* itunes:duration is the item's: it times its enclosures */
	for (i = 0; i < it->nenclosures; i++)
		if (it->enclosures[i].duration < 0)
			it->enclosures[i].duration = p->duration;
	if (it->link == NULL && it->guid != NULL && p->permalink &&
	    url_is_http(it->guid))
		it->link = xstrdup(it->guid);
	if (it->guid == NULL && p->about != NULL) {
		it->guid = p->about;
		p->about = NULL;
	}
	if (it->guid == NULL && it->link != NULL)
		it->guid = xstrdup(it->link);
	if (it->guid == NULL) {
		h = feed_fnv(HASH_FNV_OFFSET, it->title);
		h = feed_fnv(h, p->date_raw);
		if (it->title == NULL && p->date_raw == NULL) {
			h = feed_fnv(h, it->summary);
			h = feed_fnv(h, it->content);
		}
		it->guid = xasprintf("hash:%016llx", (unsigned long long)h);
	}
	f->items = xgrow(f->items, f->nitems, &p->items_cap, 16, sizeof *f->items);
	f->items[f->nitems++] = *it;
	memset(it, 0, sizeof *it);
	free(p->about);
	free(p->date_raw);
	p->about = p->date_raw = NULL;
	p->in_item = 0;
}

void
feed_person_end(struct feed_parser *p)
{
	char *who = p->person_name != NULL ? p->person_name : p->person_email;
	struct feed_prio *pr = p->in_item ? &p->ip : &p->fp;

	if (who == p->person_name)
		free(p->person_email);
	else
		free(p->person_name);
	p->person_name = p->person_email = NULL;
	p->person_depth = 0;
	feed_add_author(p->in_item ? &p->it.author : &p->f->author, &pr->author,
	    who, 3);
}
