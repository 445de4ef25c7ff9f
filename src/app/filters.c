/*
 * filters (app): ignore-article, ignore-mode and define-filter from the
 * config (see filters.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/filters.h"
#include "feed/feedlist.h"
#include "store/feeds.h"
#include "store/search.h"
#include "store/views.h"
#include "util/buf.h"
#include "util/xalloc.h"

static void
add_error(struct settings *cfg, const char *where, const char *cmd, const char *msg)
{
	/* the same cap as settings' own messages (SETTINGS_MAX_ERRORS) */
	if (cfg->nerrors >= SETTINGS_MAX_ERRORS)
		return;
	cfg->errors = xreallocarray(cfg->errors, cfg->nerrors + 1, sizeof *cfg->errors);
	cfg->errors[cfg->nerrors++] = xasprintf("%s: %s: %s", where, cmd, msg);
}

void
filters_check(struct settings *cfg)
{
	const struct settings_line *l;
	struct filter_ignore r;
	struct err e;
	size_t n, i;

	l = settings_lines(cfg, SETTINGS_L_IGNORE_ARTICLE, &n);
	for (i = 0; i < n; i++) {
		if (filter_ignore_init(&r, l[i].argv[1], l[i].argv[2], &e) < 0) {
			add_error(cfg, l[i].where, "ignore-article", e.msg);
			continue;
		}
		filter_ignore_release(&r);
	}
	l = settings_lines(cfg, SETTINGS_L_DEFINE_FILTER, &n);
	for (i = 0; i < n; i++) {
		struct filter *f = filter_parse(l[i].argv[2], &e);

		if (f == NULL) {
			add_error(cfg, l[i].where, "define-filter", e.msg);
			continue;
		}
		filter_free(f);
	}
	l = settings_lines(cfg, SETTINGS_L_HIGHLIGHT_ARTICLE, &n);
	for (i = 0; i < n; i++) {
		struct filter *f = filter_parse(l[i].argv[1], &e);

		if (f == NULL) {
			add_error(cfg, l[i].where, "highlight-article", e.msg);
			continue;
		}
		filter_free(f);
	}
}

void
filters_load(struct filters *fs, const struct settings *cfg)
{
	const struct settings_line *l;
	struct err e;
	size_t n, i;

	memset(fs, 0, sizeof *fs);
	fs->display = strcmp(settings_str(cfg, SETTINGS_V_IGNORE_MODE), "display") == 0;
	l = settings_lines(cfg, SETTINGS_L_IGNORE_ARTICLE, &n);
	if (n > 0)
		fs->ignore = xcalloc(n, sizeof *fs->ignore);
	for (i = 0; i < n; i++)
		if (filter_ignore_init(&fs->ignore[fs->nignore], l[i].argv[1], l[i].argv[2],
		    &e) == 0)
			fs->nignore++;
	l = settings_lines(cfg, SETTINGS_L_DEFINE_FILTER, &n);
	if (n > 0)
		fs->named = xcalloc(n, sizeof *fs->named);
	for (i = 0; i < n; i++) {
		struct filter *f = filter_parse(l[i].argv[2], &e);

		if (f == NULL)
			continue;
		fs->named[fs->nnamed].name = xstrdup(l[i].argv[1]);
		fs->named[fs->nnamed++].f = f;
	}
	l = settings_lines(cfg, SETTINGS_L_HIGHLIGHT_ARTICLE, &n);
	if (n > 0) {
		fs->hl = xcalloc(n, sizeof *fs->hl);
		fs->hl_line = xcalloc(n, sizeof *fs->hl_line);
	}
	for (i = 0; i < n; i++) {
		struct filter *f = filter_parse(l[i].argv[1], &e);

		if (f == NULL)
			continue;
		fs->hl_line[fs->nhl] = i;
		fs->hl[fs->nhl++] = f;
	}
}

void
filters_release(struct filters *fs)
{
	size_t i;

	for (i = 0; i < fs->nignore; i++)
		filter_ignore_release(&fs->ignore[i]);
	free(fs->ignore);
	for (i = 0; i < fs->nnamed; i++) {
		free(fs->named[i].name);
		filter_free(fs->named[i].f);
	}
	free(fs->named);
	for (i = 0; i < fs->nhl; i++)
		filter_free(fs->hl[i]);
	free(fs->hl);
	free(fs->hl_line);
	memset(fs, 0, sizeof *fs);
}

const struct filter *
filters_named(const struct filters *fs, const char *name)
{
	size_t i;

	/* a name defined twice: the later line wins, as a later set does */
	for (i = fs->nnamed; i-- > 0;)
		if (strcmp(fs->named[i].name, name) == 0)
			return fs->named[i].f;
	return NULL;
}

void
filters_scope(const struct filters *fs, struct filter_scope *s)
{
	s->ignore = fs->display ? fs->ignore : NULL;
	s->nignore = fs->display ? fs->nignore : 0;
}

/* A parsed item's attributes, for filter_match. */
struct keep_ctx {
	const struct item *it;
	const char *feed_url, *feed_title, *site, *tags;
	size_t index, n;
	int unread, total;
	time_t now;
	char num[FILTER_NATTRS][64];
};

static const char *
keep_value(void *arg, enum filter_attr a)
{
	struct keep_ctx *c = arg;
	const struct item *it = c->it;
	long long v;

	switch (a) {
	case FILTER_A_TITLE: return it->title ? it->title : "";
	case FILTER_A_LINK: return it->link ? it->link : "";
	case FILTER_A_AUTHOR: return it->author ? it->author : "";
	case FILTER_A_CONTENT:
		return it->content && *it->content ? it->content : it->summary ? it->summary : "";
	case FILTER_A_GUID: return it->guid;
	case FILTER_A_UNREAD: return "yes";	/* a new item is unread */
	case FILTER_A_ENCLOSURE_URL:
		return it->nenclosures && it->enclosures[0].url ? it->enclosures[0].url : "";
	case FILTER_A_ENCLOSURE_TYPE:
		return it->nenclosures && it->enclosures[0].type ? it->enclosures[0].type : "";
	case FILTER_A_FEEDTITLE: return c->feed_title ? c->feed_title : "";
	case FILTER_A_FEEDLINK: return c->site ? c->site : "";
	case FILTER_A_RSSURL: return c->feed_url;
	case FILTER_A_TAGS: return c->tags;
	case FILTER_A_DATE:
		filter_date_text(it->published, c->num[a], sizeof c->num[a]);
		return c->num[a];
	case FILTER_A_AGE: v = (long long)(c->now - it->published) / 86400; break;
	case FILTER_A_ARTICLEINDEX: v = (long long)c->index + 1; break;
	case FILTER_A_UNREAD_COUNT: v = c->unread; break;
	case FILTER_A_TOTAL_COUNT: v = c->total; break;
	default: return "";
	}
	snprintf(c->num[a], sizeof c->num[a], "%lld", v);
	return c->num[a];
}

size_t
filters_keep(const struct filters *fs, struct db *db, int64_t feed_id,
    const char *feed_url, const char *feed_title, const struct item *items,
    char *const *texts, size_t n, time_t now, struct item **kept, char ***kept_texts)
{
	struct keep_ctx c = { 0 };
	struct feed_row row = { 0 };
	struct buf tags;
	size_t i, r, nk = 0, nrules = 0, nmatched = 0;
	int have_row, need_row = 0, *known, *matched;
	const struct filter **rules;
	const char **guids;

	*kept = xcalloc(n ? n : 1, sizeof **kept);
	if (kept_texts != NULL)
		*kept_texts = texts ? xcalloc(n ? n : 1, sizeof **kept_texts) : NULL;
	/* the rules for this feed, once (a feed pattern may be a regex) */
	rules = xcalloc(fs->nignore ? fs->nignore : 1, sizeof *rules);
	for (r = 0; r < fs->nignore; r++) {
		const struct filter *m = fs->ignore[r].match;

		if (!filter_ignore_feed(&fs->ignore[r], feed_url))
			continue;
		rules[nrules++] = m;
		/* the feed's row (tags, site, counts) only when a rule reads it */
		need_row |= m->uses[FILTER_A_TAGS] || m->uses[FILTER_A_FEEDLINK] ||
		    m->uses[FILTER_A_UNREAD_COUNT] || m->uses[FILTER_A_TOTAL_COUNT] ||
		    m->uses[FILTER_A_FEEDTITLE];
	}
	have_row = nrules > 0 && need_row && feeds_get(db, feed_id, NULL, &row, NULL) == 1;
	buf_init(&tags, 0);
	filter_tags_value(have_row ? row.tags : NULL, &tags);
	c.feed_url = feed_url;
	c.feed_title = have_row && row.title ? row.title : feed_title;
	c.site = have_row ? row.site : NULL;
	c.tags = tags.data;
	c.unread = have_row ? row.unread : 0;
	c.total = have_row ? row.total : 0;
	c.now = now;
	c.n = n;
	matched = xcalloc(n ? n : 1, sizeof *matched);
	for (i = 0; i < n && nrules > 0; i++) {
		c.it = &items[i];
		c.index = i;
		for (r = 0; r < nrules && !matched[i]; r++)
			matched[i] = filter_match(rules[r], keep_value, &c);
		nmatched += (size_t)matched[i];
	}
	/*
	 * Only new items are dropped: the ones the cache holds were checked
	 * when they came.  Asked of the cache for the matched ones only (a
	 * lookup an item cost more than the rules).
	 */
	known = xcalloc(n ? n : 1, sizeof *known);
	guids = xcalloc(nmatched ? nmatched : 1, sizeof *guids);
	if (nmatched > 0) {
		size_t k = 0;
		int *mk = xcalloc(nmatched, sizeof *mk);

		for (i = 0; i < n; i++)
			if (matched[i])
				guids[k++] = items[i].guid;
		if (filter_sql_known(db, feed_id, guids, nmatched, mk, NULL) < 0)
			memset(mk, 0, nmatched * sizeof *mk);
		for (i = 0, k = 0; i < n; i++)
			if (matched[i])
				known[i] = mk[k++];
		free(mk);
	}
	for (i = 0; i < n; i++) {
		if (matched[i] && !known[i])
			continue;
		(*kept)[nk] = items[i];
		if (kept_texts != NULL && texts != NULL)
			(*kept_texts)[nk] = texts[i];
		nk++;
	}
	buf_release(&tags);
	free(guids);
	free(known);
	free(matched);
	free(rules);
	if (have_row)
		feed_row_release(&row);
	return nk;
}

void
filters_view_init(struct filters_view *fv, const struct settings *cfg)
{
	memset(fv, 0, sizeof *fv);
	filters_load(&fv->fs, cfg);
	fv->lazy = cfg->values[SETTINGS_V_PREPOPULATE_QUERY_FEEDS] != NULL &&
	    !settings_bool(cfg, SETTINGS_V_PREPOPULATE_QUERY_FEEDS);
}

void
filters_view_clear(struct filters_view *fv)
{
	filter_free(fv->active);
	free(fv->active_text);
	fv->active = NULL;
	fv->active_text = NULL;
}

void
filters_view_release(struct filters_view *fv)
{
	size_t i;

	filters_view_clear(fv);
	filters_release(&fv->fs);
	for (i = 0; i < fv->nqueries; i++) {
		free(fv->queries[i].title);
		free(fv->queries[i].expr);
		filter_free(fv->queries[i].f);
	}
	free(fv->queries);
	fv->queries = NULL;
	fv->nqueries = 0;
}

void
filters_view_queries(struct filters_view *fv, const char *path, char **bad)
{
	struct feedlist *fl;
	struct err e;
	int missing = 0;

	if (path == NULL || (fl = feedlist_load(path, &missing, &e)) == NULL)
		return;
	filters_view_queries_of(fv, fl, bad);
	feedlist_free(fl);
}

void
filters_view_queries_of(struct filters_view *fv, const struct feedlist *fl, char **bad)
{
	struct err e;
	size_t i;

	for (i = 0; i < fl->nlines; i++) {
		const struct feedlist_line *l = &fl->lines[i];
		struct filter *f;

		/* "query:TITLE:EXPR", split by feedlist as newsboat does */
		if (l->kind != FEEDLIST_QUERY)
			continue;
		if ((f = filter_parse(l->query, &e)) == NULL) {
			if (bad != NULL && *bad == NULL)
				*bad = xasprintf("%s:%d: query feed \"%s\": %s", fl->name,
				    l->lineno, l->title, e.msg);
			continue;
		}
		fv->queries = xreallocarray(fv->queries, fv->nqueries + 1, sizeof *fv->queries);
		memset(&fv->queries[fv->nqueries], 0, sizeof fv->queries[fv->nqueries]);
		fv->queries[fv->nqueries].title = xstrdup(l->title);
		fv->queries[fv->nqueries].expr = xstrdup(l->query);
		fv->queries[fv->nqueries].f = f;
		fv->nqueries++;
	}
}

int
filters_view_count(struct filters_view *fv, struct db *db, struct err *e)
{
	size_t i;

	for (i = 0; i < fv->nqueries; i++) {
		struct filter_scope s = { 0 };

		if (fv->lazy && !fv->queries[i].opened)
			continue;
		s.match = fv->queries[i].f;
		filters_scope(&fv->fs, &s);
		s.now = time(NULL);
		if (filter_sql_count(db, &s, &fv->queries[i].unread, &fv->queries[i].total,
		    e) < 0)
			return -1;
		fv->queries[i].counted = 1;
	}
	return 0;
}

int
filters_view_mark_read(struct filters_view *fv, struct db *db, struct items_query *q,
    int64_t max_id, struct err *e)
{
	(void)fv;
	if (q->filter_view == 0)
		return 0;
	return filter_sql_mark_read(db, q, max_id, e) < 0 ? -1 : 1;
}

int
filters_view_set(struct filters_view *fv, const char *text, struct err *e)
{
	const struct filter *named = filters_named(&fv->fs, text);
	struct filter *f;

	/* a define-filter's name is parsed again: the view owns its tree */
	f = filter_parse(named != NULL ? named->text : text, e);
	if (f == NULL)
		return -1;
	filters_view_clear(fv);
	fv->active = f;
	fv->active_text = xstrdup(text);
	return 0;
}

int
filters_view_apply(struct filters_view *fv, struct db *db, struct items_query *q,
    struct err *e)
{
	struct filter_scope s = { 0 };

	q->filter_view = 0;
	s.match = fv->active;
	s.also = fv->query;
	filters_scope(&fv->fs, &s);
	s.now = time(NULL);
	if (s.match == NULL && s.also == NULL && s.nignore == 0)
		return 0;
	if (s.nignore > 0) {
		int64_t max = 0;

		/* a rule scans every item: only again when items came */
		if (views_max_item_id(db, &max, e) < 0)
			return -1;
		s.keep_hidden = fv->hidden_max_id != 0 && max == fv->hidden_max_id;
		fv->hidden_max_id = max;
	}
	if (filter_sql_view(db, &s, &q->filter_view, e) < 0) {
		fv->hidden_max_id = 0;
		return -1;
	}
	return 0;
}

int
filters_search_words(const struct filters *fs, char *query, const struct filter **match,
    struct err *e)
{
	char *p = query, *w;
	int quoted = 0;

	*match = NULL;
	for (; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		if (quoted || strncmp(p, "filter:", 7) != 0 || (p > query && p[-1] != ' '))
			continue;
		w = p + 7;
		while (*w && *w != ' ')
			w++;
		{
			char name[256];
			size_t len = (size_t)(w - p - 7);

			if (len == 0 || len >= sizeof name)
				return err_set(e, "filter: needs the name of a define-filter line");
			memcpy(name, p + 7, len);
			name[len] = '\0';
			if ((*match = filters_named(fs, name)) == NULL)
				return err_set(e, "no define-filter line defines \"%s\"", name);
		}
		/* the word goes; the rest of the query moves up */
		memmove(p, w, strlen(w) + 1);
		p--;
	}
	return 0;
}

int
filters_search_keep(const struct filters *fs, struct db *db, const struct filter *match,
    struct search_result *r, int limit, struct err *e)
{
	struct filter_scope s = { 0 };
	int64_t *ids;
	int *keep;
	size_t i, k = 0;

	s.match = match;
	filters_scope(fs, &s);
	s.now = time(NULL);
	if (s.match == NULL && s.nignore == 0)
		return limit > 0 && (size_t)limit < r->n ? limit : (int)r->n;
	ids = xcalloc(r->n ? r->n : 1, sizeof *ids);
	keep = xcalloc(r->n ? r->n : 1, sizeof *keep);
	for (i = 0; i < r->n; i++)
		ids[i] = r->hits[i].id;
	if (filter_sql_keep(db, &s, ids, r->n, keep, e) < 0) {
		free(ids);
		free(keep);
		return -1;
	}
	/* stable: each kept hit moves up past the dropped ones */
	for (i = 0; i < r->n; i++) {
		if (!keep[i] || (limit > 0 && k == (size_t)limit))
			continue;
		if (i != k) {
			struct search_hit t = r->hits[k];

			r->hits[k] = r->hits[i];
			r->hits[i] = t;
		}
		k++;
	}
	free(ids);
	free(keep);
	return (int)k;
}

int
filters_highlight_rows(const struct filters *fs, struct db *db, const int64_t *ids,
    size_t n, int *rule, struct err *e)
{
	struct filter_scope s = { 0 };
	int *keep;
	size_t r, i;
	int rc = 0;

	for (i = 0; i < n; i++)
		rule[i] = -1;
	if (fs->nhl == 0 || n == 0)
		return 0;
	keep = xcalloc(n, sizeof *keep);
	s.now = time(NULL);
	for (r = 0; r < fs->nhl && rc == 0; r++) {
		s.match = fs->hl[r];
		rc = filter_sql_keep(db, &s, ids, n, keep, e);
		for (i = 0; i < n && rc == 0; i++)
			if (keep[i] && rule[i] < 0)
				rule[i] = (int)fs->hl_line[r];
	}
	free(keep);
	return rc;
}

void
filters_view_changed(struct filters_view *fv)
{
	fv->hidden_max_id = 0;
}
