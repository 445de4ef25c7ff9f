/*
 * fuzz_date: libFuzzer harness for date_parse and date_iso.
 *
 * Property: a date that parses and lies in years 1970..9999 prints as ISO
 * 8601 and that text parses back to the same time.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, iso[64];
	time_t t = 0, back = 0;

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &t) == 0 && t >= 0 && t < (time_t)253402300800LL) {
		date_iso(t, iso, sizeof iso);
		if (date_parse(iso, &back) != 0 || back != t)
			abort();
	}
	free(s);
	return 0;
}
