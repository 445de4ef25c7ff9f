/*
 * feed_jsonl.h: just enough JSON to read the Universal Feed Parser's
 * JSON-lines case files (test_date, test_feedcorpus).  Each line is one
 * object; values are found by key at the top level of an object.  Depth
 * and sizes are bounded; malformed input gives NULL, never a crash.
 * Header-only (static functions) so each test stays one program.
 */
#ifndef TIDINGS_FEED_JSONL_H
#define TIDINGS_FEED_JSONL_H

#include <stdlib.h>
#include <string.h>

#define JSONL_MAX_DEPTH 32

static inline const char *
jsonl_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Skip one value; returns the position after it, or NULL. */
static inline const char *
jsonl_skip(const char *p, int depth)
{
	p = jsonl_ws(p);
	if (depth > JSONL_MAX_DEPTH)
		return NULL;
	if (*p == '"') {
		for (p++; *p != '"'; p++) {
			if (*p == '\0')
				return NULL;
			if (*p == '\\' && *++p == '\0')
				return NULL;
		}
		return p + 1;
	}
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';

		p = jsonl_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = jsonl_skip(p, depth + 1);
				if (p == NULL || *(p = jsonl_ws(p)) != ':')
					return NULL;
				p++;
			}
			p = jsonl_skip(p, depth + 1);
			if (p == NULL)
				return NULL;
			p = jsonl_ws(p);
			if (*p == close)
				return p + 1;
			if (*p != ',')
				return NULL;
			p++;
		}
	}
	if (*p == '\0')
		return NULL;
	while (*p != '\0' && *p != ',' && *p != '}' && *p != ']' &&
	    *p != ' ' && *p != '\n')
		p++;
	return p;
}

static inline unsigned long
jsonl_hex4(const char *p)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
		else
			return 0xfffd;
	}
	return v;
}

/* The string at p, decoded to UTF-8 (caller frees), or NULL. */
static inline char *
jsonl_str(const char *p)
{
	const char *end;
	char *r, *o;
	unsigned long c, lo;

	if (p == NULL || *(p = jsonl_ws(p)) != '"' || (end = jsonl_skip(p, 0)) == NULL)
		return NULL;
	r = o = malloc((size_t)(end - p) * 2 + 1);
	if (r == NULL)
		return NULL;
	for (p++; p < end - 1; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'u':
			if (end - p < 5) {
				free(r);
				return NULL;
			}
			c = jsonl_hex4(p + 1);
			p += 4;
			if (c >= 0xd800 && c <= 0xdbff && p[1] == '\\' && p[2] == 'u') {
				lo = jsonl_hex4(p + 3);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			if (c < 0x80) {
				*o++ = (char)c;
			} else if (c < 0x800) {
				*o++ = (char)(0xc0 | (c >> 6));
				*o++ = (char)(0x80 | (c & 0x3f));
			} else if (c < 0x10000) {
				*o++ = (char)(0xe0 | (c >> 12));
				*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
				*o++ = (char)(0x80 | (c & 0x3f));
			} else {
				*o++ = (char)(0xf0 | (c >> 18));
				*o++ = (char)(0x80 | ((c >> 12) & 0x3f));
				*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
				*o++ = (char)(0x80 | (c & 0x3f));
			}
			break;
		default:
			*o++ = *p;
		}
	}
	*o = '\0';
	return r;
}

/* The value of key at the top level of the object at obj, or NULL. */
static inline const char *
jsonl_find(const char *obj, const char *key)
{
	const char *p = jsonl_ws(obj);
	char *k;
	int hit;

	if (*p != '{')
		return NULL;
	p = jsonl_ws(p + 1);
	while (*p == '"') {
		k = jsonl_str(p);
		if (k == NULL || (p = jsonl_skip(p, 0)) == NULL ||
		    *(p = jsonl_ws(p)) != ':') {
			free(k);
			return NULL;
		}
		hit = strcmp(k, key) == 0;
		free(k);
		p = jsonl_ws(p + 1);
		if (hit)
			return p;
		if ((p = jsonl_skip(p, 1)) == NULL)
			return NULL;
		p = jsonl_ws(p);
		if (*p != ',')
			return NULL;
		p = jsonl_ws(p + 1);
	}
	return NULL;
}

static inline int
jsonl_is_true(const char *p)
{
	return p != NULL && strncmp(jsonl_ws(p), "true", 4) == 0;
}

/* Up to n integers of the array at p; returns how many, or -1. */
static inline int
jsonl_ints(const char *p, long *out, int n)
{
	char *end;
	int i = 0;

	if (p == NULL || *(p = jsonl_ws(p)) != '[')
		return -1;
	p = jsonl_ws(p + 1);
	while (*p != ']' && i < n) {
		out[i++] = strtol(p, &end, 10);
		if (end == p)
			return -1;
		p = jsonl_ws(end);
		if (*p == ',')
			p = jsonl_ws(p + 1);
	}
	return i;
}

#endif
