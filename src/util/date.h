/*
 * date: the date formats feeds use, to and from time_t (UTC).
 *
 * date_parse accepts RFC 822/1123 with real-world variants (missing
 * weekday, named and numeric zones, military zones, two-digit years,
 * missing seconds) and RFC 3339 / ISO 8601 (with or without zone, fraction,
 * 'T' or space; date only), plus the other forms in the Universal Feed
 * Parser's date tests that are unambiguous.  Returns 0 and sets *out, or -1.
 *
 * Also the one clock for timeouts and deadlines: date_now_ms.
 */
#ifndef TIDINGS_DATE_H
#define TIDINGS_DATE_H

#include <stddef.h>
#include <time.h>

int date_parse(const char *s, time_t *out);
/* Midnight UTC of a calendar date (years 1-9999, the day checked against
 * the month, leap years included): 0 and *out, or -1. */
int date_from_ymd(int y, int m, int d, time_t *out);
/* "2024-07-10T04:26:53Z" into buf (at least 21 bytes); returns buf. */
char *date_iso(time_t t, char *buf, size_t size);
/* Milliseconds on the monotonic clock (CLOCK_MONOTONIC): for timeouts and
 * deadlines, which a change of the wall clock must not move. */
long long date_now_ms(void);

#endif
