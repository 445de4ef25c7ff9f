/* Unit tests for app/format: newsboat's format strings, case for case
 * with newsboat's own fmtstrformatter tests, and datetime-format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/format.h"
#include "util/buf.h"

struct format_case {
	const char *fmt;
	size_t width;
	const char *want;
};

static void
check_cases(struct format_vars *vars, const struct format_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct buf b;

		buf_init(&b, 0);
		assert_int_equal(format_expand(&b, cases[i].fmt, vars, cases[i].width), 0);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("format \"%s\" width %zu: got \"%s\", want \"%s\"", cases[i].fmt,
			    cases[i].width, b.data, cases[i].want);
		buf_release(&b);
	}
}

/* newsboat's t_do_format_replaces_variables_with_values_* and _center */
static void
test_newsboat_cases(void **state)
{
	static const struct format_case a[] = {
		{ "%?a?%a&no?", 0, "AAA" },
		{ "%?b?%b&no?", 0, "no" },
		{ "%?a?[%-4a]&no?", 0, "[AAA ]" },
	};
	static const struct format_case ab[] = {
		{ "asdf | %a | %?c?%a%b&%b%a? | qwert", 0, "asdf | AAA | BBBAAA | qwert" },
		{ "%?c?asdf?", 0, "" },
	};
	static const struct format_case abc[] = {
		{ "", 0, "" },
		{ "%", 0, "" },
		{ "%%", 0, "%" },
		{ "%a%b%c", 0, "AAABBBCCC" },
		{ "%%%a%%%b%%%c%%", 0, "%AAA%BBB%CCC%" },
		{ "%4a", 0, " AAA" },
		{ "%-4a", 0, "AAA " },
		{ "%2a", 0, "AA" },
		{ "%-2a", 0, "AA" },
		{ "<%a> <%5b> | %-5c%%", 0, "<AAA> <  BBB> | CCC  %" },
		{ "asdf | %a | %?c?%a%b&%b%a? | qwert", 0, "asdf | AAA | AAABBB | qwert" },
		{ "%>X", 3, "XXX" },
		{ "%a%> %b", 10, "AAA    BBB" },
		{ "%a%> %b", 0, "AAA BBB" },
		{ "%?c?asdf?", 0, "asdf" },
		/* the whole line is cut to the width */
		{ "%a%b%c", 5, "AAABB" },
		/* an unknown letter is empty; an unterminated %? is read on */
		{ "[%z]", 0, "[]" },
		{ "%?a?x", 0, "a?x" },	/* %? is then an empty letter "?" */
		/* a byte past ASCII after % is no letter (fuzz_format found it
		 * read past the table), nor is a wide character */
		{ "[%\x8b]", 0, "[]" },
		{ "[%4\xe4\xb8\xad]%?\xe4\xb8\xad?y&n?", 0, "[]n" },
	};
	static const struct format_case centre[] = {
		{ "%=20T", 0, "      whatever      " },
		{ "%=19T", 0, "     whatever      " },
		{ "%=3T", 0, "wha" },
		{ "%=0T", 20, "      whatever      " },
	};
	struct format_vars v;

	(void)state;
	format_vars_init(&v);
	format_set(&v, 'a', "AAA");
	check_cases(&v, a, sizeof a / sizeof a[0]);
	format_set(&v, 'b', "BBB");
	check_cases(&v, ab, sizeof ab / sizeof ab[0]);
	format_set(&v, 'c', "CCC");
	check_cases(&v, abc, sizeof abc / sizeof abc[0]);
	format_vars_init(&v);
	format_set(&v, 'T', "whatever");
	check_cases(&v, centre, sizeof centre / sizeof centre[0]);
}

/* Wide characters: padding counts columns, a character is never split. */
static void
test_wide(void **state)
{
	static const struct format_case cjk[] = {
		{ "%-5a|", 0, "\xe4\xb8\xad\xe6\x96\x87 |" },	/* 中文 is 4 columns */
		{ "%3a|", 0, " \xe4\xb8\xad|" },		/* 文 would not fit */
		{ "%a%>.%a", 10, "\xe4\xb8\xad\xe6\x96\x87..\xe4\xb8\xad\xe6\x96\x87" },
	};
	struct format_vars v;

	(void)state;
	format_vars_init(&v);
	format_set(&v, 'a', "\xd0\x90\xd0\x91\xd0\x92");	/* АБВ: 3 columns */
	{
		static const struct format_case cyr[] = {
			{ "%4a|", 0, " \xd0\x90\xd0\x91\xd0\x92|" },
			{ "%-4a|", 0, "\xd0\x90\xd0\x91\xd0\x92 |" },
			{ "%?a?%a&no?", 0, "\xd0\x90\xd0\x91\xd0\x92" },
		};

		check_cases(&v, cyr, sizeof cyr / sizeof cyr[0]);
	}
	format_set(&v, 'a', "\xe4\xb8\xad\xe6\x96\x87");
	check_cases(&v, cjk, sizeof cjk / sizeof cjk[0]);
}

/* Hostile values: escape sequences never reach the output nor count. */
static void
test_hostile_values(void **state)
{
	static const struct format_case cases[] = {
		{ "%-6t|", 0, "redX  |" },
		{ "%t%>-%t", 12, "redX----redX" },
		{ "a\033[2Jb", 0, "ab" },
	};
	struct format_vars v;

	(void)state;
	format_vars_init(&v);
	format_set(&v, 't', "\033[31mred\033[0mX");
	check_cases(&v, cases, sizeof cases / sizeof cases[0]);
}

/* The mark: where a letter's value landed, through padding and fills. */
static void
test_mark(void **state)
{
	static const struct {
		const char *fmt;
		size_t width;
		size_t start, end;
	} cases[] = {
		{ "%4i %E%t", 0, 5, 7 },
		{ "%t%> %E", 12, 10, 12 },
		{ "%?E?[%E]&?%t", 0, 1, 3 },
		{ "%t", 0, 0, 0 },
	};
	struct format_vars v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;

		format_vars_init(&v);
		format_set(&v, 'i', "1");
		format_set(&v, 't', "Title");
		format_set(&v, 'E', "! ");
		v.mark = 'E';
		buf_init(&b, 0);
		assert_int_equal(format_expand(&b, cases[i].fmt, &v, cases[i].width), 0);
		assert_int_equal(v.mark_start, cases[i].start);
		assert_int_equal(v.mark_end, cases[i].end);
		if (v.mark_end > v.mark_start)
			assert_memory_equal(b.data + v.mark_start, "! ", 2);
		buf_release(&b);
	}
}

static void
test_date(void **state)
{
	char out[FORMAT_DATE_MAX];
	time_t t = 1704103200;	/* 2024-01-01 10:00 UTC */

	(void)state;
	setenv("TZ", "UTC", 1);
	format_date(out, sizeof out, "%b %d", t, t);
	assert_string_equal(out, "Jan 01");
	format_date(out, sizeof out, "%Y-%m-%d %H:%M", t, t);
	assert_string_equal(out, "2024-01-01 10:00");
	format_date(out, sizeof out, "%L", t, t + 3 * 86400 + 5);
	assert_string_equal(out, "3 days ago");
	format_date(out, sizeof out, "%L", t, t + 86400);
	assert_string_equal(out, "1 day ago");
	format_date(out, sizeof out, "100%%", t, t);
	assert_string_equal(out, "100%");
	/* unknown date: blanks as wide as a date */
	format_date(out, sizeof out, "%b %d", 0, t);
	assert_string_equal(out, "      ");
	/* a result that does not fit is empty, never cut mid-character */
	format_date(out, 4, "%Y-%m-%d", t, t);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newsboat_cases),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_hostile_values),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
