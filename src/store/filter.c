/*
 * filter (store): a filter tree compiled to SQL over the cache (see
 * store/filter.h).  The SQL is built from fixed fragments; every value of
 * the user's is a numbered parameter.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_priv.h"
#include "store/filter.h"
#include "store/filter_priv.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The pointer type tidings_regexp accepts (sqlite3_bind_pointer). */
#define REGEX_PTR "tidings_regex_t"
#define NODE_PTR "tidings_filter_node"

/* --- registered functions: filter/filter's own comparisons ------------- */

static const char *
arg_text(sqlite3_value *v)
{
	const unsigned char *s = sqlite3_value_text(v);

	return s ? (const char *)s : "";
}

/* tidings_regexp(REGEX_PTR, text): 1 when the compiled regex matches */
static void
fn_regexp(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const regex_t *re = sqlite3_value_pointer(argv[0], REGEX_PTR);

	(void)argc;
	if (re == NULL) {
		sqlite3_result_error(cx, "tidings_regexp: no regex", -1);
		return;
	}
	sqlite3_result_int(cx, filter_regex(re, arg_text(argv[1])));
}

/* tidings_match(NODE_PTR, text): a filter node's =~ (its literal branches
 * or its regex) */
static void
fn_match(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct filter_node *n = sqlite3_value_pointer(argv[0], NODE_PTR);

	(void)argc;
	if (n == NULL) {
		sqlite3_result_error(cx, "tidings_match: no filter", -1);
		return;
	}
	sqlite3_result_int(cx, filter_node_regex(n, arg_text(argv[1])));
}

/* tidings_num(text): newsboat's leading number of a string */
static void
fn_num(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(cx, filter_number(arg_text(argv[0])));
}

/* tidings_contains(list, word): word is one of list's ' '-separated fields */
static void
fn_contains(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(cx, filter_contains(arg_text(argv[0]), arg_text(argv[1])));
}

/* tidings_date(published): newsboat's date attribute */
static void
fn_date(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char out[64];

	(void)argc;
	filter_date_text((time_t)sqlite3_value_int64(argv[0]), out, sizeof out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

static int
register_functions(struct db *db, struct err *e)
{
	static const struct {
		const char *name;
		int nargs;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{ "tidings_regexp", 2, fn_regexp },
		{ "tidings_match", 2, fn_match },
		{ "tidings_num", 1, fn_num },
		{ "tidings_contains", 2, fn_contains },
		{ "tidings_date", 1, fn_date },
	};
	sqlite3_stmt *st;
	size_t i;

	/*
	 * Registered once a connection: redefining a function while another
	 * statement runs fails (SQLITE_BUSY), so look first.  A statement
	 * that names the last of them prepares only when all are there.
	 */
	if (sqlite3_prepare_v2(db->h, "SELECT tidings_date(0)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_finalize(st);
		return 0;
	}
	for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (sqlite3_create_function_v2(db->h, fns[i].name, fns[i].nargs,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, fns[i].fn,
		    NULL, NULL, NULL) != SQLITE_OK)
			return db_fail(db, e, "registering the filter functions");
	return 0;
}

/* --- the compiler ------------------------------------------------------- */


/* The feed's id where a feed-level attribute is written: f.id inside a
 * subquery over feeds, else the item's. */
#define FID(c) ((c)->in_feed ? "f.id" : "i.feed_id")

/* Append "?N" for a new parameter. */
static void
param(struct sqlc *c, struct param p)
{
	if (c->np == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->p = xreallocarray(c->p, c->cap, sizeof *c->p);
	}
	c->p[c->np++] = p;
	buf_printf(&c->sql, "?%zu", c->np);
}

static void
param_text(struct sqlc *c, const char *s)
{
	param(c, (struct param){ .kind = P_TEXT, .text = s });
}

static void
param_int(struct sqlc *c, long long v)
{
	param(c, (struct param){ .kind = P_INT, .num = v });
}

void
filter_sqlc_int(struct sqlc *c, long long v)
{
	param_int(c, v);
}

/* Attributes whose SQL is an integer (its text is what newsboat prints). */
static int
attr_is_number(enum filter_attr a)
{
	return a == FILTER_A_AGE || a == FILTER_A_ARTICLEINDEX || a == FILTER_A_UNREAD_COUNT ||
	    a == FILTER_A_TOTAL_COUNT || a == FILTER_A_FEEDINDEX ||
	    a == FILTER_A_LATEST_ARTICLE_AGE;
}

/* The attribute's value as SQL over items i and feeds f (never NULL). */
static void
attr_sql(struct sqlc *c, enum filter_attr a)
{
	switch (a) {
	case FILTER_A_TITLE:
		buf_addstr(&c->sql, "coalesce(i.title, '')");
		break;
	case FILTER_A_LINK:
		buf_addstr(&c->sql, "coalesce(i.url, '')");
		break;
	case FILTER_A_AUTHOR:
		buf_addstr(&c->sql, "coalesce(i.author, '')");
		break;
	case FILTER_A_CONTENT:
		/* the feed's body as newsboat keeps it: content, else summary */
		c->nodead = 1;
		buf_addstr(&c->sql, "coalesce(CASE WHEN i.content_html != '' THEN "
		    "i.content_html ELSE i.summary_html END, '')");
		break;
	case FILTER_A_DATE:
		c->nocache = 1;	/* local time: the time zone may change */
		buf_addstr(&c->sql, "tidings_date(i.published)");
		break;
	case FILTER_A_GUID:
		buf_addstr(&c->sql, "i.guid");
		break;
	case FILTER_A_UNREAD:
		buf_printf(&c->sql, "CASE WHEN %s = 0 THEN 'yes' ELSE 'no' END", c->read_col);
		break;
	case FILTER_A_ENCLOSURE_URL:
		buf_addstr(&c->sql, "coalesce(i.enclosure_url, '')");
		break;
	case FILTER_A_AGE:
		c->nocache = 1;
		buf_addstr(&c->sql, "((");
		param_int(c, (long long)c->now);
		buf_addstr(&c->sql, " - i.published) / 86400)");
		break;
	case FILTER_A_ARTICLEINDEX:
		c->noincr = 1;
		/* the item's place in its feed's list, newest first, from 1 */
		buf_addstr(&c->sql, "(SELECT count(*) FROM items j WHERE j.feed_id = i.feed_id "
		    "AND (j.published > i.published OR (j.published = i.published AND "
		    "j.id >= i.id)))");
		break;
	case FILTER_A_FEEDTITLE:
		c->nocache = 1;
		buf_addstr(&c->sql, "coalesce(f.title, '')");
		break;
	case FILTER_A_FEEDLINK:
		c->nocache = 1;
		buf_addstr(&c->sql, "coalesce(f.site, '')");
		break;
	case FILTER_A_RSSURL:
		buf_addstr(&c->sql, "f.url");
		break;
	case FILTER_A_UNREAD_COUNT:
		c->noincr = 1;
		c->nodelta = 1;	/* the other items' read flags */
		/* the feed's kept count (schema 10), not a count of its
		 * unread items for every feed: 21 ms -> 0.1 ms on 1M items */
		buf_addstr(&c->sql, c->in_feed ? "f.n_unread" : "(SELECT u.n_unread FROM feeds u "
		    "WHERE u.id = i.feed_id)");
		break;
	case FILTER_A_TOTAL_COUNT:
		c->noincr = 1;
		buf_addstr(&c->sql, c->in_feed ? "f.n_total" : "(SELECT u.n_total FROM feeds u "
		    "WHERE u.id = i.feed_id)");
		break;
	case FILTER_A_TAGS:
		/* newsboat's list: each tag followed by a space */
		buf_printf(&c->sql, "coalesce((SELECT group_concat(t.tag || ' ', '') FROM "
		    "feed_tags t WHERE t.feed_id = %s), '')", FID(c));
		break;
	case FILTER_A_FEEDINDEX:
		c->nocache = 1;		/* the feeds file's order: no trigger follows it */
		buf_addstr(&c->sql, "f.position");
		break;
	case FILTER_A_LATEST_ARTICLE_AGE:
		c->nocache = 1;
		buf_addstr(&c->sql, "coalesce((");
		param_int(c, (long long)c->now);
		buf_printf(&c->sql, " - (SELECT max(u.published) FROM items u WHERE "
		    "u.feed_id = %s)) / 86400, 0)", FID(c));
		break;
	default:
		/* description, feeddate, enclosure_type, flags: no data, "" */
		buf_addstr(&c->sql, "''");
		break;
	}
}

/* The attribute as text, for the string operators. */
static void
attr_text_sql(struct sqlc *c, enum filter_attr a)
{
	if (!attr_is_number(a)) {
		attr_sql(c, a);
		return;
	}
	buf_addstr(&c->sql, "CAST(");
	attr_sql(c, a);
	buf_addstr(&c->sql, " AS TEXT)");
}

/* The attribute as newsboat's number, for < > <= >= between. */
static void
attr_num_sql(struct sqlc *c, enum filter_attr a)
{
	if (attr_is_number(a)) {
		attr_sql(c, a);
		return;
	}
	buf_addstr(&c->sql, "tidings_num(");
	attr_sql(c, a);
	buf_addc(&c->sql, ')');
}

/*
 * age >= k (ge) or age < k, as a range of i.published so that the date
 * index serves it.  age is (now - published) / 86400 truncated toward
 * zero (newsboat's C++ division, and SQLite's): for k >= 1, age >= k
 * is published <= now - k days; for k <= 0 it is published < now - (k - 1)
 * days (a day ahead of now still has age 0).
 */
static void
age_sql(struct sqlc *c, long long k, int ge)
{
	long long off = k >= 1 ? k * 86400 : (k - 1) * 86400;
	long long bound = (long long)c->now - off;

	c->off = xreallocarray(c->off, c->noff + 1, sizeof *c->off);
	c->off[c->noff++] = off;

	if (k >= 1)
		buf_addstr(&c->sql, ge ? "i.published <= " : "i.published > ");
	else
		buf_addstr(&c->sql, ge ? "i.published < " : "i.published >= ");
	param_int(c, bound);
}

/* A parameter whose text c owns. */
static void
param_own(struct sqlc *c, char *s)
{
	c->own = xreallocarray(c->own, c->nown + 1, sizeof *c->own);
	c->own[c->nown++] = s;
	param_text(c, s);
}

/*
 * author = "x" and author =~ "^x|^y" through the index items_by_author
 * (author COLLATE NOCASE, schema 7), the exact comparison still made on
 * the rows it finds.  A prefix branch (filter/filter's literal plan:
 * ASCII compared without case, as NOCASE compares) is the range
 * [lower(x), lower(x) with its last byte + 1): every value starting with
 * x in any case sorts inside it under NOCASE (a last byte that becomes a
 * capital letter only widens it).  1 when written, 0 for the general way.
 */
static int
author_index_sql(struct sqlc *c, const struct filter_node *n)
{
	size_t k;

	if (n->op == FILTER_EQ && n->value[0] != '\0') {
		buf_addstr(&c->sql, "(i.author = ");
		param_text(c, n->value);
		buf_addstr(&c->sql, " COLLATE NOCASE AND i.author = ");
		param_text(c, n->value);
		buf_addc(&c->sql, ')');
		return 1;
	}
	if (n->op != FILTER_RE || n->lits == NULL)
		return 0;
	for (k = 0; k < n->nlits; k++)
		if (!n->lits[k].at_start || n->lits[k].len == 0)
			return 0;
	buf_addstr(&c->sql, "((");
	for (k = 0; k < n->nlits; k++) {
		char *lo = xstrdup(n->lits[k].text), *hi;
		size_t j;

		for (j = 0; lo[j]; j++)
			if (lo[j] >= 'A' && lo[j] <= 'Z')
				lo[j] = (char)(lo[j] + 32);
		hi = xstrdup(lo);
		hi[j - 1] = (char)(hi[j - 1] + 1);	/* printable ASCII: no overflow */
		buf_addstr(&c->sql, k ? " OR (i.author >= " : "(i.author >= ");
		param_own(c, lo);
		buf_addstr(&c->sql, " COLLATE NOCASE AND i.author < ");
		param_own(c, hi);
		buf_addstr(&c->sql, " COLLATE NOCASE)");
	}
	buf_addstr(&c->sql, ") AND tidings_match(");
	param(c, (struct param){ .kind = P_PTR, .ptr = n, .ptr_type = NODE_PTR });
	buf_addstr(&c->sql, ", coalesce(i.author, '')))");
	return 1;
}

static void
compare_sql(struct sqlc *c, const struct filter_node *n)
{
	static const char *const num_ops[] = {
		[FILTER_LT] = " < ", [FILTER_GT] = " > ", [FILTER_LE] = " <= ",
		[FILTER_GE] = " >= ",
	};
	int neg = n->op == FILTER_NE || n->op == FILTER_NRE || n->op == FILTER_NCONTAINS;

	/*
	 * A feed's attribute is the same for all its items: test it once a
	 * feed (500 rows) instead of once an item (1,000,000), and let the
	 * items come through the feed_id index.
	 */
	if (filter_attr_is_feed(n->attr) && !c->in_feed) {
		buf_addstr(&c->sql, "(i.feed_id IN (SELECT f.id FROM feeds f WHERE ");
		c->in_feed = 1;
		compare_sql(c, n);
		c->in_feed = 0;
		buf_addstr(&c->sql, "))");
		return;
	}

	/* unread = "yes": the read column and its index, not a string */
	if (n->attr == FILTER_A_UNREAD && (n->op == FILTER_EQ || n->op == FILTER_NE)) {
		if (strcmp(n->value, "yes") == 0)
			buf_printf(&c->sql, neg ? "(%s != 0)" : "(%s = 0)", c->read_col);
		else if (strcmp(n->value, "no") == 0)
			buf_printf(&c->sql, neg ? "(%s = 0)" : "(%s != 0)", c->read_col);
		else
			buf_addstr(&c->sql, neg ? "1" : "0");
		return;
	}
	/* tags # "x": the feeds carrying the tag, through feed_tags' index; a
	 * tag with a space in it splits into words in newsboat's list */
	if (n->attr == FILTER_A_TAGS && (n->op == FILTER_CONTAINS || n->op == FILTER_NCONTAINS) &&
	    n->value[0] != '\0' && strchr(n->value, ' ') == NULL) {
		buf_printf(&c->sql, "(%s %s ", FID(c), neg ? "NOT IN" : "IN");
		buf_addstr(&c->sql, "(SELECT t.feed_id FROM feed_tags t WHERE t.tag = ");
		param_text(c, n->value);
		buf_addstr(&c->sql, " OR (instr(t.tag, ' ') > 0 AND tidings_contains(t.tag, ");
		param_text(c, n->value);
		buf_addstr(&c->sql, "))))");
		return;
	}
	/* age < > <= >= between: a range of dates, through the index */
	if (n->attr == FILTER_A_AGE && (n->op == FILTER_LT || n->op == FILTER_LE ||
	    n->op == FILTER_GT || n->op == FILTER_GE || (n->op == FILTER_BETWEEN && n->range_ok))) {
		long long k = n->num;

		buf_addc(&c->sql, '(');
		if (n->op == FILTER_LT)
			age_sql(c, k, 0);
		else if (n->op == FILTER_LE)
			age_sql(c, k + 1, 0);
		else if (n->op == FILTER_GE)
			age_sql(c, k, 1);
		else if (n->op == FILTER_GT)
			age_sql(c, k + 1, 1);
		else {
			age_sql(c, n->lo, 1);
			buf_addstr(&c->sql, " AND ");
			age_sql(c, (long long)n->hi + 1, 0);
		}
		buf_addc(&c->sql, ')');
		return;
	}
	if (n->attr == FILTER_A_AUTHOR && author_index_sql(c, n))
		return;
	buf_addc(&c->sql, '(');
	switch (n->op) {
	case FILTER_EQ:
	case FILTER_NE:
		attr_text_sql(c, n->attr);
		buf_addstr(&c->sql, neg ? " != " : " = ");
		param_text(c, n->value);
		break;
	case FILTER_RE:
	case FILTER_NRE:
		buf_addstr(&c->sql, neg ? "NOT tidings_match(" : "tidings_match(");
		param(c, (struct param){ .kind = P_PTR, .ptr = n, .ptr_type = NODE_PTR });
		buf_addstr(&c->sql, ", ");
		attr_text_sql(c, n->attr);
		buf_addc(&c->sql, ')');
		break;
	case FILTER_CONTAINS:
	case FILTER_NCONTAINS:
		buf_addstr(&c->sql, neg ? "NOT tidings_contains(" : "tidings_contains(");
		attr_text_sql(c, n->attr);
		buf_addstr(&c->sql, ", ");
		param_text(c, n->value);
		buf_addc(&c->sql, ')');
		break;
	case FILTER_BETWEEN:
		if (!n->range_ok) {
			buf_addc(&c->sql, '0');
			break;
		}
		attr_num_sql(c, n->attr);
		buf_addstr(&c->sql, " BETWEEN ");
		param_int(c, n->lo);
		buf_addstr(&c->sql, " AND ");
		param_int(c, n->hi);
		break;
	default:
		attr_num_sql(c, n->attr);
		buf_addstr(&c->sql, num_ops[n->op]);
		param_int(c, n->num);
		break;
	}
	buf_addc(&c->sql, ')');
}

static void
node_sql(struct sqlc *c, const struct filter_node *n)
{
	int open = 0;

	/* a right-leaning chain: one parenthesis per link, as the tree says */
	while (n->kind != FILTER_CMP) {
		buf_addc(&c->sql, '(');
		open++;
		node_sql(c, n->left);
		buf_addstr(&c->sql, n->kind == FILTER_AND ? " AND " : " OR ");
		n = n->right;
	}
	compare_sql(c, n);
	while (open-- > 0)
		buf_addc(&c->sql, ')');
}

/* "(the feed is the rule's AND its expression matches)" */
static void
ignore_sql(struct sqlc *c, const struct filter_ignore *r)
{
	buf_addc(&c->sql, '(');
	if (r->feed_is_re) {
		buf_addstr(&c->sql, "i.feed_id IN (SELECT id FROM feeds WHERE tidings_regexp(");
		param(c, (struct param){ .kind = P_PTR, .ptr = &r->feed_re });
		buf_addstr(&c->sql, ", url)) AND ");
	} else if (r->feed != NULL) {
		buf_addstr(&c->sql, "i.feed_id IN (SELECT id FROM feeds WHERE url = ");
		param_text(c, r->feed);
		buf_addstr(&c->sql, ") AND ");
	}
	node_sql(c, r->match->root);
	buf_addc(&c->sql, ')');
}

/* The scope's WHERE: q's conditions, the match, minus the ignored. */
void
filter_scope_sql(struct sqlc *c, const struct filter_scope *s)
{
	const struct items_query *q = s->q;
	size_t i;

	buf_addstr(&c->sql, " WHERE ");
	if (q != NULL && q->feed_id != 0) {
		buf_addstr(&c->sql, "i.feed_id = ");
		param_int(c, q->feed_id);
	} else {
		buf_addstr(&c->sql, "i.feed_id NOT IN (SELECT id FROM feeds WHERE listed = 0)");
	}
	if (q != NULL && q->unread_only)
		buf_printf(&c->sql, " AND %s = 0", c->read_col);
	if (q != NULL && q->starred_only)
		buf_printf(&c->sql, " AND %s = 1", c->starred_col);
	if (q != NULL && q->tag != NULL) {
		buf_addstr(&c->sql, " AND i.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ");
		param_text(c, q->tag);
		buf_addc(&c->sql, ')');
	}
	if (s->match != NULL) {
		buf_addstr(&c->sql, " AND ");
		node_sql(c, s->match->root);
	}
	if (s->also != NULL) {
		buf_addstr(&c->sql, " AND ");
		node_sql(c, s->also->root);
	}
	for (i = 0; i < s->nignore; i++) {
		buf_addstr(&c->sql, " AND NOT ");
		ignore_sql(c, &s->ignore[i]);
	}
}

sqlite3_stmt *
filter_prepare(struct db *db, struct sqlc *c, struct err *e)
{
	sqlite3_stmt *st;
	size_t i;

	if (register_functions(db, e) < 0)
		return NULL;
	if ((st = db_prepare(db, c->sql.data, e)) == NULL)
		return NULL;
	for (i = 0; i < c->np; i++) {
		const struct param *p = &c->p[i];
		int k = (int)i + 1;

		if (p->kind == P_TEXT)
			sqlite3_bind_text(st, k, p->text, -1, SQLITE_STATIC);
		else if (p->kind == P_INT)
			sqlite3_bind_int64(st, k, p->num);
		else
			sqlite3_bind_pointer(st, k, (void *)p->ptr,
			    p->ptr_type ? p->ptr_type : REGEX_PTR, NULL);
	}
	return st;
}

void
filter_sqlc_init(struct sqlc *c, const struct filter_scope *s)
{
	memset(c, 0, sizeof *c);
	buf_init(&c->sql, 0);
	c->now = s->now;
	c->read_col = "i.read";
	c->starred_col = "i.starred";
}

void
filter_sqlc_release(struct sqlc *c)
{
	buf_release(&c->sql);
	free(c->p);
	free(c->off);
	while (c->nown > 0)
		free(c->own[--c->nown]);
	free(c->own);
}

/*
 * The page of a list: walking the date index in order and stopping at
 * the limit is fastest when matches are common, sorting the matches is
 * when they are rare, and SQLite cannot tell which without statistics.
 * So the walk is tried first with a budget of VM steps (a few ms); past
 * it, the statement is interrupted and the sorting plan runs instead.
 */
#define WALK_BUDGET 200		/* progress calls of 1,000 VM steps each */

static int
walk_budget(void *arg)
{
	int *left = arg;

	return --*left < 0;
}

/* items_page's plans: SQLite's choice, the date walk, the matches sorted */
enum { PAGE_ANY, PAGE_WALK, PAGE_SORT };

static int
items_page(struct db *db, const struct filter_scope *s, int plan, struct item_row **rows,
    size_t *n, struct err *e)
{
	struct sqlc c;
	sqlite3_stmt *st;
	int rc, left = WALK_BUDGET, walk = plan == PAGE_WALK;

	filter_sqlc_init(&c, s);
	buf_addstr(&c.sql, "SELECT i.id, i.feed_id, coalesce(f.title, f.url), i.title, "
	    "i.url, i.author, i.published, i.read, i.starred FROM items i ");
	buf_addstr(&c.sql, walk ? "INDEXED BY items_by_date JOIN feeds f ON f.id = i.feed_id" :
	    "JOIN feeds f ON f.id = i.feed_id");
	filter_scope_sql(&c, s);
	/*
	 * After the walk ran out, the order is not to come from the date
	 * index either (without statistics of the scope's index, SQLite takes
	 * the date's to save the sort, and reads every row by date): "+"
	 * makes the terms expressions, so the scope's own index is read
	 * (items_unread's titles for "title =~ x and unread": 310 -> 30 ms
	 * on 1,000,000 items) and the few matches sorted.
	 */
	buf_addstr(&c.sql, plan == PAGE_SORT ? " ORDER BY +i.published DESC, +i.id DESC LIMIT " :
	    " ORDER BY i.published DESC, i.id DESC LIMIT ");
	param_int(&c, s->q != NULL && s->q->limit > 0 ? s->q->limit : -1);
	buf_addstr(&c.sql, " OFFSET ");
	param_int(&c, s->q != NULL && s->q->offset > 0 ? s->q->offset : 0);
	st = filter_prepare(db, &c, e);
	if (walk && st != NULL)
		sqlite3_progress_handler(db->h, 1000, walk_budget, &left);
	rc = st == NULL ? -1 : items_read_rows(db, st, rows, n, e);
	if (walk) {
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
		if (rc < 0 && left < 0)
			rc = 1;		/* over budget: sort instead */
	}
	filter_sqlc_release(&c);
	return rc;
}

int
filter_sql_items(struct db *db, const struct filter_scope *s, struct item_row **rows,
    size_t *n, struct err *e)
{
	const struct items_query *q = s->q;
	int rc;

	*rows = NULL;
	*n = 0;
	/* a page of all feeds' items (one feed's have their own index) */
	if (q != NULL && q->feed_id == 0 && q->limit > 0 && q->limit + q->offset <= 1000) {
		/*
		 * Few matches, as a kept count says (the feed list counted them):
		 * the walk would run out of its budget before the page is full
		 * (20 ms on 1,000,000 items), so sort them at once (a count's
		 * key leaves out the limit and offset).
		 */
		int total;

		if (filter_count_kept(db, s, &total) && total < (q->limit + q->offset) * 50)
			return items_page(db, s, PAGE_SORT, rows, n, e);
		rc = items_page(db, s, PAGE_WALK, rows, n, e);
		if (rc <= 0)
			return rc;
		return items_page(db, s, PAGE_SORT, rows, n, e);
	}
	return items_page(db, s, PAGE_ANY, rows, n, e);
}

/* The ids that any of the rules ignores, into temp.filter_hidden. */
static int
view_hidden(struct db *db, const struct filter_scope *s, struct err *e)
{
	struct sqlc c;
	sqlite3_stmt *st;
	size_t i;
	int rc = -1;

	filter_sqlc_init(&c, s);
	buf_addstr(&c.sql, "INSERT INTO temp.filter_hidden SELECT i.id FROM items i WHERE 0");
	for (i = 0; i < s->nignore; i++) {
		buf_addstr(&c.sql, " OR ");
		ignore_sql(&c, &s->ignore[i]);
	}
	if ((st = filter_prepare(db, &c, e)) != NULL) {
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, e, "hiding ignored items");
		sqlite3_finalize(st);
	}
	filter_sqlc_release(&c);
	return rc;
}

int
filter_sql_view(struct db *db, const struct filter_scope *s, int *view, struct err *e)
{
	*view = 0;
	/* temporary tables live in the connection's own temp schema, so a
	 * cache opened read-only can have them too */
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS filter_shown(id INTEGER PRIMARY KEY);"
	    "CREATE TEMP TABLE IF NOT EXISTS filter_hidden(id INTEGER PRIMARY KEY);"
	    "DELETE FROM temp.filter_shown;", e) < 0 ||
	    (!s->keep_hidden && db_exec(db, "DELETE FROM temp.filter_hidden;", e) < 0))
		return -1;
	if (s->match != NULL || s->also != NULL) {
		struct filter_scope only = { .match = s->match, .also = s->also, .now = s->now };
		struct sqlc c;
		sqlite3_stmt *st;
		int rc = -1;

		filter_sqlc_init(&c, &only);
		buf_addstr(&c.sql, "INSERT INTO temp.filter_shown SELECT i.id FROM items i");
		filter_scope_sql(&c, &only);
		if ((st = filter_prepare(db, &c, e)) != NULL) {
			rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
			    db_fail(db, e, "filtering items");
			sqlite3_finalize(st);
		}
		filter_sqlc_release(&c);
		if (rc < 0)
			return -1;
		*view |= ITEMS_VIEW_SHOWN;
	}
	if (s->nignore > 0) {
		if (!s->keep_hidden && view_hidden(db, s, e) < 0)
			return -1;
		*view |= ITEMS_VIEW_HIDDEN;
	}
	return 0;
}

int
filter_sql_keep(struct db *db, const struct filter_scope *s, const int64_t *ids,
    size_t n, int *keep, struct err *e)
{
	struct sqlc c;
	sqlite3_stmt *st;
	size_t i;
	int rc = 0, idx;

	filter_sqlc_init(&c, s);
	buf_addstr(&c.sql, "SELECT 1 FROM items i");
	filter_scope_sql(&c, s);
	buf_addstr(&c.sql, " AND i.id = ");
	param_int(&c, 0);
	idx = (int)c.np;
	if ((st = filter_prepare(db, &c, e)) == NULL) {
		filter_sqlc_release(&c);
		return -1;
	}
	/* one prepared statement, stepped once an id */
	for (i = 0; i < n && rc == 0; i++) {
		int step;

		sqlite3_bind_int64(st, idx, ids[i]);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW || step == SQLITE_DONE)
			keep[i] = step == SQLITE_ROW;
		else
			rc = db_fail(db, e, "filtering search hits");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	filter_sqlc_release(&c);
	return rc;
}
