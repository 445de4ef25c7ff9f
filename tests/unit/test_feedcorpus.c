/*
 * feed/feed against the Universal Feed Parser's test corpus
 * ($SHARED_DIR/corpora/feedparser; exits 77 when it is absent):
 *
 * - simple-cases.jsonl, without the "sanitize" category (HTML sanitising
 *   is render's business, not the parser's): each expected value is
 *   compared with the field of struct feed that corresponds to
 *   feedparser's name, and the pass rate must stay above a floor.  Cases
 *   marked http get the URL the feedparser test server would have served
 *   them from, and their Content-Location and charset headers.
 * - every file under tests/wellformed, illformed, encoding and entities is
 *   parsed: no crash, no sanitizer report, UTF-8 out or a message.
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
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "feed/feed.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/url.h"
#include "feed_jsonl.h"
#include "read_file.h"

/*
 * The pass rate measured when this test was written was 165/182
 * (90.7%); the floor leaves a small margin.  The failures: SVG and MathML
 * that feedparser re-serialises with sorted attributes and xmlns:xlink,
 * "<br/>" it rewrites as "<br />", ids it resolves against the document
 * URI (we keep ids as written: they are identities, not links), and two
 * doctype-like strings its sanitiser escapes.
 */
#define PASS_FLOOR 0.88

#define CORPUS_MAX_FILE (8 * 1024 * 1024)
#define SERVER "http://127.0.0.1:8097/"

static const char *corpus;	/* $SHARED_DIR/corpora/feedparser */

static char *
slurp(const char *path, size_t *len)
{
	struct buf b;

	buf_init(&b, CORPUS_MAX_FILE);
	if (read_file_into(path, &b) < 0) {
		buf_release(&b);
		return NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

/* HTML to text, the way we make titles: tags out, entities in, spaces collapsed. */
static char *
html_text(const char *s)
{
	static const struct {
		const char *name, *text;
	} ents[] = {
		{ "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" }, { "&quot;", "\"" },
		{ "&#39;", "'" }, { "&apos;", "'" },
	};
	char *r = malloc(strlen(s) + 1), *o = r;
	size_t i;
	int space = 0;

	assert_non_null(r);
	while (*s != '\0') {
		if (*s == '<' && strchr(s, '>') != NULL) {
			s = strchr(s, '>') + 1;
			continue;
		}
		if (*s == '&') {
			for (i = 0; i < sizeof ents / sizeof ents[0]; i++)
				if (strncmp(s, ents[i].name, strlen(ents[i].name)) == 0)
					break;
			if (i < sizeof ents / sizeof ents[0]) {
				*o++ = ents[i].text[0];
				s += strlen(ents[i].name);
				space = 0;
				continue;
			}
		}
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (!space && o != r)
				*o++ = ' ';
			space = 1;
			s++;
			continue;
		}
		space = 0;
		*o++ = *s++;
	}
	while (o > r && o[-1] == ' ')
		o--;
	*o = '\0';
	return r;
}

/* Our escaped-text HTML back to text (for summaries of type text). */
static char *
unescape(const char *s)
{
	char *r = malloc(strlen(s) + 1), *o = r;

	assert_non_null(r);
	while (*s != '\0') {
		if (strncmp(s, "&lt;", 4) == 0) {
			*o++ = '<';
			s += 4;
		} else if (strncmp(s, "&gt;", 4) == 0) {
			*o++ = '>';
			s += 4;
		} else if (strncmp(s, "&amp;", 5) == 0) {
			*o++ = '&';
			s += 5;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return r;
}

/* Our value of a feedparser field, as a string (dates as ISO 8601). */
static const char *
our_value(const struct feed *f, const char *scope, long idx, const char *field,
    char *tmp, size_t size)
{
	const struct item *it;

	if (strcmp(scope, "feed") == 0) {
		if (strcmp(field, "title") == 0)
			return f->title;
		if (strcmp(field, "link") == 0)
			return f->link;
		if (strcmp(field, "subtitle") == 0 || strcmp(field, "description") == 0)
			return f->description;
		if (strcmp(field, "author") == 0)
			return f->author;
		if (strcmp(field, "updated") == 0)
			return f->updated ? date_iso(f->updated, tmp, size) : NULL;
		return NULL;
	}
	if (idx < 0 || (size_t)idx >= f->nitems)
		return NULL;
	it = &f->items[idx];
	if (strcmp(field, "title") == 0)
		return it->title;
	if (strcmp(field, "link") == 0)
		return it->link;
	if (strcmp(field, "id") == 0)
		return it->guid;
	if (strcmp(field, "author") == 0)
		return it->author;
	if (strcmp(field, "summary") == 0)
		return it->summary != NULL ? it->summary : it->content;
	if (strcmp(field, "content") == 0)
		return it->content;
	if (strcmp(field, "published") == 0)
		return it->published ? date_iso(it->published, tmp, size) : NULL;
	if (strcmp(field, "updated") == 0)
		return it->updated ? date_iso(it->updated, tmp, size) : NULL;
	return NULL;
}

/* 2: the same string; 1: the same once mapped to our conventions; 0: not. */
static int
compare(const char *field, const char *ours, const char *want)
{
	char *a, *b, tmp[32];
	time_t t;
	int r = 0;

	if (ours == NULL)
		return 0;
	if (strcmp(ours, want) == 0)
		return 2;
	if (strcmp(field, "published") == 0 || strcmp(field, "updated") == 0)
		return date_parse(want, &t) == 0 &&
		    strcmp(date_iso(t, tmp, sizeof tmp), ours) == 0;
	if (strcmp(field, "title") == 0) {
		/* our titles are plain text; feedparser keeps HTML ones as HTML */
		a = html_text(want);
		r = strcmp(a, ours) == 0;
		free(a);
	} else if (strcmp(field, "summary") == 0) {
		/* text summaries are escaped into HTML by us */
		a = unescape(ours);
		r = strcmp(a, want) == 0;
		free(a);
		if (!r) {
			a = html_text(ours);
			b = html_text(want);
			r = strcmp(a, b) == 0 && strchr(want, '<') == NULL;
			free(a);
			free(b);
		}
	}
	return r;
}

static void
test_simple_cases(void **state)
{
	char path[4096], tmp[64], *line = NULL, *file, *scope, *field, *want;
	char *doc, *url, *loc, *ctype, *cs, *abs;
	const char *ours, *hdrs, *v;
	struct feed_parse_opts o;
	struct err e;
	struct feed *f;
	size_t cap = 0, len;
	long idx;
	int total = 0, exact = 0, mapped = 0, skipped = 0, r;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof path, "%s/simple-cases.jsonl", corpus);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (getline(&line, &cap, fp) > 0) {
		v = jsonl_find(line, "category");
		cs = jsonl_str(v);
		if (cs == NULL || strcmp(cs, "sanitize") == 0) {
			free(cs);
			continue;
		}
		free(cs);
		file = jsonl_str(jsonl_find(line, "file"));
		scope = jsonl_str(jsonl_find(line, "scope"));
		field = jsonl_str(jsonl_find(line, "field"));
		want = jsonl_str(jsonl_find(line, "expected"));
		v = jsonl_find(line, "index");
		idx = v != NULL && *v >= '0' && *v <= '9' ? strtol(v, NULL, 10) : -1;
		if (file == NULL || scope == NULL || field == NULL || want == NULL) {
			skipped++;
			goto next;
		}
		memset(&o, 0, sizeof o);
		url = NULL;
		loc = ctype = NULL;
		if (jsonl_is_true(jsonl_find(line, "http"))) {
			/* what feedparser's test server would have sent */
			len = strlen(SERVER) + strlen(file) + 1;
			url = malloc(len);
			assert_non_null(url);
			snprintf(url, len, "%s%s", SERVER, file);
			hdrs = jsonl_find(line, "headers");
			if (hdrs != NULL) {
				loc = jsonl_str(jsonl_find(hdrs, "Content-Location"));
				ctype = jsonl_str(jsonl_find(hdrs, "Content-type"));
				if (ctype == NULL)
					ctype = jsonl_str(jsonl_find(hdrs, "Content-Type"));
			}
			if (loc != NULL && (abs = url_resolve(url, loc)) != NULL) {
				free(url);
				url = abs;
			}
			if (ctype != NULL && (cs = strstr(ctype, "charset=")) != NULL)
				o.charset = cs + 8;
			o.url = url;
		}
		snprintf(path, sizeof path, "%s/%s", corpus, file);
		doc = slurp(path, &len);
		if (doc == NULL) {
			skipped++;
			free(url);
			free(loc);
			free(ctype);
			goto next;
		}
		f = feed_parse(doc, len, &o, &e);
		ours = f != NULL ? our_value(f, scope, idx, field, tmp, sizeof tmp) : NULL;
		r = compare(field, ours, want);
		total++;
		exact += r == 2;
		mapped += r == 1;
		if (r == 0 && getenv("CORPUS_VERBOSE") != NULL)
			print_message("FAIL %s %s[%ld].%s\n  got  %s\n  want %s\n", file,
			    scope, idx, field, ours ? ours : f ? "(null)" : e.msg, want);
		feed_free(f);
		free(doc);
		free(url);
		free(loc);
		free(ctype);
next:
		free(file);
		free(scope);
		free(field);
		free(want);
	}
	free(line);
	fclose(fp);
	print_message("simple-cases.jsonl (without sanitize): %d/%d pass (%.1f%%): "
	    "%d exactly, %d after mapping (plain-text titles, escaped text "
	    "summaries, dates); %d unreadable; set CORPUS_VERBOSE=1 for the failures\n",
	    exact + mapped, total, 100.0 * (exact + mapped) / (total ? total : 1),
	    exact, mapped, skipped);
	assert_true(total >= 150);
	assert_int_equal(skipped, 0);
	assert_true(exact + mapped >= PASS_FLOOR * total);
}

static int
utf8_valid(const char *s)
{
	return s == NULL || text_utf8_valid(s, strlen(s));
}

struct walk {
	int files, feeds, refused;
};

static void
check_feed(const struct feed *f, const char *path)
{
	const struct item *it;
	size_t i, k;

	if (!utf8_valid(f->title) || !utf8_valid(f->link) ||
	    !utf8_valid(f->description) || !utf8_valid(f->author))
		fail_msg("%s: feed field not UTF-8", path);
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		if (it->guid == NULL || it->guid[0] == '\0')
			fail_msg("%s: item %zu without id", path, i);
		if (!utf8_valid(it->guid) || !utf8_valid(it->title) ||
		    !utf8_valid(it->link) || !utf8_valid(it->author) ||
		    !utf8_valid(it->summary) || !utf8_valid(it->content))
			fail_msg("%s: item %zu field not UTF-8", path, i);
		for (k = 0; k < it->ncategories; k++)
			if (!utf8_valid(it->categories[k]) || it->categories[k][0] == '\0')
				fail_msg("%s: bad category", path);
		for (k = 0; k < it->nenclosures; k++)
			if (it->enclosures[k].url == NULL)
				fail_msg("%s: enclosure without url", path);
	}
}

static void
walk_dir(const char *dir, int depth, struct walk *w)
{
	char path[4096];
	struct dirent *de;
	struct stat st;
	struct feed_parse_opts o;
	struct err e;
	struct feed *f;
	char *doc;
	size_t len;
	DIR *d;

	if (depth > 8 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path)
			continue;
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk_dir(path, depth + 1, w);
			continue;
		}
		if (!S_ISREG(st.st_mode) || (doc = slurp(path, &len)) == NULL)
			continue;
		memset(&o, 0, sizeof o);
		o.url = SERVER "feed.xml";
		err_clear(&e);
		f = feed_parse(doc, len, &o, &e);
		w->files++;
		if (f != NULL) {
			w->feeds++;
			check_feed(f, path);
			feed_free(f);
		} else {
			w->refused++;
			if (e.msg[0] == '\0' || strchr(e.msg, '\n') != NULL)
				fail_msg("%s: refused without a one-line message", path);
		}
		free(doc);
	}
	closedir(d);
}

static void
test_parse_everything(void **state)
{
	static const char *const dirs[] = {
		"tests/wellformed", "tests/illformed", "tests/encoding", "tests/entities"
	};
	struct walk w = { 0, 0, 0 };
	char path[4096];
	size_t i;
	struct timespec a, b;

	(void)state;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", corpus, dirs[i]);
		walk_dir(path, 0, &w);
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	print_message("parsed %d corpus files: %d feeds, %d refused with a message "
	    "(%.0f ms CPU)\n", w.files, w.feeds, w.refused,
	    (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
	assert_true(w.files > 1500);
	assert_true(w.feeds > w.refused);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_cases),
		cmocka_unit_test(test_parse_everything),
	};
	static char dir[4096];
	const char *shared = getenv("SHARED_DIR");
	struct stat st;

	if (shared == NULL || snprintf(dir, sizeof dir, "%s/corpora/feedparser",
	    shared) >= (int)sizeof dir || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "test_feedcorpus: no $SHARED_DIR/corpora/feedparser, skipping\n");
		return 77;
	}
	corpus = dir;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
