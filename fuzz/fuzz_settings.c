/*
 * fuzz_settings: libFuzzer harness for the config parser.
 *
 * The input is a config file.  After it is read, the browser argv for a
 * URL is built (app/spawn): whatever the browser command holds, it is
 * /bin/sh -c TEXT sh URL ..., the URL unchanged as "$1" and never in the
 * shell text; a non-http URL is refused.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/settings.h"
#include "app/spawn.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char url[] = "https://x.example/$(touch /tmp/pwned)`id`;a b\"c'";
	struct settings cfg;
	struct err e;
	char **argv, **words;
	int argc, i, found = 0;
	char *line;

	settings_init(&cfg);
	settings_load_string(&cfg, (const char *)data, size);
	argv = spawn_browser_argv(&cfg, url, NULL, NULL, NULL, &e);
	if (argv == NULL || strcmp(argv[0], "/bin/sh") != 0 || strcmp(argv[1], "-c") != 0 ||
	    strcmp(argv[3], "sh") != 0 || strcmp(argv[4], url) != 0)
		abort();
	/* the URL's own bytes never reach the shell text (a config can
	 * hold the text itself, so only when it does not) */
	if (cfg.browser == NULL || strstr(cfg.browser, "touch /tmp/pwned") == NULL)
		found = strstr(argv[2], "touch /tmp/pwned") != NULL;
	if (found)
		abort();
	spawn_argv_free(argv);
	argv = spawn_browser_argv(&cfg, "file:///etc/passwd", NULL, NULL, NULL, &e);
	if (argv != NULL)
		abort();
	argv = spawn_browser_argv(&cfg, "javascript:alert(1)", NULL, NULL, NULL, &e);
	if (argv != NULL)
		abort();
	settings_release(&cfg);

	/* the splitter alone, on the first line */
	line = malloc(size + 1);
	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	line[strcspn(line, "\n")] = '\0';
	if (settings_split(line, &words, &argc, &e) == 0) {
		for (i = 0; i < argc; i++)
			if (words[i] == NULL)
				abort();
		if (words[argc] != NULL)
			abort();
		settings_free_words(words);
	}
	free(line);
	return 0;
}
