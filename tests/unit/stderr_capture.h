/*
 * What a call writes to stderr (fd 2), for tests that a parser prints
 * nothing: libxml2 prints some errors whatever its options say, and
 * nothing may reach stderr while a screen is up.
 */
#ifndef TIDINGS_STDERR_CAPTURE_H
#define TIDINGS_STDERR_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

struct stderr_capture {
	FILE *tmp;
	int saved;
};

static void
stderr_capture_begin(struct stderr_capture *c)
{
	fflush(stderr);
	c->tmp = tmpfile();
	assert_non_null(c->tmp);
	c->saved = dup(2);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->tmp), 2) >= 0);
}

/* Restore stderr; out gets what was written (cut to size - 1 bytes). */
static size_t
stderr_capture_end(struct stderr_capture *c, char *out, size_t size)
{
	size_t n;

	fflush(stderr);
	assert_true(dup2(c->saved, 2) >= 0);
	close(c->saved);
	rewind(c->tmp);
	n = fread(out, 1, size - 1, c->tmp);
	out[n] = '\0';
	fclose(c->tmp);
	return n;
}

#endif
