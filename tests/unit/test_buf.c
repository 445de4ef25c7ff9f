/* Unit tests for util/buf, util/err and util/xalloc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

static void
test_buf_empty_is_string(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void
test_buf_append_and_take(void **state)
{
	struct buf b;
	char *s;
	int i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < 1000; i++)
		assert_int_equal(buf_addstr(&b, "ab"), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[2000], '\0');
	assert_int_equal(buf_printf(&b, "-%d-", 42), 0);
	assert_string_equal(b.data + 2000, "-42-");
	s = buf_take(&b);
	assert_int_equal(strlen(s), 2004);
	assert_string_equal(b.data, "");
	free(s);
	s = buf_take(&b);	/* taking an empty buffer gives a fresh "" */
	assert_string_equal(s, "");
	free(s);
	buf_release(&b);
}

static void
test_buf_cap_refuses_growth(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_addstr(&b, "12345678"), 0);
	assert_int_equal(buf_addc(&b, '9'), -1);
	assert_int_equal(buf_printf(&b, "%s", "x"), -1);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.data, "12345678");
	buf_truncate(&b, 3);
	assert_string_equal(b.data, "123");
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

/* Overflow is sticky: appends after a failed one may fit again, but the
 * buffer remembers that something was lost until it is reset. */
static void
test_buf_overflow_is_sticky(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 8);
	assert_false(b.overflow);
	assert_int_equal(buf_addstr(&b, "12345"), 0);
	assert_false(b.overflow);
	assert_int_equal(buf_addstr(&b, "6789"), -1);
	assert_true(b.overflow);
	assert_int_equal(buf_addc(&b, 'x'), 0);	/* fits again */
	assert_true(b.overflow);			/* but the loss stays visible */
	assert_string_equal(b.data, "12345x");
	buf_truncate(&b, 2);
	assert_true(b.overflow);
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(buf_printf(&b, "%s", "too long for it"), -1);
	assert_true(b.overflow);
	s = buf_take(&b);
	assert_false(b.overflow);
	free(s);
	assert_int_equal(buf_add(&b, "abcdefghij", 10), -1);
	assert_true(b.overflow);
	buf_release(&b);
	assert_false(b.overflow);
}

static void
test_err_set_and_prefix(void **state)
{
	struct err e;
	char longer[2000];

	(void)state;
	assert_int_equal(err_set(&e, "HTTP %d", 404), -1);
	err_prefix(&e, "%s", "https://x/feed");
	assert_string_equal(e.msg, "https://x/feed: HTTP 404");
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	err_set(&e, "%s", longer);
	assert_int_equal(strlen(e.msg), ERR_MSG_MAX - 1);
	assert_string_equal(e.msg + ERR_MSG_MAX - 4, "...");
	assert_int_equal(err_set(NULL, "ignored"), -1);
}

static void
test_xalloc_strings(void **state)
{
	char *s;

	(void)state;
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xasprintf("%s=%d", "n", 7);
	assert_string_equal(s, "n=7");
	free(s);
}

/* xgrow: first when empty, then twice the capacity, only when full */
static void
test_xgrow_doubles(void **state)
{
	size_t n, cap = 0, caps[5], ncaps = 0;
	int *a = NULL;

	(void)state;
	for (n = 0; n < 20; n++) {
		size_t before = cap;

		a = xgrow(a, n, &cap, 3, sizeof *a);
		if (cap != before)
			caps[ncaps++] = cap;
		assert_true(n < cap);
		a[n] = (int)n;
	}
	assert_int_equal(ncaps, 4);
	assert_int_equal(caps[0], 3);
	assert_int_equal(caps[1], 6);
	assert_int_equal(caps[2], 12);
	assert_int_equal(caps[3], 24);
	for (n = 0; n < 20; n++)
		assert_int_equal(a[n], (int)n);
	free(a);
}

/* buf_reserve: one allocation for what follows, never past the cap,
 * never an overflow */
static void
test_buf_reserve(void **state)
{
	struct buf b;
	char *before;

	(void)state;
	buf_init(&b, 100);
	buf_reserve(&b, 50);
	assert_true(b.cap >= 51);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	before = b.data;
	assert_int_equal(buf_add(&b, "0123456789012345678901234567890123456789", 40), 0);
	assert_ptr_equal(b.data, before);	/* no reallocation */
	buf_reserve(&b, 1000);			/* past the cap: up to it */
	assert_true(b.cap >= 101);
	assert_int_equal(b.overflow, 0);
	assert_int_equal(buf_add(&b, "x", 1), 0);
	assert_int_equal(b.len, 41);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_empty_is_string),
		cmocka_unit_test(test_buf_append_and_take),
		cmocka_unit_test(test_buf_cap_refuses_growth),
		cmocka_unit_test(test_buf_reserve),
		cmocka_unit_test(test_buf_overflow_is_sticky),
		cmocka_unit_test(test_err_set_and_prefix),
		cmocka_unit_test(test_xalloc_strings),
		cmocka_unit_test(test_xgrow_doubles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
