/*
 * buf: a growable byte buffer with a hard size cap.
 *
 * Invariants: after buf_init, data is never NULL and data[len] is always
 * '\0' (so the contents can be used as a C string when they hold no NUL).
 * len never exceeds max: an append that would pass the cap appends nothing
 * and returns -1, so hostile input cannot grow memory without bound.
 * max == 0 means BUF_NOLIMIT.
 *
 * Overflow is sticky: once an append fails, overflow stays set (until
 * buf_init, buf_release, buf_reset or buf_take), so a caller appends
 * freely and checks once, where it matters, whether everything fitted.
 *
 * Ownership: the buffer owns data until buf_take hands it to the caller
 * (who then frees it with free) and leaves the buffer empty and reusable.
 */
#ifndef TIDINGS_BUF_H
#define TIDINGS_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_NOLIMIT ((size_t)-1 / 2)

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
	int overflow;		/* an append did not fit (sticky) */
};

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Return data (NUL-terminated, caller frees); the buffer becomes empty. */
char *buf_take(struct buf *b);

/*
 * The appenders return 0, or -1 (appending nothing, setting overflow) past
 * the cap.  An uncapped buffer (max 0) cannot fail; a capped one is checked
 * once through overflow after its appends, or at each append where the
 * caller must stop at the first failure.
 */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/*
 * Make room for n more bytes (at most up to the cap) without appending
 * anything: one allocation for a size known ahead, instead of the
 * doublings appends would make.  Never fails (a reserve past the cap
 * reserves up to it; overflow is not set).
 */
void buf_reserve(struct buf *b, size_t n);
/* Cut the contents to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);

#endif
