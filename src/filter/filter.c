/*
 * filter: newsboat's filter language (see filter.h), a recursive-descent
 * parser that follows newsboat's grammar (rust/libnewsboat/src/
 * filterparser.rs) rule for rule, so the same text gives the same tree.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "filter/filter_priv.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct {
	const char *name;
	int feed;
} attrs[] = {
#define FILTER_ATTR_ROW(id, name, feed) { name, feed },
	FILTER_ATTRS(FILTER_ATTR_ROW)
#undef FILTER_ATTR_ROW
};

int
filter_attr_lookup(const char *name)
{
	int i;

	for (i = 0; i < FILTER_NATTRS; i++)
		if (strcmp(attrs[i].name, name) == 0)
			return i;
	return -1;
}

const char *
filter_attr_name(enum filter_attr a)
{
	return attrs[a].name;
}

int
filter_attr_is_feed(enum filter_attr a)
{
	return attrs[a].feed;
}

struct parser {
	const char *text;
	const char *p;
	struct filter *f;
	int terms;
	struct err *e;
	int failed;
};

/* Line and column (in characters, from 1) of at, for messages. */
static void
position(const struct parser *ps, const char *at, int *line, int *col)
{
	const char *q;

	*line = 1;
	*col = 1;
	for (q = ps->text; q < at; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80) {
			(*col)++;	/* a UTF-8 continuation byte is no new column */
		}
	}
}

static int
fail(struct parser *ps, const char *at, const char *what, const char *arg)
{
	int line, col;

	if (ps->failed)
		return -1;	/* the first, innermost message stands */
	ps->failed = 1;
	position(ps, at, &line, &col);
	if (arg != NULL)
		err_set(ps->e, "filter: line %d, column %d: %s \"%.40s\"", line, col, what, arg);
	else
		err_set(ps->e, "filter: line %d, column %d: %s", line, col, what);
	return -1;
}

/* newsboat skips only spaces; tabs and newlines are blanks here too, so an
 * expression can be written over several lines (and messages give lines). */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_blanks(struct parser *ps)
{
	while (is_blank(*ps->p))
		ps->p++;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
	    c == '_' || c == '-' || c == '.';
}

static void
node_free(struct filter_node *n)
{
	if (n == NULL)
		return;
	node_free(n->left);
	node_free(n->right);
	free(n->value);
	if (n->has_re)
		regfree(&n->re);
	for (size_t i = 0; i < n->nlits; i++)
		free(n->lits[i].text);
	free(n->lits);
	free(n);
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	node_free(f->root);
	free(f->text);
	free(f);
}

int
filter_number(const char *s)
{
	long long v = 0;
	int neg = 0, any = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; is_digit(*s); s++) {
		any = 1;
		if (v <= (long long)INT_MAX + 1)
			v = v * 10 + (*s - '0');
	}
	if (!any)
		return 0;
	if (neg)
		return -v < INT_MIN ? INT_MIN : (int)-v;
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* the limits as the messages spell them */
_Static_assert(FILTER_MAX_TERMS == 500, "the message says 500");
_Static_assert(FILTER_MAX_DEPTH == 64, "the message says 64");

static const char *const op_names[] = {
	[FILTER_EQ] = "=", [FILTER_NE] = "!=", [FILTER_RE] = "=~", [FILTER_NRE] = "!~",
	[FILTER_LT] = "<", [FILTER_GT] = ">", [FILTER_LE] = "<=", [FILTER_GE] = ">=",
	[FILTER_BETWEEN] = "between", [FILTER_CONTAINS] = "#", [FILTER_NCONTAINS] = "!#",
};

/* newsboat's order: the longer of two operators sharing a start first. */
static const struct {
	const char *text;
	enum filter_op op;
} ops[] = {
	{ "=~", FILTER_RE }, { "==", FILTER_EQ }, { "=", FILTER_EQ },
	{ "!~", FILTER_NRE }, { "!=", FILTER_NE }, { "<=", FILTER_LE },
	{ ">=", FILTER_GE }, { "<", FILTER_LT }, { ">", FILTER_GT },
	{ "between", FILTER_BETWEEN }, { "#", FILTER_CONTAINS }, { "!#", FILTER_NCONTAINS },
};

/* -?digits at ps->p: its length, or 0. */
static size_t
number_len(const char *p)
{
	size_t n = *p == '-' ? 1 : 0;
	size_t start = n;

	while (is_digit(p[n]))
		n++;
	return n > start ? n : 0;
}

/* The value after an operator into n->value: 0, or -1 with the message. */
static int
parse_value(struct parser *ps, struct filter_node *n)
{
	const char *v = ps->p;
	size_t len, a, b;

	if (*v == '"') {
		const char *q = v + 1;

		/* a backslash takes the next character, and both stay */
		while (*q != '\0' && *q != '"') {
			if (*q == '\\' && q[1] != '\0')
				q++;
			q++;
		}
		if (*q != '"')
			return fail(ps, v, "unterminated string after", op_names[n->op]);
		len = (size_t)(q - v - 1);
		n->value = xstrndup(v + 1, len);
		ps->p = q + 1;
	} else if ((a = number_len(v)) > 0) {
		len = a;
		if (v[a] == ':' && (b = number_len(v + a + 1)) > 0)
			len = a + 1 + b;
		n->value = xstrndup(v, len);
		ps->p = v + len;
	} else {
		return fail(ps, v, "expected a value (a \"quoted string\", a number or a "
		    "range N:M) after", op_names[n->op]);
	}
	n->num = filter_number(n->value);
	if (n->op == FILTER_BETWEEN) {
		const char *colon = strchr(n->value, ':');

		/* newsboat splits on ':' and wants exactly two fields */
		if (colon != NULL && strchr(colon + 1, ':') == NULL) {
			int x = filter_number(n->value), y = filter_number(colon + 1);

			n->lo = x < y ? x : y;
			n->hi = x < y ? y : x;
			n->range_ok = 1;
		}
	}
	if (n->op == FILTER_RE || n->op == FILTER_NRE) {
		const char *risk = filter_regex_risk(n->value);
		int rc;

		if (risk != NULL)
			return fail(ps, v, risk, n->value);
		rc = regcomp(&n->re, n->value, REG_EXTENDED | REG_ICASE | REG_NOSUB);
		if (rc != 0) {
			char msg[128], what[200];

			regerror(rc, &n->re, msg, sizeof msg);
			snprintf(what, sizeof what, "bad regular expression (%s):", msg);
			return fail(ps, v, what, n->value);
		}
		regfree(&n->re);
		/*
		 * glibc searches an unanchored pattern from every start in turn,
		 * quadratic on a long value that does not match; "^.*(P)" is one
		 * pass of its DFA and matches the same strings (P was checked
		 * alone above, so its parentheses balance).
		 */
		{
			struct buf w;

			buf_init(&w, 0);
			buf_printf(&w, "^.*(%s)", n->value);
			rc = regcomp(&n->re, w.data, REG_EXTENDED | REG_ICASE | REG_NOSUB);
			buf_release(&w);
			if (rc != 0)
				return fail(ps, v, "bad regular expression:", n->value);
		}
		n->has_re = 1;
		filter_literal_plan(n);
	}
	return 0;
}

static struct filter_node *
parse_comparison(struct parser *ps)
{
	struct filter_node *n;
	const char *name = ps->p, *op_at;
	char attr[32];
	size_t len = 0, i;
	int a;

	while (is_name_char(name[len]))
		len++;
	if (len == 0) {
		fail(ps, name, *name ? "expected an attribute name, not" : "expected an "
		    "attribute name at the end", *name ? name : NULL);
		return NULL;
	}
	if (len >= sizeof attr) {
		fail(ps, name, "unknown attribute", name);
		return NULL;
	}
	memcpy(attr, name, len);
	attr[len] = '\0';
	if ((a = filter_attr_lookup(attr)) < 0) {
		fail(ps, name, "unknown attribute", attr);
		return NULL;
	}
	if (++ps->terms > FILTER_MAX_TERMS) {
		fail(ps, name, "too many comparisons (the limit is "
		    "500) at", attr);
		return NULL;
	}
	ps->p = name + len;
	skip_blanks(ps);
	op_at = ps->p;
	n = xcalloc(1, sizeof *n);
	n->kind = FILTER_CMP;
	n->attr = (enum filter_attr)a;
	ps->f->uses[a] = 1;
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t l = strlen(ops[i].text);

		if (strncmp(ps->p, ops[i].text, l) == 0) {
			n->op = ops[i].op;
			ps->p += l;
			break;
		}
	}
	if (i == sizeof ops / sizeof ops[0]) {
		fail(ps, op_at, "expected an operator (= != =~ !~ < > <= >= between # !#) "
		    "after", attr);
		node_free(n);
		return NULL;
	}
	skip_blanks(ps);
	if (parse_value(ps, n) < 0) {
		node_free(n);
		return NULL;
	}
	return n;
}

static struct filter_node *parse_expression(struct parser *ps, int depth);

/* A comparison or a parenthesised expression. */
static struct filter_node *
parse_term(struct parser *ps, int depth)
{
	struct filter_node *n;
	const char *open = ps->p;

	if (*ps->p != '(')
		return parse_comparison(ps);
	if (depth >= FILTER_MAX_DEPTH) {
		fail(ps, open, "parentheses nested too deep (the limit is 64)", NULL);
		return NULL;
	}
	ps->p++;
	skip_blanks(ps);
	if ((n = parse_expression(ps, depth + 1)) == NULL)
		return NULL;
	skip_blanks(ps);
	if (*ps->p != ')') {
		fail(ps, ps->p, *ps->p ? "expected \")\" before" : "expected \")\" at the end",
		    *ps->p ? ps->p : NULL);
		node_free(n);
		return NULL;
	}
	ps->p++;
	return n;
}

/*
 * term [and|or expression]: newsboat's right-recursive rule, with no
 * precedence.  A chain of N terms is N levels deep, so it is built in a
 * loop (the tree is still right-leaning, as newsboat's) and its length is
 * bounded by FILTER_MAX_TERMS; recursion only follows parentheses.
 */
static struct filter_node *
parse_expression(struct parser *ps, int depth)
{
	struct filter_node *first = NULL, **tail = &first, *n;

	for (;;) {
		const char *save;
		enum filter_kind k;

		if ((n = parse_term(ps, depth)) == NULL)
			goto fail;
		*tail = n;
		save = ps->p;
		skip_blanks(ps);
		if (strncmp(ps->p, "and", 3) == 0)
			k = FILTER_AND;
		else if (strncmp(ps->p, "or", 2) == 0)
			k = FILTER_OR;
		else {
			ps->p = save;
			return first;
		}
		{
			const char *after = ps->p + (k == FILTER_AND ? 3 : 2), *q = after;

			/* "and" needs a blank or a "(" after it: "andy=0" is not one */
			while (is_blank(*q))
				q++;
			if (*q != '(' && q == after) {
				ps->p = save;
				return first;	/* the caller reports the trailing text */
			}
			ps->p = q;
		}
		n = xcalloc(1, sizeof *n);
		n->kind = k;
		n->left = *tail;
		*tail = n;
		tail = &n->right;
	}
fail:
	node_free(first);
	return NULL;
}

struct filter *
filter_parse(const char *text, struct err *e)
{
	struct parser ps = { 0 };
	struct filter *f;

	if (strlen(text) > FILTER_MAX_LEN) {
		err_set(e, "filter: longer than %d bytes", FILTER_MAX_LEN);
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	ps.text = ps.p = text;
	ps.f = f;
	ps.e = e;
	skip_blanks(&ps);
	if (*ps.p == '\0') {
		fail(&ps, ps.p, "empty filter expression", NULL);
		goto fail;
	}
	if ((f->root = parse_expression(&ps, 0)) == NULL)
		goto fail;
	skip_blanks(&ps);
	if (*ps.p != '\0') {
		fail(&ps, ps.p, "unexpected text after the expression:", ps.p);
		goto fail;
	}
	f->text = xstrdup(text);
	return f;
fail:
	filter_free(f);
	return NULL;
}

int
filter_contains(const char *list, const char *word)
{
	size_t wl = strlen(word);
	const char *p = list;

	for (;;) {
		const char *sp = strchr(p, ' ');
		size_t l = sp ? (size_t)(sp - p) : strlen(p);

		if (l == wl && memcmp(p, word, wl) == 0)
			return 1;
		if (sp == NULL)
			return 0;
		p = sp + 1;
	}
}

int
filter_compare(const struct filter_node *n, const char *v)
{
	int x;

	switch (n->op) {
	case FILTER_EQ:
		return strcmp(v, n->value) == 0;
	case FILTER_NE:
		return strcmp(v, n->value) != 0;
	case FILTER_RE:
		return filter_node_regex(n, v);
	case FILTER_NRE:
		return !filter_node_regex(n, v);
	case FILTER_CONTAINS:
		return filter_contains(v, n->value);
	case FILTER_NCONTAINS:
		return !filter_contains(v, n->value);
	case FILTER_BETWEEN:
		x = filter_number(v);
		return n->range_ok && x >= n->lo && x <= n->hi;
	default:
		break;
	}
	x = filter_number(v);
	switch (n->op) {
	case FILTER_LT:
		return x < n->num;
	case FILTER_GT:
		return x > n->num;
	case FILTER_LE:
		return x <= n->num;
	default:
		return x >= n->num;
	}
}

static int
match_node(const struct filter_node *n, filter_value_fn *get, void *ctx)
{
	/* chains lean right: walk them in a loop, recurse only on the left */
	while (n->kind != FILTER_CMP) {
		int l = match_node(n->left, get, ctx);

		if (n->kind == FILTER_AND ? !l : l)
			return l;
		n = n->right;
	}
	return filter_compare(n, get(ctx, n->attr));
}

int
filter_match(const struct filter *f, filter_value_fn *get, void *ctx)
{
	return match_node(f->root, get, ctx);
}

void
filter_date_text(time_t t, char *out, size_t size)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	char zone[8];

	/* English names whatever the locale, as newsboat's date attribute */
	if (localtime_r(&t, &tm) == NULL || tm.tm_wday < 0 || tm.tm_wday > 6 ||
	    tm.tm_mon < 0 || tm.tm_mon > 11) {
		snprintf(out, size, "%s", "");
		return;
	}
	if (strftime(zone, sizeof zone, "%z", &tm) == 0)
		zone[0] = '\0';
	snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d %s", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, zone);
}

