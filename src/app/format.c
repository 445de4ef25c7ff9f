#include "app/format.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

/*
 * The format is read as newsboat's parser reads it (its parser.rs): a
 * list of pieces, each text, a value with its padding, a fill (%>c) or a
 * conditional whose branches are read again when they are evaluated.
 * Reading stops at the first thing no piece matches.
 */
enum format_kind { FORMAT_TEXT, FORMAT_FILL, FORMAT_VALUE, FORMAT_COND };
enum format_pad { FORMAT_PAD_NONE, FORMAT_PAD_LEFT, FORMAT_PAD_RIGHT, FORMAT_PAD_CENTER };

struct format_piece {
	enum format_kind kind;
	const char *s;		/* TEXT, FILL (one character) */
	size_t len;
	unsigned char c;	/* VALUE, COND: the letter */
	enum format_pad pad;
	size_t w;
	const char *then_s, *else_s;	/* COND: the branches, read again */
	size_t then_len, else_len;
	int has_else;
};

/* A format longer than this is cut there (a config word is shorter). */
#define FORMAT_MAX_LEN 4096
/* A line of output is never longer than this. */
#define FORMAT_OUT_MAX (64 * 1024)

/* Length of the UTF-8 character at s (1 for a bad byte), 0 at the end. */
static size_t
format_char(const char *s, size_t len)
{
	uint32_t cp;

	return len == 0 ? 0 : text_decode(s, len, &cp);
}

/*
 * The letter of a sequence: an ASCII character, else 0 (newsboat drops
 * the others; a byte past ASCII is no index into format_vars).
 */
static unsigned char
format_letter(const char *s, size_t k)
{
	return k == 1 && (unsigned char)s[0] < 128 ? (unsigned char)s[0] : 0;
}

/* %=Nx, %Nx, %-Nx, %%, %>c: one piece at s (which starts with '%'). */
static size_t
format_percent(const char *s, size_t len, struct format_piece *p)
{
	size_t i = 1, k, digits;
	int neg = 0, bad = 0;
	unsigned long long w = 0;

	memset(p, 0, sizeof *p);
	if (len >= 2 && s[1] == '%') {
		p->kind = FORMAT_TEXT;
		p->s = s;
		p->len = 1;
		return 2;
	}
	if (len >= 2 && s[1] == '>' && (k = format_char(s + 2, len - 2)) > 0) {
		p->kind = FORMAT_FILL;
		p->s = s + 2;
		p->len = k;
		return 2 + k;
	}
	if (len >= 2 && s[1] == '=') {
		for (i = 2; i < len && text_isdigit(s[i]); i++)
			w = w < 100000 ? w * 10 + (unsigned)(s[i] - '0') : w;
		if ((k = format_char(s + i, len - i)) == 0)
			return 0;
		p->kind = FORMAT_VALUE;
		p->pad = FORMAT_PAD_CENTER;
		p->w = (size_t)w;
		p->c = format_letter(s + i, k);
		return i + k;
	}
	/* newsboat reads [0-9-]* as one signed number; "4-2" is no number: 0 */
	for (digits = 0; i < len && (text_isdigit(s[i]) || s[i] == '-'); i++, digits++) {
		if (s[i] == '-') {
			if (digits > 0)
				bad = 1;
			neg = 1;
		} else {
			w = w < 100000 ? w * 10 + (unsigned)(s[i] - '0') : w;
		}
	}
	if (digits > 0 && neg && digits == 1)
		bad = 1;
	if ((k = format_char(s + i, len - i)) == 0)
		return 0;
	p->kind = FORMAT_VALUE;
	p->c = format_letter(s + i, k);
	if (!bad && w > 0)
		p->pad = neg ? FORMAT_PAD_RIGHT : FORMAT_PAD_LEFT;
	p->w = bad ? 0 : (size_t)w;
	return i + k;
}

/* One piece of a branch: 0 at '&', '?' or what does not parse. */
static size_t
format_branch_piece(const char *s, size_t len, struct format_piece *p)
{
	size_t i;

	if (len == 0)
		return 0;
	if (s[0] == '%')
		return format_percent(s, len, p);
	if (s[0] == '&' || s[0] == '?')
		return 0;
	for (i = 0; i < len && s[i] != '%' && s[i] != '&' && s[i] != '?'; i++)
		;
	memset(p, 0, sizeof *p);
	p->kind = FORMAT_TEXT;
	p->s = s;
	p->len = i;
	return i;
}

/* The length of a branch (its pieces up to the first that does not parse). */
static size_t
format_branch_len(const char *s, size_t len)
{
	struct format_piece p;
	size_t used = 0, k;

	while ((k = format_branch_piece(s + used, len - used, &p)) > 0)
		used += k;
	return used;
}

/* %?x?A&B? or %?x?A?; 0 when it does not parse as one. */
static size_t
format_cond(const char *s, size_t len, struct format_piece *p)
{
	size_t i = 2, k;

	if (len < 4 || s[0] != '%' || s[1] != '?')
		return 0;
	if ((k = format_char(s + i, len - i)) == 0)
		return 0;
	memset(p, 0, sizeof *p);
	p->kind = FORMAT_COND;
	p->c = format_letter(s + i, k);
	i += k;
	if (i >= len || s[i] != '?')
		return 0;
	i++;
	p->then_s = s + i;
	p->then_len = format_branch_len(s + i, len - i);
	i += p->then_len;
	if (i < len && s[i] == '&') {
		size_t j = i + 1;

		p->else_s = s + j;
		p->else_len = format_branch_len(s + j, len - j);
		j += p->else_len;
		if (j < len && s[j] == '?') {
			p->has_else = 1;
			return j + 1;
		}
	}
	if (i < len && s[i] == '?')
		return i + 1;
	return 0;
}

static size_t
format_top_piece(const char *s, size_t len, struct format_piece *p)
{
	size_t k, i;

	if (len == 0)
		return 0;
	if (s[0] == '%') {
		if ((k = format_cond(s, len, p)) > 0)
			return k;
		return format_percent(s, len, p);
	}
	for (i = 0; i < len && s[i] != '%'; i++)
		;
	memset(p, 0, sizeof *p);
	p->kind = FORMAT_TEXT;
	p->s = s;
	p->len = i;
	return i;
}

/*
 * Text limited to a number of columns (newsboat's LimitedString): what
 * does not fit is dropped, never a character split.
 */
struct format_str {
	struct buf b;
	size_t cols;
	size_t limit;
	int limited;		/* else no limit */
};

static void
format_str_init(struct format_str *s, int limited, size_t limit)
{
	buf_init(&s->b, FORMAT_OUT_MAX);
	s->cols = 0;
	s->limited = limited;
	s->limit = limit;
}

/* Append (already sanitised) text; returns the bytes appended. */
static size_t
format_str_add(struct format_str *s, const char *t, size_t len)
{
	size_t w, n;

	if (s->limited) {
		n = text_fit(t, len, s->limit > s->cols ? s->limit - s->cols : 0, &w);
	} else {
		n = len;
		w = text_width(t, len);
	}
	if (buf_add(&s->b, t, n) < 0)
		return 0;
	s->cols += w;
	return n;
}

/* The mark's place: in the head or the tail, from a byte offset. */
struct format_mark {
	int set;
	int in_tail;
	size_t start, len;
};

/* newsboat's StringParts: the text before the first fill, and after it. */
struct format_parts {
	struct format_str head;
	int has_tail;
	char fill[4];
	size_t fill_len;
	struct format_str tail;
	size_t width;
	struct format_mark mark;
};

static void
format_parts_init(struct format_parts *p, size_t width)
{
	memset(p, 0, sizeof *p);
	/* newsboat: a width of 0 is no limit */
	format_str_init(&p->head, width > 0, width);
	format_str_init(&p->tail, 0, 0);
	p->width = width;
}

static void
format_parts_release(struct format_parts *p)
{
	buf_release(&p->head.b);
	buf_release(&p->tail.b);
}

/* Append text where the parts grow; with is_mark the mark is set on it. */
static void
format_parts_add(struct format_parts *p, const char *t, size_t len, int is_mark)
{
	struct format_str *s = p->has_tail ? &p->tail : &p->head;
	size_t at = s->b.len, n = format_str_add(s, t, len);

	if (is_mark && !p->mark.set && n > 0) {
		p->mark.set = 1;
		p->mark.in_tail = p->has_tail;
		p->mark.start = at;
		p->mark.len = n;
	}
}

static void
format_parts_fill(struct format_parts *p, const char *c, size_t len)
{
	if (p->has_tail) {
		format_str_add(&p->tail, c, len);
		return;
	}
	format_str_add(&p->head, c, len);
	p->has_tail = 1;
	memcpy(p->fill, c, len);
	p->fill_len = len;
	p->tail.limited = p->width > 0;
	p->tail.limit = p->width > p->head.cols ? p->width - p->head.cols : 0;
}

/* Sanitised copy of a value or of the format's text, into tmp. */
static void
format_clean(struct buf *tmp, const char *s, size_t len)
{
	buf_reset(tmp);
	(void)text_sanitize(tmp, s, len, 0);
}

static void format_eval(struct format_parts *out, const char *fmt, size_t len,
    int branch, struct format_vars *vars, size_t width);

static void
format_value(struct format_parts *out, const struct format_piece *p,
    struct format_vars *vars, size_t width)
{
	const char *v = p->c != 0 && vars->v[p->c] != NULL ? vars->v[p->c] : "";
	int is_mark = vars->mark != 0 && p->c == (unsigned char)vars->mark;
	struct buf val, cell;
	size_t w = p->w, tw, n;

	buf_init(&val, FORMAT_OUT_MAX);
	buf_init(&cell, FORMAT_OUT_MAX);
	format_clean(&val, v, strlen(v));
	if (p->pad == FORMAT_PAD_NONE) {
		format_parts_add(out, val.data, val.len, is_mark);
		goto done;
	}
	if (p->pad == FORMAT_PAD_CENTER && w == 0)
		w = width;
	n = text_fit(val.data, val.len, w, &tw);
	if (p->pad == FORMAT_PAD_LEFT) {
		(void)text_spaces(&cell, w - tw);
		format_parts_add(out, cell.data, cell.len, 0);
		format_parts_add(out, val.data, n, is_mark);
	} else if (p->pad == FORMAT_PAD_RIGHT) {
		format_parts_add(out, val.data, n, is_mark);
		(void)text_spaces(&cell, w - tw);
		format_parts_add(out, cell.data, cell.len, 0);
	} else {
		(void)text_spaces(&cell, (w - tw) / 2);
		format_parts_add(out, cell.data, cell.len, 0);
		format_parts_add(out, val.data, n, is_mark);
		buf_reset(&cell);
		(void)text_spaces(&cell, w - tw - (w - tw) / 2);
		format_parts_add(out, cell.data, cell.len, 0);
	}
done:
	buf_release(&val);
	buf_release(&cell);
}

/* newsboat's join: a branch's parts go on where out grows. */
static void
format_parts_join(struct format_parts *out, struct format_parts *in)
{
	struct format_mark m = in->mark;
	size_t at;

	if (out->has_tail) {
		at = out->tail.b.len;
		format_str_add(&out->tail, in->head.b.data, in->head.b.len);
		if (in->has_tail)
			format_str_add(&out->tail, in->tail.b.data, in->tail.b.len);
		if (m.set && !out->mark.set) {
			out->mark = m;
			out->mark.start = at + (m.in_tail ? in->head.b.len : 0) + m.start;
			out->mark.in_tail = 1;
		}
		return;
	}
	at = out->head.b.len;
	format_str_add(&out->head, in->head.b.data, in->head.b.len);
	if (m.set && !out->mark.set) {
		out->mark = m;
		if (!m.in_tail)
			out->mark.start = at + m.start;
	}
	if (in->has_tail) {
		out->has_tail = 1;
		memcpy(out->fill, in->fill, in->fill_len);
		out->fill_len = in->fill_len;
		buf_reset(&out->tail.b);
		buf_add(&out->tail.b, in->tail.b.data, in->tail.b.len);
		out->tail.cols = in->tail.cols;
		out->tail.limit = in->tail.limit;
		out->tail.limited = in->tail.limited;
	}
}

static void
format_eval(struct format_parts *out, const char *fmt, size_t len, int branch,
    struct format_vars *vars, size_t width)
{
	struct format_piece p;
	struct buf tmp;
	size_t used = 0, k;

	buf_init(&tmp, FORMAT_OUT_MAX);
	for (;;) {
		k = branch ? format_branch_piece(fmt + used, len - used, &p)
		    : format_top_piece(fmt + used, len - used, &p);
		if (k == 0)
			break;
		used += k;
		switch (p.kind) {
		case FORMAT_TEXT:
			format_clean(&tmp, p.s, p.len);
			format_parts_add(out, tmp.data, tmp.len, 0);
			break;
		case FORMAT_FILL:
			format_clean(&tmp, p.s, p.len);
			/* a fill that is no printable character fills nothing */
			if (tmp.len > 0 && text_width(tmp.data, tmp.len) == 1)
				format_parts_fill(out, tmp.data, tmp.len);
			break;
		case FORMAT_VALUE:
			/* newsboat drops letters past ASCII */
			if (p.c != 0)
				format_value(out, &p, vars, width);
			break;
		case FORMAT_COND: {
			const char *v = p.c != 0 ? vars->v[p.c] : NULL;
			int yes = 0;
			struct format_parts sub;

			for (; v != NULL && *v != '\0' && !yes; v++)
				yes = !text_isspace(*v);
			if (!yes && !p.has_else)
				break;
			format_parts_init(&sub, width);
			if (yes)
				format_eval(&sub, p.then_s, p.then_len, 1, vars, width);
			else
				format_eval(&sub, p.else_s, p.else_len, 1, vars, width);
			format_parts_join(out, &sub);
			format_parts_release(&sub);
			break;
		}
		}
	}
	buf_release(&tmp);
}

void
format_vars_init(struct format_vars *vars)
{
	memset(vars, 0, sizeof *vars);
}

void
format_set(struct format_vars *vars, char c, const char *value)
{
	if ((unsigned char)c < 128)
		vars->v[(unsigned char)c] = value;
}

int
format_expand(struct buf *out, const char *fmt, struct format_vars *vars, size_t width)
{
	struct format_parts parts;
	size_t len = strlen(fmt), base = out->len, pad = 0, i;
	int rc = 0;

	if (len > FORMAT_MAX_LEN)
		len = text_utf8_complete(fmt, FORMAT_MAX_LEN);
	vars->mark_start = vars->mark_end = 0;
	format_parts_init(&parts, width);
	format_eval(&parts, fmt, len, 0, vars, width);
	if (buf_add(out, parts.head.b.data, parts.head.b.len) < 0)
		rc = -1;
	if (parts.has_tail) {
		if (width > 0 && width > parts.head.cols + parts.tail.cols)
			pad = width - parts.head.cols - parts.tail.cols;
		/* the head is limited to width: so is the padding after it */
		for (i = 0; i < pad && parts.head.cols < width; i++) {
			if (buf_add(out, parts.fill, parts.fill_len) < 0)
				rc = -1;
			parts.head.cols++;
		}
		pad = i * parts.fill_len;
		if (parts.tail.b.len > 0) {
			size_t room = width > 0 ? width - parts.head.cols : 0, w;
			size_t n = width > 0 ? text_fit(parts.tail.b.data, parts.tail.b.len, room, &w)
			    : parts.tail.b.len;

			if (buf_add(out, parts.tail.b.data, n) < 0)
				rc = -1;
		}
	}
	if (parts.mark.set && rc == 0) {
		size_t start = base + parts.mark.start;

		if (parts.mark.in_tail)
			start += parts.head.b.len + pad;
		if (start < out->len) {
			vars->mark_start = start;
			vars->mark_end = start + parts.mark.len <= out->len ? start + parts.mark.len
			    : out->len;
		}
	}
	format_parts_release(&parts);
	return rc;
}

void
format_date(char *out, size_t size, const char *datetime_format, time_t t, time_t now)
{
	struct buf f;
	struct tm tm;
	const char *p;
	char days[64];
	size_t n = 0;
	time_t when = t > 0 ? t : now;

	if (size == 0)
		return;
	out[0] = '\0';
	if (size > FORMAT_DATE_MAX)
		size = FORMAT_DATE_MAX;
	/* %L is newsboat's: the days since the date, not strftime's */
	{
		long long d = when <= now ? (long long)(now - when) / 86400 : 0;

		snprintf(days, sizeof days, d == 1 ? "%lld day ago" : "%lld days ago", d);
	}
	buf_init(&f, 4096);
	for (p = datetime_format; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'L') {
			buf_addstr(&f, days);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_add(&f, "%%", 2);
			p++;
		} else {
			buf_addc(&f, *p);
		}
	}
	/* the format is the user's datetime-format: strftime reads it by design */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (!f.overflow && localtime_r(&when, &tm) != NULL)
		n = strftime(out, size, f.data, &tm);
#pragma GCC diagnostic pop
	/* strftime gives 0 when it does not fit (or for an empty result) */
	out[n < size ? n : size - 1] = '\0';
	if (t <= 0) {
		/* unknown: blanks as wide as a date would be */
		struct buf b;
		size_t w;

		buf_init(&b, 0);
		(void)text_sanitize(&b, out, strlen(out), 0);
		w = text_width(b.data, b.len);
		for (n = 0; n < w && n + 1 < size; n++)
			out[n] = ' ';
		out[n] = '\0';
		buf_release(&b);
	}
	buf_release(&f);
}
