/*
 * filter_regex: the regular expressions of filter/filter (see filter.h):
 * refusing the ones glibc cannot bound, matching plain-text ones without
 * the regex engine, and the feed patterns of ignore-article rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "filter/filter_priv.h"
#include "util/buf.h"
#include "util/xalloc.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Regular expressions that glibc could spend long on are refused rather
 * than run over every item: back-references (not POSIX ERE anyway; they
 * make matching exponential), and patterns whose compiled size passes
 * FILTER_MAX_REPEAT atoms.  glibc's regcomp copies what + and {m,n}
 * apply to (a+ is aa*, a{3} is aaa), so "a++++" or "((a+)+)+" double at
 * each level: the estimate follows groups on a stack, as regcomp does.
 */
#define REGEX_MAX_GROUPS 64
/* (((a*)+)+)+: glibc's epsilon closures grow exponentially past a few */
#define REGEX_MAX_NESTED_REPEAT 3

const char *
filter_regex_risk(const char *re)
{
	struct {
		long cur;
		int qd;
	} stack[REGEX_MAX_GROUPS];
	long cur = 0, last = 0;
	int depth = 0, qd = 0, lastqd = 0;	/* repetitions nested in the group, the atom */
	const char *p;

	if (strlen(re) > FILTER_MAX_REGEX)
		return "regular expression too long";
	for (p = re; *p; p++) {
		long factor = 0;
		int repeat = 0;

		switch (*p) {
		case '\\':
			if (is_digit(p[1]))
				return "back-references are not supported in";
			if (p[1] != '\0')
				p++;
			last = 1;
			lastqd = 0;
			cur++;
			break;
		case '(':
			if (depth == REGEX_MAX_GROUPS)
				return "regular expression nested too deep:";
			stack[depth].cur = cur;
			stack[depth++].qd = qd;
			cur = 0;
			qd = 0;
			last = 0;
			break;
		case ')':
			/* glibc takes a lone ) as a character; tidings wraps the
			 * pattern in a group of its own, so it must balance */
			if (depth == 0)
				return "unmatched \")\" in the regular expression";
			last = cur + 2;		/* the group's own nodes */
			lastqd = qd;
			depth--;
			cur = stack[depth].cur + last;
			qd = stack[depth].qd > qd ? stack[depth].qd : qd;
			break;
		case '[':
			/* a bracket expression is one atom: ] first is a member */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']') {
				if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
					const char *end = strstr(p + 2, p[1] == ':' ? ":]" :
					    p[1] == '.' ? ".]" : "=]");

					if (end == NULL)
						break;
					p = end + 1;
				}
				p++;
			}
			if (*p == '\0')
				p--;
			last = 1;
			lastqd = 0;
			cur++;
			break;
		case '+':
			factor = 2;
			repeat = 1;
			break;
		case '*':
		case '?':
			repeat = 1;
			break;
		case '{':
			if (!is_digit(p[1])) {
				last = 1;
				lastqd = 0;
				cur++;
				break;
			}
			for (p++; is_digit(*p) || *p == ','; p++)
				if (is_digit(*p) && factor < 100000)
					factor = factor * 10 + (*p - '0');
			if (*p == '\0')
				p--;
			repeat = 1;
			break;
		case '|':
		case '^':
		case '$':
			break;
		default:
			last = 1;
			lastqd = 0;
			cur++;
			break;
		}
		if (repeat) {
			lastqd++;
			if (lastqd > REGEX_MAX_NESTED_REPEAT)
				return "regular expression too complex (repetitions nested too deep):";
			if (lastqd > qd)
				qd = lastqd;
		}
		if (factor > 1) {
			/* the atom before is there factor times */
			if (last > FILTER_MAX_REPEAT)
				return "regular expression too complex:";
			cur += last * (factor - 1);
			last *= factor;
		}
		if (cur > FILTER_MAX_REPEAT || last > FILTER_MAX_REPEAT)
			return "regular expression too complex:";
	}
	while (depth > 0)
		cur += stack[--depth].cur;
	return cur > FILTER_MAX_REPEAT ? "regular expression too complex:" : NULL;
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/*
 * Lower-case l's text and make its Horspool table: a killfile rule's
 * word is looked for in every new item's body, and comparing at every
 * byte made 50 rules a fifth of a poll's store step.  A shift is at most
 * 255; a longer literal shifts less than it could, never too far.
 */
static void
literal_shifts(struct filter_literal *l)
{
	size_t i, m = l->len;

	for (i = 0; i < m; i++)
		l->text[i] = (char)ascii_lower((unsigned char)l->text[i]);
	memset(l->shift, m > 255 ? 255 : (int)m, sizeof l->shift);
	for (i = 0; i + 1 < m; i++) {
		size_t d = m - 1 - i;
		unsigned char c = (unsigned char)l->text[i];

		if (d > 255)
			continue;
		l->shift[c] = (unsigned char)d;
		if (c >= 'a' && c <= 'z')
			l->shift[c - 32] = (unsigned char)d;
	}
}

/*
 * A pattern of plain ASCII text in branches (a|b, ^prefix, suffix$) is
 * matched by comparing bytes without case: most killfile and query-feed
 * regexes are such words, and the regex engine's set-up per call costs
 * more than the comparison.  Anything else keeps n->lits NULL.
 */
void
filter_literal_plan(struct filter_node *n)
{
	const char *p = n->value, *b;
	size_t count = 1, k = 0;

	for (b = p; *b; b++) {
		unsigned char c = (unsigned char)*b;

		if (c < 0x20 || c > 0x7e || strchr(".[]()*+?{}\\", c) != NULL)
			return;
		if (*b == '|')
			count++;
		/* ^ only at a branch's start, $ only at its end */
		if (*b == '^' && b != p && b[-1] != '|')
			return;
		if (*b == '$' && b[1] != '\0' && b[1] != '|')
			return;
	}
	n->lits = xcalloc(count, sizeof *n->lits);
	for (b = p;; b++) {
		if (*b == '|' || *b == '\0') {
			struct filter_literal *l = &n->lits[k++];
			const char *s = p, *e = b;

			if (s < e && *s == '^') {
				l->at_start = 1;
				s++;
			}
			if (e > s && e[-1] == '$') {
				l->at_end = 1;
				e--;
			}
			l->len = (size_t)(e - s);
			l->text = xstrndup(s, l->len);
			literal_shifts(l);
			p = b + 1;
		}
		if (*b == '\0')
			break;
	}
	n->nlits = k;
}

static int
same_nocase(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int
literal_match(const struct filter_literal *l, const char *v, size_t vlen)
{
	size_t i;

	if (l->len > vlen)
		return 0;
	if (l->at_start && l->at_end)
		return l->len == vlen && same_nocase(v, l->text, vlen);
	if (l->at_start)
		return same_nocase(v, l->text, l->len);
	if (l->at_end)
		return same_nocase(v + vlen - l->len, l->text, l->len);
	if (l->len == 0)
		return 1;
	/* Horspool: the subject's byte under the literal's last one says how
	 * far the literal can move */
	for (i = 0; i + l->len <= vlen; i += l->shift[(unsigned char)v[i + l->len - 1]])
		if (same_nocase(v + i, l->text, l->len))
			return 1;
	return 0;
}

int
filter_node_regex(const struct filter_node *n, const char *v)
{
	size_t vlen, i;

	if (n->lits == NULL)
		return filter_regex(&n->re, v);
	vlen = strlen(v);
	if (vlen > FILTER_MAX_SUBJECT)
		vlen = FILTER_MAX_SUBJECT;
	for (i = 0; i < n->nlits; i++)
		if (literal_match(&n->lits[i], v, vlen))
			return 1;
	return 0;
}

int
filter_regex(const regex_t *re, const char *v)
{
	regmatch_t m[1];
	size_t len = strlen(v);

	/* REG_STARTEND bounds the subject without copying it */
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)(len > FILTER_MAX_SUBJECT ? FILTER_MAX_SUBJECT : len);
	return regexec(re, v, 1, m, REG_STARTEND) == 0;
}

int
filter_ignore_init(struct filter_ignore *r, const char *feed, const char *expr,
    struct err *e)
{
	memset(r, 0, sizeof *r);
	if (strncmp(feed, "regex:", 6) == 0) {
		const char *risk = filter_regex_risk(feed + 6);
		int rc;

		if (risk != NULL)
			return err_set(e, "feed pattern: %s \"%.60s\"", risk, feed + 6);
		rc = regcomp(&r->feed_re, feed + 6, REG_EXTENDED | REG_ICASE | REG_NOSUB);
		if (rc != 0) {
			char msg[128];

			regerror(rc, &r->feed_re, msg, sizeof msg);
			return err_set(e, "bad regular expression for the feed \"%.60s\": %s",
			    feed + 6, msg);
		}
		r->feed_is_re = 1;
	} else if (strcmp(feed, "*") != 0) {
		r->feed = xstrdup(feed);
	}
	r->feed_word = xstrdup(feed);
	if ((r->match = filter_parse(expr, e)) == NULL) {
		filter_ignore_release(r);
		return -1;
	}
	return 0;
}

void
filter_ignore_release(struct filter_ignore *r)
{
	if (r->feed_is_re)
		regfree(&r->feed_re);
	free(r->feed);
	free(r->feed_word);
	filter_free(r->match);
	memset(r, 0, sizeof *r);
}

int
filter_ignore_feed(const struct filter_ignore *r, const char *feed_url)
{
	if (r->feed_is_re)
		return filter_regex(&r->feed_re, feed_url);
	return r->feed == NULL || strcmp(r->feed, feed_url) == 0;
}

void
filter_tags_value(const char *tags, struct buf *out)
{
	const char *p;
	size_t len0 = out->len;

	for (p = tags ? tags : ""; *p; p++)
		if (!(*p == ' ' && p > tags && p[-1] == ','))
			buf_addc(out, *p == ',' ? ' ' : *p);
	if (out->len > len0)
		buf_addc(out, ' ');
}
