/*
 * The extractor over Mozilla Readability's test pages (in $SHARED_DIR):
 * no page may crash or fail, and the mean bag-of-words F1 of the body
 * against the expected article must stay above a floor.  The scoring
 * mirrors tools/score-extract roughly (word tokens, lower case, counted
 * with multiplicity).  Exits 77 (skip) when the corpus is not there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article/extract.h"
#include "article/render.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "read_file.h"

#define F1_FLOOR 0.90
#define BASE "http://fakehost/test/page.html"

static char corpus[4096];

struct tokens {
	char **v;
	size_t n, cap;
};

static int
is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z') || cp == '_';
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
	    cp == TEXT_REPLACEMENT || cp >= 0x1F000)
		return 0;
	return 1;
}

static void
tokenize(const char *s, size_t len, struct tokens *t)
{
	size_t i = 0, start = 0, n;
	int in = 0;
	uint32_t cp;

	while (i <= len) {
		n = i < len ? text_decode(s + i, len - i, &cp) : 1;
		if (i < len && is_word_cp(cp)) {
			if (!in) {
				start = i;
				in = 1;
			}
		} else if (in) {
			char *w = xstrndup(s + start, i - start), *p;

			for (p = w; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p + 32);
			if (t->n == t->cap) {
				t->cap = t->cap ? t->cap * 2 : 256;
				t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
			}
			t->v[t->n++] = w;
			in = 0;
		}
		i += n;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
tokens_free(struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
}

static double
f1(struct tokens *ours, struct tokens *want)
{
	size_t i = 0, j = 0, shared = 0;
	double p, r;

	qsort(ours->v, ours->n, sizeof *ours->v, cmp_str);
	qsort(want->v, want->n, sizeof *want->v, cmp_str);
	while (i < ours->n && j < want->n) {
		int c = strcmp(ours->v[i], want->v[j]);

		if (c == 0) {
			shared++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	if (shared == 0)
		return 0;
	p = (double)shared / (double)ours->n;
	r = (double)shared / (double)want->n;
	return 2 * p * r / (p + r);
}

static double
score_page(const char *dir)
{
	char path[8192];
	struct buf src, exp, out;
	struct article a;
	struct render r;
	struct tokens ours = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	const char *body;
	double f;
	int rc, lines;

	buf_init(&src, 0);
	buf_init(&exp, 0);
	buf_init(&out, 0);
	snprintf(path, sizeof path, "%s/%s/source.html", corpus, dir);
	if (read_file_into(path, &src) < 0)
		fail_msg("cannot read %s", path);
	snprintf(path, sizeof path, "%s/%s/expected.html", corpus, dir);
	if (read_file_into(path, &exp) < 0)
		fail_msg("cannot read %s", path);

	rc = extract_article(&a, src.data, src.len, BASE, NULL, NULL);
	if (rc < 0)
		fail_msg("%s: extraction failed", dir);
	assert_int_equal(extract_format(&a, 0, &out), 0);
	extract_release(&a);
	/* the body starts after title, byline, date and an empty line */
	for (body = out.data, lines = 0; lines < 4 && body != NULL; lines++) {
		body = strchr(body, '\n');
		if (body != NULL)
			body++;
	}
	if (body != NULL)
		tokenize(body, strlen(body), &ours);

	render_init(&r);
	assert_int_equal(render_html(&r, exp.data, exp.len, 0, 0, NULL), 0);
	buf_reset(&out);
	assert_int_equal(render_to_buf(&r, &out), 0);
	render_release(&r);
	tokenize(out.data, out.len, &want);

	f = f1(&ours, &want);
	tokens_free(&ours);
	tokens_free(&want);
	buf_release(&src);
	buf_release(&exp);
	buf_release(&out);
	return f;
}

static void
test_corpus_mean_f1(void **state)
{
	DIR *d = opendir(corpus);
	struct dirent *e;
	double sum = 0, worst = 1;
	size_t n = 0;
	char worst_name[256] = "";

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		double f;

		if (e->d_name[0] == '.')
			continue;
		f = score_page(e->d_name);
		if (f < worst) {
			worst = f;
			snprintf(worst_name, sizeof worst_name, "%s", e->d_name);
		}
		sum += f;
		n++;
	}
	closedir(d);
	assert_true(n >= 100);
	print_message("pages %zu, mean F1 %.3f, worst %.3f (%s)\n", n,
	    sum / (double)n, worst, worst_name);
	assert_true(sum / (double)n >= F1_FLOOR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_mean_f1),
	};
	const char *shared = getenv("SHARED_DIR");
	DIR *d;

	if (shared == NULL || snprintf(corpus, sizeof corpus,
	    "%s/corpora/readability/test-pages", shared) >= (int)sizeof corpus ||
	    (d = opendir(corpus)) == NULL) {
		fprintf(stderr, "no Readability corpus under $SHARED_DIR: skipped\n");
		return 77;
	}
	closedir(d);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
