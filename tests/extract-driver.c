/*
 * extract-driver: run the article extractor on files, for development,
 * scoring and benchmarks (the real command is `tidings extract`).
 *
 *   extract-driver [--base URL] [--width N] FILE
 *	print what `tidings extract` prints for FILE
 *   extract-driver --bench N FILE...
 *	extract every FILE N times and print "<microseconds per page> <pages>"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article/extract.h"
#include "util/buf.h"
#include "util/err.h"
#include "unit/read_file.h"

static long
number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < 0 || v > 1000000) {
		fprintf(stderr, "extract-driver: bad number: %s\n", s);
		exit(2);
	}
	return v;
}

static int
bench(long rounds, int argc, char **argv, int first)
{
	struct timespec t0, t1;
	double total = 0;
	long pages = 0, r;
	int i;

	for (i = first; i < argc; i++) {
		struct buf b;

		buf_init(&b, EXTRACT_MAX_INPUT);
		if (read_file_into(argv[i], &b) < 0) {
			fprintf(stderr, "extract-driver: %s: cannot read\n", argv[i]);
			buf_release(&b);
			return 2;
		}
		for (r = 0; r < rounds; r++) {
			struct article a;

			clock_gettime(CLOCK_MONOTONIC, &t0);
			(void)extract_article(&a, b.data, b.len,
			    "http://fakehost/test/page.html", NULL, NULL);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			extract_release(&a);
			total += (double)(t1.tv_sec - t0.tv_sec) * 1e6 +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e3;
			pages++;
		}
		buf_release(&b);
	}
	printf("%.1f %ld\n", pages ? total / (double)pages : 0.0, pages);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *base = NULL;
	long width = 0, rounds = 0;
	struct article a;
	struct buf in, out;
	struct err e;
	int i = 1, rc;

	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--base") == 0 && i + 1 < argc)
			base = argv[++i];
		else if (strcmp(argv[i], "--width") == 0 && i + 1 < argc)
			width = number(argv[++i]);
		else if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc)
			rounds = number(argv[++i]);
		else
			break;
	}
	if (rounds > 0)
		return bench(rounds, argc, argv, i);
	if (i + 1 != argc) {
		fprintf(stderr, "usage: extract-driver [--base URL] [--width N] FILE\n");
		return 2;
	}
	buf_init(&in, EXTRACT_MAX_INPUT);
	if (read_file_into(argv[i], &in) < 0) {
		fprintf(stderr, "extract-driver: %s: cannot read\n", argv[i]);
		return 2;
	}
	rc = extract_article(&a, in.data, in.len, base, NULL, &e);
	buf_release(&in);
	if (rc < 0) {
		fprintf(stderr, "extract-driver: %s\n", e.msg);
		extract_release(&a);
		return 2;
	}
	buf_init(&out, 0);
	(void)extract_format(&a, (int)width, &out);
	extract_release(&a);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		buf_release(&out);
		return 1;
	}
	buf_release(&out);
	return 0;
}
