/*
 * search_query (store): the query language (store/search.h describes it):
 * the lexer, the filters, and the compiler to an FTS5 expression and SQL
 * conditions with bound parameters.
 */
#include "store/search_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "store/feeds.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xalloc.h"

enum search_col {
	COL_ANY = -1,
	COL_TITLE,
	COL_AUTHOR,
	COL_FEED,
};

static const char *const search_col_names[] = { "title", "author", "feed" };

struct search_term {
	int col;		/* enum search_col */
	char *text;		/* as the user typed it, without quotes and '*' */
	int prefix;
	int neg;
	int or_next;		/* joined to the next term by OR */
	int ntokens;
};

/* --- parsing --- */

struct search_parse {
	struct search_term *terms;
	size_t nterms;
	struct search_filter *filters;
	size_t nfilters;
	size_t nclauses;
	int last_was_word;	/* the clause before an OR was a wanted word */
	int last_was_term;	/* the last clause was a word, phrase or field word */
	int pending_or;
};

static void
search_parse_release(struct search_parse *p)
{
	size_t i;

	for (i = 0; i < p->nterms; i++)
		free(p->terms[i].text);
	for (i = 0; i < p->nfilters; i++)
		free(p->filters[i].text);
	free(p->terms);
	free(p->filters);
}

static int
search_add_term(struct search_parse *p, int col, const char *s, size_t len, int prefix,
    int neg, struct err *e)
{
	struct search_term *t;

	if (p->pending_or) {
		if (neg)
			return err_set(e, "OR must stand between two words");
		p->terms[p->nterms - 1].or_next = 1;
		p->pending_or = 0;
	}
	p->terms = xreallocarray(p->terms, p->nterms + 1, sizeof *p->terms);
	t = &p->terms[p->nterms++];
	memset(t, 0, sizeof *t);
	t->col = col;
	t->text = xstrndup(s, len);
	t->prefix = prefix;
	t->neg = neg;
	p->last_was_word = !neg;
	p->last_was_term = 1;
	return 0;
}

static int
search_add_filter(struct search_parse *p, enum search_filter_kind kind, int neg,
    const char *text, int64_t value, struct err *e)
{
	struct search_filter *f;

	if (p->pending_or)
		return err_set(e, "OR must stand between two words");
	p->filters = xreallocarray(p->filters, p->nfilters + 1, sizeof *p->filters);
	f = &p->filters[p->nfilters++];
	f->kind = kind;
	f->neg = neg;
	f->text = text ? xstrdup(text) : NULL;
	f->value = value;
	p->last_was_word = 0;
	p->last_was_term = 0;
	return 0;
}

static int
search_digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++) {
		if (!text_isdigit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* A since:/before: value: 7d, 12h, 2w, 3m, 1y, YYYY-MM-DD, today, yesterday. */
static int
search_parse_when(const char *s, time_t now, int64_t *out)
{
	size_t len = strlen(s);
	int y, m, d;
	time_t t;
	int64_t midnight = ((int64_t)now / 86400) * 86400;

	if ((int64_t)now < 0)
		midnight -= 86400;
	if (strcmp(s, "today") == 0) {
		*out = midnight;
		return 0;
	}
	if (strcmp(s, "yesterday") == 0) {
		*out = midnight - 86400;
		return 0;
	}
	if (len >= 2 && len <= 7) {
		int64_t unit = 0;
		int n;

		switch (s[len - 1]) {
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		case 'm': unit = 30 * 86400; break;
		case 'y': unit = 365 * 86400; break;
		}
		if (unit && search_digits(s, len - 1, &n) == 0) {
			*out = (int64_t)now - (int64_t)n * unit;
			return 0;
		}
		return -1;
	}
	if (len != 10 || s[4] != '-' || s[7] != '-' || search_digits(s, 4, &y) < 0 ||
	    search_digits(s + 5, 2, &m) < 0 || search_digits(s + 8, 2, &d) < 0)
		return -1;
	if (y < 1900 || date_from_ymd(y, m, d, &t) < 0)
		return -1;
	*out = (int64_t)t;
	return 0;
}

static int
search_filter(struct search_parse *p, const char *name, const char *value, size_t vlen,
    int quoted, int prefix, int neg, time_t now, struct err *e)
{
	char *v;
	int64_t when;
	int rc = 0;

	if (strcmp(name, "title") == 0)
		return search_add_term(p, COL_TITLE, value, vlen, prefix, neg, e);
	if (strcmp(name, "author") == 0)
		return search_add_term(p, COL_AUTHOR, value, vlen, prefix, neg, e);
	if (strcmp(name, "feed") == 0)
		return search_add_term(p, COL_FEED, value, vlen, prefix, neg, e);

	v = xstrndup(value, vlen);
	if (prefix && !quoted) {
		/* the '*' was part of the value after all */
		free(v);
		v = xasprintf("%.*s*", (int)vlen, value);
	}
	if (strcmp(name, "tag") == 0) {
		rc = search_add_filter(p, FILTER_TAG, neg, v, 0, e);
	} else if (strcmp(name, "is") == 0) {
		if (strcasecmp(v, "unread") == 0 || strcasecmp(v, "new") == 0)
			rc = search_add_filter(p, FILTER_UNREAD, neg, NULL, 0, e);
		else if (strcasecmp(v, "read") == 0)
			rc = search_add_filter(p, FILTER_READ, neg, NULL, 0, e);
		else if (strcasecmp(v, "starred") == 0)
			rc = search_add_filter(p, FILTER_STARRED, neg, NULL, 0, e);
		else if (strcasecmp(v, "unstarred") == 0)
			rc = search_add_filter(p, FILTER_UNSTARRED, neg, NULL, 0, e);
		else
			rc = err_set(e, "unknown value in is:%.40s (use is:unread, is:read, "
			    "is:starred or is:unstarred)", v);
	} else if (strcmp(name, "since") == 0 || strcmp(name, "before") == 0) {
		if (search_parse_when(v, now, &when) < 0)
			rc = err_set(e, "bad date in %s: '%.40s' (use 7d, 12h, 2w, 3m, 1y, "
			    "today or a date like 2024-07-01)", name, v);
		else
			rc = search_add_filter(p, name[0] == 's' ? FILTER_SINCE : FILTER_BEFORE,
			    neg, NULL, when, e);
	} else {
		rc = err_set(e, "unknown filter '%.40s:' (filters: title: author: feed: tag: "
		    "is: since: before:; put a word with ':' in quotes to search for it)", name);
	}
	free(v);
	return rc;
}

/*
 * Split text into clauses.  Grammar (whitespace separates clauses):
 *   clause := ['-'] (name ':' value | '"' phrase '"' ['*'] | word ['*']) | OR | AND | NOT
 */
/* The "phrase" at s[*i] (a '"'): its text in *w, *wlen, and *i past the
 * closing quote.  Unclosed, it runs to the end of a query being typed
 * (SEARCH_LIVE) and is an error otherwise. */
static int
search_lex_quoted(const char *s, size_t len, size_t *i, const char **w, size_t *wlen,
    int flags, struct err *e)
{
	const char *q = memchr(s + *i + 1, '"', len - *i - 1);

	*w = s + *i + 1;
	if (q == NULL) {
		if (!(flags & SEARCH_LIVE))
			return err_set(e, "unbalanced quote");
		*wlen = len - *i - 1;
		*i = len;
	} else {
		*wlen = (size_t)(q - *w);
		*i = (size_t)(q - s) + 1;
	}
	return 0;
}

static int
search_lex(struct search_parse *p, const char *s, time_t now, int flags, struct err *e)
{
	size_t len = strlen(s), i = 0;
	int pending_not = 0;

	for (;;) {
		const char *w;
		size_t wlen = 0, j;
		int neg = pending_not, prefix = 0, quoted = 0;

		while (i < len && text_isspace(s[i]))
			i++;
		if (i == len)
			break;
		if (++p->nclauses > SEARCH_TERMS_MAX)
			return err_set(e, "too many words in the query (at most %d)",
			    SEARCH_TERMS_MAX);
		pending_not = 0;
		if (s[i] == '-' && i + 1 < len && !text_isspace(s[i + 1])) {
			neg = !neg;
			i++;
		}

		/* a filter: ASCII letters, then ':' and a value */
		for (j = i; j < len && text_isalpha(s[j]); j++)
			;
		if (j > i && j < len && s[j] == ':') {
			char name[16];
			size_t n = j - i, k;

			if (n >= sizeof name)
				return err_set(e, "unknown filter '%.*s:'", (int)(n > 40 ? 40 : n),
				    s + i);
			for (k = 0; k < n; k++)
				name[k] = (char)(s[i + k] | 0x20);	/* ASCII lower case */
			name[n] = '\0';
			i = j + 1;
			if (i < len && s[i] == '"') {
				quoted = 1;
				if (search_lex_quoted(s, len, &i, &w, &wlen, flags, e) < 0)
					return -1;
			} else {
				w = s + i;
				while (i < len && !text_isspace(s[i]))
					i++;
				wlen = (size_t)(s + i - w);
			}
			while (i < len && s[i] == '*') {
				prefix = 1;
				i++;
			}
			while (!quoted && wlen > 0 && w[wlen - 1] == '*') {
				prefix = 1;
				wlen--;
			}
			if (wlen == 0)
				return err_set(e, "%s: needs a value", name);
			if (search_filter(p, name, w, wlen, quoted, prefix, neg, now, e) < 0)
				return -1;
			continue;
		}

		if (s[i] == '"') {
			if (search_lex_quoted(s, len, &i, &w, &wlen, flags, e) < 0)
				return -1;
			while (i < len && s[i] == '*') {
				prefix = 1;
				i++;
			}
		} else {
			w = s + i;
			while (i < len && !text_isspace(s[i]) && s[i] != '"')
				i++;
			wlen = (size_t)(s + i - w);
			if (!neg && wlen == 2 && memcmp(w, "OR", 2) == 0) {
				if (!p->last_was_word || p->pending_or)
					return err_set(e, "OR must stand between two words");
				p->pending_or = 1;
				continue;
			}
			if (!neg && wlen == 3 && memcmp(w, "AND", 3) == 0)
				continue;
			if (wlen == 3 && memcmp(w, "NOT", 3) == 0) {
				pending_not = !neg;
				continue;
			}
			while (wlen > 0 && w[wlen - 1] == '*') {
				prefix = 1;
				wlen--;
			}
		}
		if (search_add_term(p, COL_ANY, w, wlen, prefix, neg, e) < 0)
			return -1;
	}
	/* while typing, a trailing OR or NOT waits for the next word */
	if (p->pending_or && !(flags & SEARCH_LIVE))
		return err_set(e, "OR must stand between two words");
	p->pending_or = 0;
	if (pending_not && !(flags & SEARCH_LIVE))
		return err_set(e, "NOT needs a word after it");
	/* while typing, the word under the cursor is not finished yet */
	if ((flags & SEARCH_LIVE) && len > 0 && !text_isspace(s[len - 1]) &&
	    p->last_was_term)
		p->terms[p->nterms - 1].prefix = 1;
	return 0;
}

/* --- building the FTS5 expression and the SQL --- */

/* One term: [column :] "text with "" doubled" [*] */
static void
search_fts_term(struct buf *b, const struct search_term *t)
{
	const char *s;

	if (t->col != COL_ANY) {
		buf_addstr(b, search_col_names[t->col]);
		buf_addstr(b, " : ");
	}
	buf_addstr(b, "\"");
	for (s = t->text; *s; s++) {
		buf_addc(b, *s);
		if (*s == '"')
			buf_addc(b, '"');
	}
	buf_addstr(b, t->prefix ? "\" *" : "\"");
}

/* The wanted terms: groups joined by OR, the groups joined by AND. */
static void
search_fts_wanted(struct buf *b, const struct search_parse *p)
{
	size_t i, j;
	int first = 1;

	for (i = 0; i < p->nterms; i = j) {
		size_t n = 0, k;
		int firstk = 1;

		/* a group: i .. j-1, linked by or_next */
		for (j = i; j < p->nterms; j++) {
			if (!p->terms[j].neg && p->terms[j].ntokens > 0)
				n++;
			if (!p->terms[j].or_next) {
				j++;
				break;
			}
		}
		if (p->terms[i].neg || n == 0)
			continue;
		if (!first)
			buf_addstr(b, " AND ");
		first = 0;
		if (n > 1)
			buf_addstr(b, "(");
		for (k = i; k < j; k++) {
			if (p->terms[k].ntokens == 0)
				continue;
			if (!firstk)
				buf_addstr(b, " OR ");
			firstk = 0;
			search_fts_term(b, &p->terms[k]);
		}
		if (n > 1)
			buf_addstr(b, ")");
	}
}

static void
search_fts_unwanted(struct buf *b, const struct search_parse *p)
{
	size_t i;
	int first = 1;

	for (i = 0; i < p->nterms; i++) {
		if (!p->terms[i].neg || p->terms[i].ntokens == 0)
			continue;
		if (!first)
			buf_addstr(b, " OR ");
		first = 0;
		search_fts_term(b, &p->terms[i]);
	}
}

static void
search_sql_filters(struct buf *b, const struct search_parse *p)
{
	size_t i;

	for (i = 0; i < p->nfilters; i++) {
		const struct search_filter *f = &p->filters[i];
		int param = SEARCH_PARAM_BASE + (int)i;

		if (i > 0)
			buf_addstr(b, " AND ");
		if (f->neg)
			buf_addstr(b, "NOT ");
		switch (f->kind) {
		case FILTER_TAG:
			buf_printf(b, "(i.feed_id IN (SELECT feed_id FROM feed_tags "
			    "WHERE tag = ?%d COLLATE NOCASE))", param);
			break;
		case FILTER_READ:
			buf_addstr(b, "(i.read = 1)");
			break;
		case FILTER_UNREAD:
			buf_addstr(b, "(i.read = 0)");
			break;
		case FILTER_STARRED:
			buf_addstr(b, "(i.starred = 1)");
			break;
		case FILTER_UNSTARRED:
			buf_addstr(b, "(i.starred = 0)");
			break;
		case FILTER_SINCE:
			buf_printf(b, "(i.published >= ?%d)", param);
			break;
		case FILTER_BEFORE:
			buf_printf(b, "(i.published < ?%d)", param);
			break;
		}
	}
}

void
search_bind_filters(sqlite3_stmt *st, const struct search_query *q)
{
	size_t i;

	for (i = 0; i < q->nfilters; i++) {
		const struct search_filter *f = &q->filters[i];
		int param = SEARCH_PARAM_BASE + (int)i;

		if (f->kind == FILTER_TAG)
			db_bind_text(st, param, f->text);
		else if (f->kind == FILTER_SINCE || f->kind == FILTER_BEFORE)
			sqlite3_bind_int64(st, param, (sqlite3_int64)f->value);
	}
}

/*
 * Ranking joins every candidate to items for its date and filters.  Item
 * rows are wide (they hold the feed's HTML), so on a big cache that join
 * reads a page per candidate; the narrow index items_search of schema 2
 * (store/db_schema.c, migration 1 -> 2) holds the same columns in a few MB,
 * in id order.  SQLite's planner
 * prefers the rowid lookup, hence INDEXED BY, used only when the index is
 * there (a cache from before the migration still works, more slowly).
 */
static const char *
search_items_source(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'index' AND name = 'items_search' AND tbl_name = 'items'", NULL);
	int have = 0;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return have ? "items i INDEXED BY items_search" : "items i";
}

static int
search_has_field_words(const struct search_parse *p)
{
	size_t i;

	for (i = 0; i < p->nterms; i++)
		if (!p->terms[i].neg && p->terms[i].ntokens > 0 && p->terms[i].col != COL_ANY)
			return 1;
	return 0;
}

static void
search_phrases_free(struct search_phrase *ph, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < ph[i].n; k++)
			free(ph[i].tokens[k]);
		free(ph[i].tokens);
	}
	free(ph);
}

struct search_query *
search_compile(struct db *db, const char *text, time_t now, int flags, struct err *e)
{
	struct search_parse p;
	struct search_query *q = NULL;
	struct search_tok tok;
	struct buf b;
	size_t i, nwanted = 0, nunwanted = 0;

	memset(&p, 0, sizeof p);
	if (text == NULL)
		text = "";
	if (strlen(text) > SEARCH_QUERY_MAX) {
		err_set(e, "query too long (at most %d bytes)", SEARCH_QUERY_MAX);
		return NULL;
	}
	if (search_lex(&p, text, now, flags, e) < 0) {
		search_parse_release(&p);
		return NULL;
	}
	if (search_tok_open(db, &tok, e) < 0) {
		search_parse_release(&p);
		return NULL;
	}

	q = xcalloc(1, sizeof *q);
	q->now = now;
	q->items = search_items_source(db);
	/* A term the index would see no word in ("--", "…") matches nothing
	 * and is left out, as search engines ignore punctuation. */
	for (i = 0; i < p.nterms; i++) {
		struct search_term *t = &p.terms[i];
		struct search_tokens ts = { .count_only = t->neg };

		if (search_tokenize(&tok, FTS5_TOKENIZE_QUERY, t->text, strlen(t->text), &ts) < 0) {
			search_tokens_release(&ts);
			err_set(e, "cannot read the words of the query");
			goto fail;
		}
		t->ntokens = (int)(ts.n > 1000 ? 1000 : ts.n);
		if (t->ntokens == 0) {
			search_tokens_release(&ts);
			continue;
		}
		if (t->neg) {
			nunwanted++;
		} else {
			struct search_phrase *ph;
			size_t k;

			nwanted++;
			q->phrases = xreallocarray(q->phrases, q->nphrases + 1, sizeof *q->phrases);
			ph = &q->phrases[q->nphrases++];
			ph->n = ts.n;
			ph->prefix = t->prefix;
			ph->tokens = xcalloc(ts.n, sizeof *ph->tokens);
			for (k = 0; k < ts.n; k++) {
				ph->tokens[k] = ts.v[k].text;
				ts.v[k].text = NULL;
			}
		}
		search_tokens_release(&ts);
	}
	if (nwanted == 0 && nunwanted == 0 && p.nfilters == 0) {
		err_set(e, "nothing to search for");
		goto fail;
	}

	buf_init(&b, 0);
	if (nwanted > 0) {
		if (nunwanted > 0)
			buf_addstr(&b, "(");
		search_fts_wanted(&b, &p);
		if (nunwanted > 0) {
			buf_addstr(&b, ") NOT (");
			search_fts_unwanted(&b, &p);
			buf_addstr(&b, ")");
		}
	} else if (nunwanted > 0) {
		search_fts_unwanted(&b, &p);
		q->neg_fts = buf_take(&b);
	}
	q->fts = buf_take(&b);
	if (nwanted > 0 && !search_has_field_words(&p)) {
		buf_addstr(&b, "(title : (");
		search_fts_wanted(&b, &p);
		buf_addstr(&b, "))");
		if (nunwanted > 0) {
			buf_addstr(&b, " NOT (");
			search_fts_unwanted(&b, &p);
			buf_addstr(&b, ")");
		}
		q->title_fts = buf_take(&b);
	}
	search_sql_filters(&b, &p);
	/* feeds no longer in the feeds file are hidden (store/feeds.h) */
	if (feeds_any_unlisted(db, NULL) > 0)
		buf_addstr(&b, b.len ? " AND " FEEDS_LISTED_ONLY : FEEDS_LISTED_ONLY);
	q->sql = buf_take(&b);
	buf_release(&b);

	q->filters = p.filters;
	q->nfilters = p.nfilters;
	p.filters = NULL;
	p.nfilters = 0;
	search_tok_close(&tok);
	search_parse_release(&p);
	return q;
fail:
	search_tok_close(&tok);
	search_parse_release(&p);
	search_query_free(q);
	return NULL;
}

void
search_query_free(struct search_query *q)
{
	size_t i;

	if (q == NULL)
		return;
	free(q->fts);
	free(q->neg_fts);
	free(q->title_fts);
	free(q->sql);
	for (i = 0; i < q->nfilters; i++)
		free(q->filters[i].text);
	free(q->filters);
	search_phrases_free(q->phrases, q->nphrases);
	free(q);
}

const char *
search_query_fts(const struct search_query *q)
{
	return q->fts ? q->fts : "";
}
