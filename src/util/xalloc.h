/*
 * xalloc: allocation that cannot fail.
 *
 * Out of memory is not an expected failure here: these functions print one
 * line and abort, so callers never test for NULL.  Sizes are checked for
 * overflow before multiplying.  xfree is plain free (free(NULL) is a no-op).
 */
#ifndef TIDINGS_XALLOC_H
#define TIDINGS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc ptr to nmemb * size bytes, aborting when the product overflows. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/*
 * Room for element n of an array of *cap elements of size bytes: when
 * n == *cap the array grows to twice *cap (to first when empty) and *cap
 * says so.  Returns the array, perhaps moved:
 * a = xgrow(a, n, &cap, 16, sizeof *a); a[n++] = x;
 */
void *xgrow(void *ptr, size_t n, size_t *cap, size_t first, size_t size);
char *xstrdup(const char *s);
/* Copy at most n bytes of s and NUL-terminate (s need not be terminated). */
char *xstrndup(const char *s, size_t n);
/* Format into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
