#include "util/hash.h"

#include <string.h>

uint64_t
hash_str(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * HASH_FNV_PRIME;
	return h;
}

uint64_t
hash_words(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * HASH_FNV_PRIME;
	}
	w = 0;
	memcpy(&w, s, len);
	/* the tail's length too: a tail of NULs is not the same as none */
	return ((h ^ w) * HASH_FNV_PRIME ^ len) * HASH_FNV_PRIME;
}
