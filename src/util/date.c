#include "util/date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/text.h"

/*
 * Parsing is done without the C library's locale- and TZ-dependent
 * functions (strptime, mktime, timegm): the calendar arithmetic is done
 * here, so the result depends on nothing but the string.
 */

#define DATE_MAXLEN 128		/* longer strings are not dates */

struct date_fields {
	int year, mon, day;	/* mon 1..12 */
	int hour, min, sec;
	long off;		/* zone offset east of UTC, seconds */
};

static int
date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_mdays(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && date_leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
date_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
date_from_ymd(int y, int m, int d, time_t *out)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > date_mdays(y, m))
		return -1;
	*out = (time_t)(date_days(y, m, d) * 86400);
	return 0;
}

static int
date_finish(const struct date_fields *f, time_t *out)
{
	int64_t t;

	if (f->year < 1 || f->year > 9999 || f->mon < 1 || f->mon > 12 ||
	    f->day < 1 || f->day > date_mdays(f->year, f->mon) ||
	    f->hour < 0 || f->hour > 23 || f->min < 0 || f->min > 59 ||
	    f->sec < 0 || f->sec > 60)
		return -1;
	t = date_days(f->year, f->mon, f->day) * 86400 + f->hour * 3600 +
	    f->min * 60 + (f->sec == 60 ? 59 : f->sec) - f->off;
	*out = (time_t)t;
	return 0;
}

/* Read exactly n digits. */
static int
date_digits(const char **sp, int n, int *out)
{
	const char *s = *sp;
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!text_isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	*out = v;
	return 0;
}

static int
date_ndigits(const char *s)
{
	int n = 0;

	while (text_isdigit((unsigned char)s[n]))
		n++;
	return n;
}

static int
date_century(int yy)
{
	/* RFC 2822 4.3: 00-49 are 20xx, 50-99 are 19xx. */
	return yy < 50 ? 2000 + yy : 1900 + yy;
}

/* Days-of-year to month and day. */
static int
date_ordinal(struct date_fields *f, int yday)
{
	int m;

	if (yday < 1 || yday > (date_leap(f->year) ? 366 : 365))
		return -1;
	for (m = 1; m <= 12 && yday > date_mdays(f->year, m); m++)
		yday -= date_mdays(f->year, m);
	f->mon = m;
	f->day = yday;
	return 0;
}

/*
 * ISO 8601 / W3C-DTF / RFC 3339 date part.  The forms are those the
 * Universal Feed Parser accepts: YYYY-MM-DD, YYYYMMDD, YYYY-MM, YYYY,
 * YYYY-DDD, YYYY-0MM-DD, YY-MM-DD, YYMMDD, -YY-MM, -YYMM.  The five-digit
 * YYDDD form is left out: it cannot be told apart from a malformed year.
 */
static int
date_iso_day(const char **sp, struct date_fields *f)
{
	const char *s = *sp;
	int n, v = 0, yday = 0;

	f->mon = f->day = 1;
	if (*s == '-') {
		/* -YY-MM or -YYMM */
		s++;
		if (date_digits(&s, 2, &v) < 0)
			return -1;
		f->year = date_century(v);
		if (*s == '-')
			s++;
		if (date_digits(&s, 2, &f->mon) < 0)
			return -1;
		*sp = s;
		return 0;
	}
	n = date_ndigits(s);
	if (n == 8) {
		date_digits(&s, 4, &f->year);
		date_digits(&s, 2, &f->mon);
		date_digits(&s, 2, &f->day);
	} else if (n == 7) {
		date_digits(&s, 4, &f->year);
		date_digits(&s, 3, &yday);
		if (date_ordinal(f, yday) < 0)
			return -1;
	} else if (n == 6) {
		date_digits(&s, 2, &v);
		f->year = date_century(v);
		date_digits(&s, 2, &f->mon);
		date_digits(&s, 2, &f->day);
	} else if (n == 4) {
		date_digits(&s, 4, &f->year);
		if (*s == '-' && text_isdigit((unsigned char)s[1])) {
			s++;
			n = date_ndigits(s);
			if (n == 3 && s[3] == '-') {
				/* YYYY-0MM-DD */
				if (s[0] != '0')
					return -1;
				s++;
				n = 2;
			}
			if (n == 3) {
				date_digits(&s, 3, &yday);
				if (date_ordinal(f, yday) < 0)
					return -1;
			} else if (n == 2) {
				date_digits(&s, 2, &f->mon);
				if (*s == '-') {
					s++;
					if (date_digits(&s, 2, &f->day) < 0)
						return -1;
				}
			} else {
				return -1;
			}
		}
	} else if (n == 2 && s[2] == '-') {
		date_digits(&s, 2, &v);
		f->year = date_century(v);
		s++;
		if (date_digits(&s, 2, &f->mon) < 0 || *s++ != '-' ||
		    date_digits(&s, 2, &f->day) < 0)
			return -1;
	} else {
		return -1;
	}
	*sp = s;
	return 0;
}

/* [+-]HH[[:]MM] as seconds east of UTC. */
static int
date_numeric_zone(const char **sp, long *off)
{
	const char *s = *sp;
	int sign, h, m = 0;

	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (date_digits(&s, 2, &h) < 0)
		return -1;
	if (*s == ':') {
		s++;
		if (date_digits(&s, 2, &m) < 0)
			return -1;
	} else if (text_isdigit((unsigned char)*s)) {
		if (date_digits(&s, 2, &m) < 0)
			return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	*sp = s;
	return 0;
}

static int
date_parse_iso(const char *s, time_t *out)
{
	struct date_fields f;
	int n;

	memset(&f, 0, sizeof f);
	if (date_iso_day(&s, &f) < 0)
		return -1;
	if (*s == 'T' || *s == 't' ||
	    (*s == ' ' && text_isdigit((unsigned char)s[1]))) {
		s++;
		n = date_ndigits(s);
		if (n == 1 || n == 2) {
			/* HH:MM[:SS[.frac]] (one-digit hours occur in the wild) */
			date_digits(&s, n, &f.hour);
			if (*s++ != ':' || date_digits(&s, 2, &f.min) < 0)
				return -1;
			if (*s == ':') {
				s++;
				if (date_digits(&s, 2, &f.sec) < 0)
					return -1;
			}
		} else if (n == 4 || n == 6) {
			date_digits(&s, 2, &f.hour);
			date_digits(&s, 2, &f.min);
			if (n == 6)
				date_digits(&s, 2, &f.sec);
		} else {
			return -1;
		}
		if ((*s == '.' || *s == ',') && text_isdigit((unsigned char)s[1])) {
			s++;
			while (text_isdigit((unsigned char)*s))
				s++;
		}
		if (*s == ' ' && (s[1] == '+' || s[1] == '-' || s[1] == 'Z'))
			s++;
		if (*s == 'Z' || *s == 'z')
			s++;
		else if ((*s == '+' || *s == '-') && date_numeric_zone(&s, &f.off) < 0)
			return -1;
	}
	if (*s != '\0')
		return -1;
	return date_finish(&f, out);
}

/* Tokens of the RFC 822 family. */

static const char *const date_months[12] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const date_months_long[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const date_wdays[7] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};
static const char *const date_wdays_long[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};

static const struct {
	const char *name;
	int hours;
} date_zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "etc/gmt", 0 },
	{ "etc/utc", 0 }, { "wet", 0 },
	{ "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
	{ "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
	{ "at", -4 }, { "et", -5 }, { "ct", -6 }, { "mt", -7 }, { "pt", -8 },
	{ "ast", -4 }, { "adt", -3 }, { "akst", -9 }, { "akdt", -8 },
	{ "hst", -10 },
	{ "bst", 1 }, { "cet", 1 }, { "met", 1 }, { "west", 1 },
	{ "cest", 2 }, { "mest", 2 }, { "eet", 2 }, { "eest", 3 },
	{ "msk", 3 }, { "ist", 5 }, { "hkt", 8 }, { "sgt", 8 },
	{ "awst", 8 }, { "jst", 9 }, { "kst", 9 }, { "acst", 9 },
	{ "aest", 10 }, { "aedt", 11 }, { "nzst", 12 }, { "nzdt", 13 },
};

static int
date_word_eq(const char *w, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || text_tolower((unsigned char)w[i]) != name[i])
			return 0;
	return name[n] == '\0';
}

/* 1 + the index of w in names or long_names (count each), or 0. */
static int
date_word_index(const char *w, size_t n, const char *const *names,
    const char *const *long_names, int count)
{
	int i;

	for (i = 0; i < count; i++)
		if (date_word_eq(w, n, names[i]) ||
		    date_word_eq(w, n, long_names[i]))
			return i + 1;
	return 0;
}

static int
date_month_word(const char *w, size_t n)
{
	int m = date_word_index(w, n, date_months, date_months_long, 12);

	if (m == 0 && date_word_eq(w, n, "sept"))
		return 9;
	return m;
}

static int
date_wday_word(const char *w, size_t n)
{
	return date_word_index(w, n, date_wdays, date_wdays_long, 7) != 0 ||
	    date_word_eq(w, n, "tues") || date_word_eq(w, n, "thur") ||
	    date_word_eq(w, n, "thurs");
}

/* A zone name; military letters count too (A = +1 ... Z = 0). */
static int
date_zone_word(const char *w, size_t n, long *off)
{
	size_t i;
	int c;

	for (i = 0; i < sizeof date_zones / sizeof date_zones[0]; i++) {
		if (date_word_eq(w, n, date_zones[i].name)) {
			*off = date_zones[i].hours * 3600L;
			return 0;
		}
	}
	if (n == 1) {
		c = text_tolower((unsigned char)w[0]);
		if (c >= 'a' && c <= 'i')
			*off = (c - 'a' + 1) * 3600L;
		else if (c >= 'k' && c <= 'm')
			*off = (c - 'k' + 10) * 3600L;
		else if (c >= 'n' && c <= 'y')
			*off = -(c - 'n' + 1) * 3600L;
		else if (c == 'z')
			*off = 0;
		else
			return -1;
		return 0;
	}
	return -1;
}

/* H:M[:S] with one- or two-digit fields. */
static int
date_clock(const char **sp, struct date_fields *f)
{
	const char *s = *sp;
	int v[3] = { 0, 0, 0 }, i, n;

	for (i = 0; i < 3; i++) {
		n = date_ndigits(s);
		if (n < 1 || n > 2)
			return -1;
		date_digits(&s, n, &v[i]);
		if (*s != ':')
			break;
		if (i == 2)
			return -1;	/* a fourth field */
		s++;
	}
	if (i == 0)
		return -1;
	f->hour = v[0];
	f->min = v[1];
	f->sec = v[2];
	*sp = s;
	return 0;
}

/*
 * RFC 822/1123/2822 and its relatives: optional weekday, day and month in
 * either order, a year with 2 to 4 digits before or after the time,
 * Y/M/D dates, named, military and numeric zones.  Every word must be
 * understood: anything unknown makes the whole string fail.
 */
static int
date_parse_rfc822(const char *s, time_t *out)
{
	struct date_fields f;
	int have_day = 0, have_year = 0, have_time = 0, have_zone = 0;
	int n, v = 0;
	size_t wn;
	long off;
	const char *w;

	memset(&f, 0, sizeof f);
	while (*s != '\0') {
		if (text_isspace((unsigned char)*s) || *s == ',') {
			s++;
			continue;
		}
		if (text_isalpha((unsigned char)*s)) {
			w = s;
			while (text_isalpha((unsigned char)*s) || *s == '/' ||
			    (*s == '.' && s > w))
				s++;
			wn = (size_t)(s - w);
			if (wn > 1 && w[wn - 1] == '.')
				wn--;	/* "Jan." */
			if (!have_time && !have_zone && f.mon == 0 &&
			    (v = date_month_word(w, wn)) != 0) {
				f.mon = v;
			} else if (!have_day && !have_time && date_wday_word(w, wn)) {
				;
			} else if (!have_zone && date_zone_word(w, wn, &off) == 0 &&
			    (have_time || wn > 1)) {
				f.off = off;
				have_zone = 1;
				if ((*s == '+' || *s == '-') &&
				    text_isdigit((unsigned char)s[1])) {
					/* GMT+01:00 */
					if (date_numeric_zone(&s, &off) < 0)
						return -1;
					f.off += off;
				}
			} else {
				return -1;
			}
			continue;
		}
		if ((*s == '+' || *s == '-') && text_isdigit((unsigned char)s[1])) {
			if (have_zone || !have_time || date_numeric_zone(&s, &f.off) < 0)
				return -1;
			have_zone = 1;
			continue;
		}
		if (!text_isdigit((unsigned char)*s))
			return -1;
		n = date_ndigits(s);
		if (s[n] == ':') {
			if (have_time || date_clock(&s, &f) < 0)
				return -1;
			have_time = 1;
		} else if (n == 4 && s[n] == '/' && !have_year) {
			/* 2006/09/15 */
			date_digits(&s, 4, &f.year);
			s++;
			if (date_digits(&s, 2, &f.mon) < 0 || *s++ != '/' ||
			    date_digits(&s, 2, &f.day) < 0)
				return -1;
			have_year = have_day = 1;
		} else if (n <= 2 && !have_day && !have_year) {
			date_digits(&s, n, &f.day);
			have_day = 1;
		} else if (n >= 2 && n <= 4 && !have_year && have_day &&
		    f.mon != 0) {
			date_digits(&s, n, &v);
			f.year = n == 2 ? date_century(v) : n == 3 ? 1900 + v : v;
			have_year = 1;
		} else {
			return -1;
		}
		if (*s != '\0' && !text_isspace((unsigned char)*s) && *s != ',' &&
		    *s != '+' && *s != '-' && !text_isalpha((unsigned char)*s))
			return -1;
	}
	if (!have_day || !have_year || f.mon == 0)
		return -1;
	return date_finish(&f, out);
}

/*
 * Non-English forms from the Universal Feed Parser's tests: Korean
 * (OnBlog, Nate; Korea Standard Time), Greek and Hungarian month names.
 * Each is rewritten to a form the parsers above read.
 */
static const struct {
	const char *from, *to;
} date_words[] = {
	/* Greek weekdays and months */
	{ "Κυρ", "Sun" }, { "Δευ", "Mon" }, { "Τρι", "Tue" }, { "Τετ", "Wed" },
	{ "Πεμ", "Thu" }, { "Παρ", "Fri" }, { "Σαβ", "Sat" },
	{ "Ιαν", "Jan" }, { "Φεβ", "Feb" }, { "Μάώ", "Mar" }, { "Μάρ", "Mar" },
	{ "Μαρ", "Mar" }, { "Απρ", "Apr" }, { "Μάι", "May" }, { "Μαϊ", "May" },
	{ "Μαι", "May" }, { "Ιούν", "Jun" }, { "Ιον", "Jun" }, { "Ιούλ", "Jul" },
	{ "Ιολ", "Jul" }, { "Αύγ", "Aug" }, { "Αυγ", "Aug" }, { "Σεπ", "Sep" },
	{ "Οκτ", "Oct" }, { "Νοέ", "Nov" }, { "Νοε", "Nov" }, { "Δεκ", "Dec" },
	/* Hungarian months */
	{ "január", "01" }, { "február", "02" }, { "március", "03" },
	{ "április", "04" }, { "május", "05" }, { "június", "06" },
	{ "július", "07" }, { "augusztus", "08" }, { "szeptember", "09" },
	{ "október", "10" }, { "november", "11" }, { "december", "12" },
};

static int
date_translate(const char *s, char *out, size_t size)
{
	size_t i, j, n, o = 0;
	int changed = 0;

	while (*s != '\0') {
		for (i = 0; i < sizeof date_words / sizeof date_words[0]; i++) {
			n = strlen(date_words[i].from);
			if (strncmp(s, date_words[i].from, n) == 0)
				break;
		}
		if (i < sizeof date_words / sizeof date_words[0]) {
			for (j = 0; date_words[i].to[j] != '\0'; j++) {
				if (o + 1 >= size)
					return -1;
				out[o++] = date_words[i].to[j];
			}
			s += n;
			changed = 1;
			continue;
		}
		if (o + 1 >= size)
			return -1;
		out[o++] = *s++;
	}
	out[o] = '\0';
	return changed ? 0 : -1;
}

/* "2004년 05월 28일 01:31:15" and "2004-05-25 오후 11:23:17", in KST. */
static int
date_parse_korean(const char *s, time_t *out)
{
	static const char *const unit[3] = { "년", "월", "일" };
	struct date_fields f;
	int v[3] = { 0, 0, 0 }, i, pm = -1;

	memset(&f, 0, sizeof f);
	for (i = 0; i < 3; i++) {
		while (text_isspace((unsigned char)*s))
			s++;
		if (date_ndigits(s) < 1 || date_ndigits(s) > 4)
			return -1;
		date_digits(&s, date_ndigits(s), &v[i]);
		if (strncmp(s, unit[i], strlen(unit[i])) == 0)
			s += strlen(unit[i]);
		else if (i < 2 && *s == '-')
			s++;
		else if (i < 2)
			return -1;
	}
	while (text_isspace((unsigned char)*s))
		s++;
	if (strncmp(s, "오전", strlen("오전")) == 0) {
		pm = 0;
		s += strlen("오전");
	} else if (strncmp(s, "오후", strlen("오후")) == 0) {
		pm = 1;
		s += strlen("오후");
	}
	while (text_isspace((unsigned char)*s))
		s++;
	if (date_clock(&s, &f) < 0 || *s != '\0')
		return -1;
	if (pm == 1 && f.hour < 12)
		f.hour += 12;
	else if (pm == 0 && f.hour == 12)
		f.hour = 0;
	f.year = v[0];
	f.mon = v[1];
	f.day = v[2];
	f.off = 9 * 3600L;
	return date_finish(&f, out);
}

int
date_parse(const char *s, time_t *out)
{
	char tmp[DATE_MAXLEN + 1], alt[2 * DATE_MAXLEN];
	size_t n;

	if (s == NULL)
		return -1;
	while (text_isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && text_isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n > DATE_MAXLEN)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (date_parse_iso(tmp, out) == 0 || date_parse_rfc822(tmp, out) == 0)
		return 0;
	for (n = 0; tmp[n] != '\0' && (unsigned char)tmp[n] < 0x80; n++)
		;
	if (tmp[n] == '\0')
		return -1;	/* plain ASCII: nothing left to try */
	if (date_parse_korean(tmp, out) == 0)
		return 0;
	if (date_translate(tmp, alt, sizeof alt) == 0 &&
	    (date_parse_iso(alt, out) == 0 || date_parse_rfc822(alt, out) == 0))
		return 0;
	return -1;
}

char *
date_iso(time_t t, char *buf, size_t size)
{
	int64_t days, secs, z, era, doe, yoe, doy, mp, y, m, d;
	int n;

	if (size == 0)
		return buf;
	days = (int64_t)t / 86400;
	secs = (int64_t)t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	/* civil_from_days (H. Hinnant) */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	n = snprintf(buf, size, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
	    (long long)y, (long long)m, (long long)d, (long long)(secs / 3600),
	    (long long)(secs / 60 % 60), (long long)(secs % 60));
	if (n < 0 || (size_t)n >= size)
		buf[0] = '\0';
	return buf;
}

long long
date_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
