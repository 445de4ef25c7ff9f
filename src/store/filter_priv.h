/*
 * filter_priv: what store/filter.c (the compiler) and store/filter_count.c
 * (the count cache) share: the SQL being built and its parameters.
 */
#ifndef TIDINGS_STORE_FILTER_PRIV_H
#define TIDINGS_STORE_FILTER_PRIV_H

#include <time.h>

#include "store/db_priv.h"
#include "store/filter.h"
#include "util/buf.h"

/* A bound value of the SQL: ?N is p[N - 1]. */
struct param {
	enum { P_TEXT, P_INT, P_PTR } kind;
	const char *text;
	long long num;
	const void *ptr;
	const char *ptr_type;	/* REGEX_PTR unless set */
};

/* SQL being compiled. */
struct sqlc {
	struct buf sql;
	struct param *p;
	size_t np, cap;
	time_t now;
	int in_feed;		/* inside "i.feed_id IN (SELECT f.id FROM feeds f ...)" */
	/*
	 * For the count cache: the SQL reads what filter_gen does not follow
	 * (the clock or the time zone other than through age_sql's ranges,
	 * the feed's title or site, which a poll rewrites), so no count of it
	 * may be kept; and each age range's distance from now (published OP
	 * now - off[k]).
	 */
	int nocache;
	int noincr;		/* reads what a new item changes for other items */
	int nodelta;		/* reads other items' read flags (unread_count) */
	int nodead;		/* reads what filter_dead does not keep (content) */
	/*
	 * The item's read and starred flags as the SQL reads them: i.read and
	 * i.starred, or the flags a change log row kept (filter_count's
	 * deltas), so that one compiled scope can be asked of past flags.
	 */
	const char *read_col, *starred_col;
	long long *off;
	size_t noff;
	char **own;		/* parameter texts made here, freed with c */
	size_t nown;
};

void filter_sqlc_init(struct sqlc *c, const struct filter_scope *s);
void filter_sqlc_release(struct sqlc *c);
/* Append the scope's WHERE (q's conditions, the match, minus the ignored). */
void filter_scope_sql(struct sqlc *c, const struct filter_scope *s);
/* Append "?N" for a new integer parameter v. */
void filter_sqlc_int(struct sqlc *c, long long v);
/* 1 and *total when the count cache holds the scope's count and it is
 * current (nothing counted), else 0. */
int filter_count_kept(struct db *db, const struct filter_scope *s, int *total);
/* Prepare c's SQL with its parameters bound (the functions registered). */
sqlite3_stmt *filter_prepare(struct db *db, struct sqlc *c, struct err *e);

#endif
