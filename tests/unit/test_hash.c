/*
 * util/hash: FNV-1a against the published test vectors, and the values the
 * cache already holds (generated item ids, body hashes) kept as they were.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/hash.h"

static void
test_fnv1a_vectors(void **state)
{
	(void)state;
	/* the FNV reference's 64-bit FNV-1a values */
	assert_true(hash_str(HASH_FNV_OFFSET, "") == 0xcbf29ce484222325ULL);
	assert_true(hash_str(HASH_FNV_OFFSET, NULL) == 0xcbf29ce484222325ULL);
	assert_true(hash_str(HASH_FNV_OFFSET, "a") == 0xaf63dc4c8601ec8cULL);
	assert_true(hash_str(HASH_FNV_OFFSET, "foobar") == 0x85944171f73967e8ULL);
	/* continuing is the same as hashing the concatenation */
	assert_true(hash_str(hash_str(HASH_FNV_OFFSET, "foo"), "bar") ==
	    hash_str(HASH_FNV_OFFSET, "foobar"));
}

/* The word-at-a-time hash as app/poll stored it (feeds.body_hash) before it
 * moved here: the same values, so no cache parses its feeds again. */
static uint64_t
old_poll_hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ULL;
	}
	w = 0;
	memcpy(&w, s, len);
	return ((h ^ w) * 0x100000001b3ULL ^ len) * 0x100000001b3ULL;
}

static void
test_words_keep_stored_values(void **state)
{
	static const char *const docs[] = {
		"", "a", "12345678", "123456789", "<rss version=\"2.0\"><channel/></rss>",
	};
	char nuls[3] = { 0, 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
		assert_true(hash_words(HASH_FNV_OFFSET, docs[i], strlen(docs[i])) ==
		    old_poll_hash_bytes(0xcbf29ce484222325ULL, docs[i], strlen(docs[i])));
	/* a tail of NULs is not the same as no tail */
	assert_true(hash_words(HASH_FNV_OFFSET, nuls, 3) != hash_words(HASH_FNV_OFFSET, nuls, 0));
	assert_true(hash_words(HASH_FNV_OFFSET, "12345678", 8) !=
	    hash_words(HASH_FNV_OFFSET, "12345678\0", 9));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fnv1a_vectors),
		cmocka_unit_test(test_words_keep_stored_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
