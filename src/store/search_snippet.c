/*
 * search_snippet (store): search results as one clean line each, the
 * snippet window with the most wanted words, and the byte ranges of the
 * matches (in results and, search_highlight, in any text).
 */
#include "store/search_priv.h"

#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Copy s into a one-line string: control characters (tabs and newlines
 * too) and runs of white space become one space; invalid UTF-8 becomes
 * U+FFFD.  At most SEARCH_FIELD_MAX bytes, cut at a character. */
char *
search_clean(const char *s)
{
	struct buf b;
	size_t len, i = 0;
	int space = 1;		/* swallow leading white space */

	buf_init(&b, SEARCH_FIELD_MAX);
	if (s == NULL)
		return buf_take(&b);
	len = strlen(s);
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		char enc[4];

		i += n;
		if (cp == ' ' || text_is_removed(cp, 0) || cp == 0x85 || cp == 0x2028 ||
		    cp == 0x2029) {
			if (!space && buf_addc(&b, ' ') < 0)
				break;
			space = 1;
			continue;
		}
		if (buf_add(&b, enc, text_encode(cp, enc)) < 0)
			break;
		space = 0;
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_take(&b);
}

/* A place a wanted phrase occurs: tokens first..last of a tokenized text. */
struct search_match {
	size_t first, last;
	size_t phrase;
};

static int
search_match_cmp(const void *a, const void *b)
{
	const struct search_match *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->last < y->last ? -1 : x->last > y->last;
}

/* Every occurrence of a wanted phrase in ts, in text order. */
static size_t
search_matches(const struct search_query *q, const struct search_tokens *ts,
    struct search_match **out)
{
	struct search_match *v = NULL;
	size_t nv = 0, cap = 0, i, j, k;

	for (i = 0; i < q->nphrases; i++) {
		const struct search_phrase *ph = &q->phrases[i];
		size_t plen = strlen(ph->tokens[ph->n - 1]);

		for (j = 0; j + ph->n <= ts->n; j++) {
			for (k = 0; k < ph->n; k++) {
				const char *want = ph->tokens[k], *have = ts->v[j + k].text;

				if (k + 1 == ph->n && ph->prefix ? strncmp(have, want, plen) != 0
				    : strcmp(have, want) != 0)
					break;
			}
			if (k < ph->n)
				continue;
			if (nv == cap) {
				cap = cap ? cap * 2 : 16;
				v = xreallocarray(v, cap, sizeof *v);
			}
			v[nv].first = j;
			v[nv].last = j + ph->n - 1;
			v[nv].phrase = i;
			nv++;
		}
	}
	if (nv > 1)
		qsort(v, nv, sizeof *v, search_match_cmp);
	*out = v;
	return nv;
}

/* The byte ranges of the matches within tokens [from, to), moved by
 * add - base, overlapping ones merged, appended to *spans. */
static void
search_match_spans(const struct search_tokens *ts, const struct search_match *m, size_t nm,
    size_t from, size_t to, size_t base, size_t add, struct search_span **spans,
    size_t *nspans)
{
	size_t i, cap = *nspans;

	for (i = 0; i < nm; i++) {
		size_t s, e;

		if (m[i].first < from || m[i].last >= to)
			continue;
		s = ts->v[m[i].first].start - base + add;
		e = ts->v[m[i].last].end - base + add;
		if (*nspans > 0 && s <= (*spans)[*nspans - 1].end) {
			if (e > (*spans)[*nspans - 1].end)
				(*spans)[*nspans - 1].end = e;
			continue;
		}
		if (*nspans == cap) {
			cap = cap ? cap * 2 : 8;
			*spans = xreallocarray(*spans, cap, sizeof **spans);
		}
		(*spans)[*nspans].start = s;
		(*spans)[(*nspans)++].end = e;
	}
}

/*
 * raw as one clean line with the query's matches as spans.  words > 0
 * makes a snippet: the window of that many words holding the most
 * different wanted phrases (then the most matches), "…" where text was
 * cut.  Matching tokenizes the way the index does, so it agrees with
 * what FTS5 matched; the index's own snippet() would re-run the whole
 * query (prefix expansion included) once per hit.
 */
char *
search_excerpt(struct search_tok *tok, const struct search_query *q, const char *raw,
    int words, struct search_span **spans, size_t *nspans)
{
	struct search_tokens ts = { 0 };
	struct search_match *m = NULL;
	size_t nm = 0, len, begin = 0, end, bstart, bend, i, j, lead, pre;
	size_t best_distinct = 0, best_count = 0;
	char *clean, *cut;
	struct buf b;

	*spans = NULL;
	*nspans = 0;
	if (raw == NULL)
		return xstrdup("");
	len = strlen(raw);
	if (len > SEARCH_SNIPPET_SCAN)
		len = text_utf8_complete(raw, SEARCH_SNIPPET_SCAN);
	cut = xstrndup(raw, len);
	clean = search_clean(cut);
	free(cut);
	len = strlen(clean);
	if (search_tokenize(tok, FTS5_TOKENIZE_DOCUMENT, clean, len, &ts) < 0 || ts.n == 0) {
		search_tokens_release(&ts);
		return clean;
	}
	nm = search_matches(q, &ts, &m);
	if (words <= 0 || ts.n <= (size_t)words) {
		search_match_spans(&ts, m, nm, 0, ts.n, 0, 0, spans, nspans);
		free(m);
		search_tokens_release(&ts);
		return clean;
	}

	lead = (size_t)words / 4;
	for (i = 0; i < nm && i < 256; i++) {
		size_t b0 = m[i].first > lead ? m[i].first - lead : 0, e0 = b0 + (size_t)words;
		size_t count = 0, distinct = 0;
		uint64_t seen = 0;

		if (e0 > ts.n) {
			e0 = ts.n;
			b0 = e0 - (size_t)words;
		}
		for (j = 0; j < nm && m[j].first < e0; j++) {
			if (m[j].first < b0 || m[j].last >= e0)
				continue;
			count++;
			if (!(seen & (1ULL << (m[j].phrase & 63)))) {
				seen |= 1ULL << (m[j].phrase & 63);
				distinct++;
			}
		}
		if (distinct > best_distinct ||
		    (distinct == best_distinct && count > best_count)) {
			best_distinct = distinct;
			best_count = count;
			begin = b0;
		}
	}
	end = begin + (size_t)words;
	bstart = begin == 0 ? 0 : ts.v[begin].start;
	bend = end >= ts.n ? len : ts.v[end].start;
	while (bend > bstart && clean[bend - 1] == ' ')
		bend--;
	buf_init(&b, 0);
	pre = begin > 0 ? strlen("\xe2\x80\xa6") : 0;
	if (pre)
		buf_addstr(&b, "\xe2\x80\xa6");
	buf_add(&b, clean + bstart, bend - bstart);
	if (end < ts.n)
		buf_addstr(&b, "\xe2\x80\xa6");
	search_match_spans(&ts, m, nm, begin, end, bstart, pre, spans, nspans);
	free(m);
	free(clean);
	search_tokens_release(&ts);
	clean = buf_take(&b);
	buf_release(&b);
	return clean;
}

/* --- highlighting text outside the index --- */

int
search_highlight(struct db *db, const struct search_query *q, const char *text,
    size_t len, struct search_span **spans, size_t *n, struct err *e)
{
	struct search_tokens ts = { 0 };
	struct search_match *m = NULL;
	struct search_tok tok;
	size_t nm;

	*spans = NULL;
	*n = 0;
	if (q->nphrases == 0 || len == 0)
		return 0;
	if (search_tok_open(db, &tok, e) < 0)
		return -1;
	if (search_tokenize(&tok, FTS5_TOKENIZE_DOCUMENT, text, len, &ts) < 0) {
		search_tokens_release(&ts);
		search_tok_close(&tok);
		return err_set(e, "cannot split the text into words");
	}
	search_tok_close(&tok);
	nm = search_matches(q, &ts, &m);
	search_match_spans(&ts, m, nm, 0, ts.n, 0, 0, spans, n);
	free(m);
	search_tokens_release(&ts);
	return 0;
}
