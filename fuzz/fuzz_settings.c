/*
 * fuzz_settings: libFuzzer harness for the config parser.
 *
 * The input is a config file.  After it is read, the browser argv for a
 * URL is built: the URL must come out unchanged inside one argv element
 * (whatever the browser command holds), and a non-http URL must be
 * refused.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/settings.h"
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
	argv = settings_browser_argv(&cfg, url, &e);
	if (argv != NULL) {
		if (argv[0] == NULL)
			abort();
		for (i = 0; argv[i] != NULL; i++)
			if (strstr(argv[i], url) != NULL)
				found = 1;
		if (!found)
			abort();
		settings_free_words(argv);
	}
	argv = settings_browser_argv(&cfg, "file:///etc/passwd", &e);
	if (argv != NULL)
		abort();
	argv = settings_browser_argv(&cfg, "javascript:alert(1)", &e);
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
