#include "app/settings.h"
#include "app/settings_priv.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

struct settings_color_default {
	const char *name, *fg, *bg, *attrs;
};

static const struct settings_color_default settings_color_defaults[SETTINGS_NCOLORS] = {
#define SETTINGS_COLOR_DEF(id, name, fg, bg, attrs) \
	[SETTINGS_COLOR_##id] = { name, fg, bg, attrs },
	SETTINGS_COLORS(SETTINGS_COLOR_DEF)
#undef SETTINGS_COLOR_DEF
};

static const struct {
	const char *name;
	int value;
} settings_attr_names[] = {
	{ "bold", SETTINGS_ATTR_BOLD },
	{ "underline", SETTINGS_ATTR_UNDERLINE },
	{ "standout", SETTINGS_ATTR_STANDOUT },
	{ "reverse", SETTINGS_ATTR_REVERSE },
	{ "blink", SETTINGS_ATTR_BLINK },
	{ "dim", SETTINGS_ATTR_DIM },
	{ "italic", SETTINGS_ATTR_ITALIC },
	{ "invis", SETTINGS_ATTR_INVIS },
};

static const char *const settings_color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

void
settings_free_words(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

int
settings_split_mode(const char *line, char ***argv, int *argc, int comments, struct err *e)
{
	const char *p = line;
	char **words = NULL;
	size_t n = 0, cap = 0;
	struct buf w;

	*argv = NULL;
	*argc = 0;
	buf_init(&w, SETTINGS_MAX_LINE);
	for (;;) {
		int quoted = 0, in_word = 0;

		while (text_isspace(*p))
			p++;
		if (*p == '\0' || (*p == '#' && comments))
			break;
		buf_reset(&w);
		while (*p != '\0') {
			char c = *p;

			if (!quoted && (text_isspace(c) || (c == '#' && !in_word && comments)))
				break;
			in_word = 1;
			p++;
			if (c == '"') {
				quoted = !quoted;
				continue;
			}
			if (c == '\\' && quoted && *p != '\0') {
				c = *p++;
				/* newsboat's escapes; any other \x is x */
				if (c == 'n')
					c = '\n';
				else if (c == 't')
					c = '\t';
				else if (c == 'r')
					c = '\r';
			}
			if (buf_addc(&w, c) < 0)
				goto toolong;
		}
		if (quoted) {
			buf_release(&w);
			settings_free_words(words);
			return err_set(e, "unterminated quote");
		}
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 8;
			words = xreallocarray(words, cap, sizeof *words);
		}
		words[n++] = xstrndup(w.data, w.len);
		words[n] = NULL;
	}
	buf_release(&w);
	if (words == NULL)
		words = xcalloc(1, sizeof *words);
	*argv = words;
	*argc = (int)n;
	return 0;
toolong:
	buf_release(&w);
	settings_free_words(words);
	return err_set(e, "word longer than %d bytes", SETTINGS_MAX_LINE);
}

int
settings_split(const char *line, char ***argv, int *argc, struct err *e)
{
	return settings_split_mode(line, argv, argc, 1, e);
}

static int
settings_parse_bool(const char *s, int *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 || strcmp(s, "on") == 0) {
		*out = 1;
		return 0;
	}
	if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 || strcmp(s, "off") == 0) {
		*out = 0;
		return 0;
	}
	return -1;
}

static int
settings_parse_number(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (*s == '\0' || text_isspace(*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
settings_parse_colour(const char *s, int *out)
{
	long long n;
	size_t i;

	if (strcmp(s, "default") == 0) {
		*out = SETTINGS_COLOR_DEFAULT;
		return 0;
	}
	for (i = 0; i < sizeof settings_color_names / sizeof settings_color_names[0]; i++) {
		if (strcmp(s, settings_color_names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	if (strncmp(s, "color", 5) == 0 && settings_parse_number(s + 5, 0, 255, &n) == 0) {
		*out = (int)n;
		return 0;
	}
	return -1;
}

static int
settings_parse_attr(const char *s, int *out)
{
	size_t i;

	for (i = 0; i < sizeof settings_attr_names / sizeof settings_attr_names[0]; i++) {
		if (strcmp(s, settings_attr_names[i].name) == 0) {
			*out |= settings_attr_names[i].value;
			return 0;
		}
	}
	return -1;
}

int
settings_parse_style(char *const *words, int n, struct settings_color *c, struct err *e)
{
	int i;

	c->fg = c->bg = SETTINGS_COLOR_DEFAULT;
	c->attrs = 0;
	if (n < 1)
		return err_set(e, "a colour is missing");
	if (settings_parse_colour(words[0], &c->fg) < 0)
		return err_set(e, "unknown color \"%s\"", words[0]);
	if (n > 1 && settings_parse_colour(words[1], &c->bg) < 0)
		return err_set(e, "unknown color \"%s\"", words[1]);
	for (i = 2; i < n; i++)
		if (settings_parse_attr(words[i], &c->attrs) < 0)
			return err_set(e, "unknown attribute \"%s\"", words[i]);
	return 0;
}

static int
settings_color_set(struct settings *cfg, char **argv, int argc, struct err *e)
{
	struct settings_color c = { SETTINGS_COLOR_DEFAULT, SETTINGS_COLOR_DEFAULT, 0 };
	int id, i;

	if (argc < 4)
		return err_set(e, "color needs ELEMENT FG BG [ATTR...]");
	for (id = 0; id < SETTINGS_NCOLORS; id++)
		if (strcmp(argv[1], settings_color_defaults[id].name) == 0)
			break;
	if (id == SETTINGS_NCOLORS)
		return err_set(e, "unknown color element \"%s\"", argv[1]);
	if (settings_parse_colour(argv[2], &c.fg) < 0)
		return err_set(e, "unknown color \"%s\"", argv[2]);
	if (settings_parse_colour(argv[3], &c.bg) < 0)
		return err_set(e, "unknown color \"%s\"", argv[3]);
	for (i = 4; i < argc; i++)
		if (settings_parse_attr(argv[i], &c.attrs) < 0)
			return err_set(e, "unknown attribute \"%s\"", argv[i]);
	cfg->colors[id] = c;
	cfg->colors_set[id] = 1;
	return 0;
}

const struct settings_color *
settings_color(const struct settings *cfg, enum settings_color_id id)
{
	enum settings_color_id from = id;

	switch (id) {
	case SETTINGS_COLOR_TITLE:
	case SETTINGS_COLOR_HINT_KEY:
	case SETTINGS_COLOR_HINT_KEYS_DELIMITER:
	case SETTINGS_COLOR_HINT_SEPARATOR:
	case SETTINGS_COLOR_HINT_DESCRIPTION:
		from = SETTINGS_COLOR_INFO;
		break;
	case SETTINGS_COLOR_LISTNORMAL_DELETED:
		from = SETTINGS_COLOR_LISTNORMAL;
		break;
	case SETTINGS_COLOR_LISTFOCUS_DELETED:
		from = SETTINGS_COLOR_LISTFOCUS;
		break;
	default:
		break;
	}
	if (!cfg->colors_set[id] && cfg->colors_set[from])
		return &cfg->colors[from];
	return &cfg->colors[id];
}

/* Options with one yes/no or number argument, described as data. */

struct settings_option {
	const char *name;
	enum settings_kind kind;
	size_t offset;
	long long min, max;
};

#define SETTINGS_OPT(name, kind, field, min, max) \
	{ name, kind, offsetof(struct settings, field), min, max }

static const struct settings_option settings_options[] = {
	SETTINGS_OPT("mouse", SETTINGS_BOOL, mouse, 0, 1),
	SETTINGS_OPT("show-read-items", SETTINGS_BOOL, show_read_items, 0, 1),
	SETTINGS_OPT("confirm-exit", SETTINGS_BOOL, confirm_exit, 0, 1),
	SETTINGS_OPT("refresh-on-startup", SETTINGS_BOOL, refresh_on_startup, 0, 1),
	SETTINGS_OPT("download-articles", SETTINGS_BOOL, download_articles, 0, 1),
	SETTINGS_OPT("reload-threads", SETTINGS_INT, reload_threads, 1, 256),
	SETTINGS_OPT("max-items", SETTINGS_INT, max_items, 0, INT_MAX),
	SETTINGS_OPT("articles-per-poll", SETTINGS_INT, articles_per_poll, 0, INT_MAX),
	SETTINGS_OPT("max-download-size", SETTINGS_LLONG, max_download_size, 1024,
	    1024LL * 1024 * 1024),
	SETTINGS_OPT("download-timeout", SETTINGS_INT, download_timeout, 1, 86400),
	SETTINGS_OPT("articles-deadline", SETTINGS_INT, articles_deadline, 0, 86400),
	SETTINGS_OPT("articles-host-budget", SETTINGS_INT, articles_host_budget, 0, 86400),
};

static const struct settings_value_def {
	const char *name;
	enum settings_kind kind;
	const char *def;
	const char *choices;	/* SETTINGS_ENUM: "a|b|c" */
} settings_value_defs[SETTINGS_NVALUES] = {
#define SETTINGS_VALUE_DEF(id, name, kind, def, choices) \
	[SETTINGS_V_##id] = { name, kind, def, choices },
	SETTINGS_VALUES(SETTINGS_VALUE_DEF)
#undef SETTINGS_VALUE_DEF
};

static const struct settings_list_def {
	const char *name;
	int min, max;		/* words after the name; max -1: any */
} settings_list_defs[SETTINGS_NLISTS] = {
#define SETTINGS_LIST_DEF(id, name, min, max) [SETTINGS_L_##id] = { name, min, max },
	SETTINGS_LISTS(SETTINGS_LIST_DEF)
#undef SETTINGS_LIST_DEF
};

/* 1 when word is one of the '|'-separated choices. */
static int
settings_is_choice(const char *choices, const char *word)
{
	size_t n = strlen(word);
	const char *p = choices;

	while (*p != '\0') {
		size_t len = strcspn(p, "|");

		if (len == n && strncmp(p, word, n) == 0)
			return 1;
		p += len;
		if (*p == '|')
			p++;
	}
	return 0;
}

static int
settings_value_set(struct settings *cfg, enum settings_value_id id, char **argv, int argc,
    struct err *e)
{
	const struct settings_value_def *d = &settings_value_defs[id];
	long long n;
	int b;

	if (argc != 2)
		return err_set(e, "%s takes one argument%s", d->name,
		    d->kind == SETTINGS_STR ? " (quote a value with spaces)" : "");
	switch (d->kind) {
	case SETTINGS_BOOL:
		if (settings_parse_bool(argv[1], &b) < 0)
			return err_set(e, "%s: expected yes or no, not \"%s\"", d->name, argv[1]);
		break;
	case SETTINGS_INT:
	case SETTINGS_LLONG:
		if (settings_parse_number(argv[1], 0, INT_MAX, &n) < 0)
			return err_set(e, "%s: expected a number, not \"%s\"", d->name, argv[1]);
		break;
	case SETTINGS_ENUM:
		if (!settings_is_choice(d->choices, argv[1]))
			return err_set(e, "%s: expected one of %s, not \"%s\"", d->name, d->choices,
			    argv[1]);
		break;
	case SETTINGS_STR:
		break;
	}
	free(cfg->values[id]);
	/* files tidings writes: "~/" is the user's home, as newsboat reads it */
	if (id == SETTINGS_V_COOKIE_CACHE || id == SETTINGS_V_ERROR_LOG)
		cfg->values[id] = settings_expand_path(argv[1], NULL);
	else
		cfg->values[id] = xstrdup(argv[1]);
	/* ttrss, miniflux and the Google Reader API's servers are app/sync's;
	 * for another server the value stays, and the user learns once per
	 * line that their feeds come from the urls file */
	if (id == SETTINGS_V_URLS_SOURCE && strcmp(argv[1], "local") != 0 &&
	    strcmp(argv[1], "opml") != 0 && strcmp(argv[1], "ttrss") != 0 &&
	    strcmp(argv[1], "miniflux") != 0 && strcmp(argv[1], "freshrss") != 0 &&
	    strcmp(argv[1], "oldreader") != 0 && strcmp(argv[1], "inoreader") != 0)
		return err_set(e, "urls-source \"%s\": syncing with a feed server is not in "
		    "this version; reading the local urls file", argv[1]);
	return 0;
}

static int
settings_list_add(struct settings *cfg, enum settings_list_id id, char **argv, int argc,
    const char *where, struct err *e)
{
	const struct settings_list_def *d = &settings_list_defs[id];
	struct settings_list *l = &cfg->lists[id];
	struct settings_line *line;
	int i;

	if (argc - 1 < d->min || (d->max >= 0 && argc - 1 > d->max)) {
		if (d->max == d->min)
			return err_set(e, "%s takes %d argument%s", d->name, d->min,
			    d->min == 1 ? "" : "s");
		return err_set(e, "%s takes at least %d arguments", d->name, d->min);
	}
	l->lines = xreallocarray(l->lines, l->n + 1, sizeof *l->lines);
	line = &l->lines[l->n++];
	line->argc = argc;
	line->argv = xcalloc((size_t)argc + 1, sizeof *line->argv);
	for (i = 0; i < argc; i++)
		line->argv[i] = xstrdup(argv[i]);
	line->where = xstrdup(where != NULL ? where : "command line");
	return 0;
}

const char *
settings_str(const struct settings *cfg, enum settings_value_id id)
{
	return cfg->values[id] != NULL ? cfg->values[id] : settings_value_defs[id].def;
}

int
settings_bool(const struct settings *cfg, enum settings_value_id id)
{
	int b = 0;

	settings_parse_bool(settings_str(cfg, id), &b);
	return b;
}

long long
settings_int(const struct settings *cfg, enum settings_value_id id)
{
	long long n = 0;

	settings_parse_number(settings_str(cfg, id), 0, INT_MAX, &n);
	return n;
}

const char *
settings_value_name(enum settings_value_id id)
{
	return settings_value_defs[id].name;
}

char *
settings_value_text(const struct settings *cfg, const char *name)
{
	size_t i;

	if (strcmp(name, "browser") == 0)
		return xstrdup(cfg->browser != NULL ? cfg->browser : "");
	for (i = 0; i < sizeof settings_options / sizeof settings_options[0]; i++) {
		const struct settings_option *o = &settings_options[i];
		const char *base = (const char *)cfg + o->offset;

		if (strcmp(name, o->name) != 0)
			continue;
		if (o->kind == SETTINGS_BOOL)
			return xstrdup(*(const int *)(const void *)base ? "yes" : "no");
		if (o->kind == SETTINGS_LLONG)
			return xasprintf("%lld", *(const long long *)(const void *)base);
		return xasprintf("%d", *(const int *)(const void *)base);
	}
	for (i = 0; i < SETTINGS_NVALUES; i++)
		if (strcmp(name, settings_value_defs[i].name) == 0)
			return xstrdup(settings_str(cfg, (enum settings_value_id)i));
	return NULL;
}

const struct settings_line *
settings_lines(const struct settings *cfg, enum settings_list_id id, size_t *n)
{
	*n = cfg->lists[id].n;
	return cfg->lists[id].lines;
}

static int
settings_option_set(struct settings *cfg, const struct settings_option *o, char **argv,
    int argc, struct err *e)
{
	char *base = (char *)cfg + o->offset;
	long long n;
	int b;

	if (argc != 2)
		return err_set(e, "%s takes one argument", o->name);
	switch (o->kind) {
	case SETTINGS_BOOL:
		if (settings_parse_bool(argv[1], &b) < 0)
			return err_set(e, "%s: expected yes or no, not \"%s\"", o->name, argv[1]);
		*(int *)(void *)base = b;
		return 0;
	case SETTINGS_INT:
	case SETTINGS_LLONG:
		if (settings_parse_number(argv[1], o->min, o->max, &n) < 0)
			return err_set(e, "%s: expected a number from %lld to %lld, not \"%s\"",
			    o->name, o->min, o->max, argv[1]);
		/* tidings' own default is a safety cap; a max-items the user
		 * writes means what it means in newsboat */
		if (o->offset == offsetof(struct settings, max_items))
			cfg->max_items_set = 1;
		if (o->kind == SETTINGS_INT)
			*(int *)(void *)base = (int)n;
		else
			*(long long *)(void *)base = n;
		return 0;
	case SETTINGS_STR:
	case SETTINGS_ENUM:
		break;
	}
	return err_set(e, "%s: internal error", o->name);
}

int
settings_apply(struct settings *cfg, char **argv, int argc, const char *where, struct err *e)
{
	const char *cmd = argv[0];
	size_t i;
	int id;

	/* "set OPTION VALUE" is newsboat's command-line and macro form of a
	 * config line; users paste it into their config too */
	if (strcmp(cmd, "set") == 0) {
		if (argc < 3)
			return err_set(e, "set needs OPTION VALUE");
		if (strcmp(argv[1], "set") == 0)
			return err_set(e, "set needs OPTION VALUE");
		return settings_apply(cfg, argv + 1, argc - 1, where, e);
	}

	if (strcmp(cmd, "include") == 0)
		return err_set(e, "include works in a config file only");
	if (strcmp(cmd, "bind-key") == 0) {
		if (argc != 3 && argc != 4)
			return err_set(e, "bind-key needs KEY ACTION [VIEW]");
		return keymap_bind(cfg->keymap, argv[1], argv[2], argc == 4 ? argv[3] : NULL, e);
	}
	if (strcmp(cmd, "unbind-key") == 0) {
		if (argc != 2 && argc != 3)
			return err_set(e, "unbind-key needs KEY [VIEW]");
		return keymap_unbind(cfg->keymap, argv[1], argc == 3 ? argv[2] : NULL, e);
	}
	/* operation lists: checked and bound now, so errors name the line
	 * (and kept in their list below as well) */
	if ((strcmp(cmd, "bind") == 0 || strcmp(cmd, "macro") == 0 ||
	    strcmp(cmd, "run-on-startup") == 0) && keymap_config(cfg->keymap, argv, argc, e) < 0)
		return -1;
	if (strcmp(cmd, "color") == 0)
		return settings_color_set(cfg, argv, argc, e);
	if (strcmp(cmd, "browser") == 0) {
		if (argc != 2 || argv[1][0] == '\0')
			return err_set(e, "browser takes one argument (quote a command with spaces)");
		free(cfg->browser);
		cfg->browser = xstrdup(argv[1]);
		return 0;
	}
	for (i = 0; i < sizeof settings_options / sizeof settings_options[0]; i++)
		if (strcmp(cmd, settings_options[i].name) == 0)
			return settings_option_set(cfg, &settings_options[i], argv, argc, e);
	for (id = 0; id < SETTINGS_NVALUES; id++)
		if (strcmp(cmd, settings_value_defs[id].name) == 0)
			return settings_value_set(cfg, (enum settings_value_id)id, argv, argc, e);
	for (id = 0; id < SETTINGS_NLISTS; id++)
		if (strcmp(cmd, settings_list_defs[id].name) == 0)
			return settings_list_add(cfg, (enum settings_list_id)id, argv, argc, where, e);
	return err_set(e, "unknown option \"%s\"", cmd);
}

int
settings_parse_line_at(struct settings *cfg, const char *line, const char *where,
    struct err *e)
{
	char **argv;
	int argc, rc;

	if (strlen(line) > SETTINGS_MAX_LINE)
		return err_set(e, "line longer than %d bytes", SETTINGS_MAX_LINE);
	if (settings_split(line, &argv, &argc, e) < 0)
		return -1;
	rc = argc == 0 ? 0 : settings_apply(cfg, argv, argc, where, e);
	settings_free_words(argv);
	return rc;
}

int
settings_parse_line(struct settings *cfg, const char *line, struct err *e)
{
	return settings_parse_line_at(cfg, line, NULL, e);
}

void
settings_add_error(struct settings *cfg, const char *msg)
{
	if (cfg->nerrors > SETTINGS_MAX_ERRORS)
		return;
	if (cfg->nerrors == SETTINGS_MAX_ERRORS)
		msg = "config: too many errors; the rest are not shown";
	cfg->errors = xreallocarray(cfg->errors, cfg->nerrors + 1, sizeof *cfg->errors);
	cfg->errors[cfg->nerrors] = xstrdup(msg);
	cfg->nerrors++;
}

int
settings_is_option(const char *name)
{
	static const char *const commands[] = {
		"bind-key", "unbind-key", "color", "browser", "include", "set",
	};
	size_t i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(name, commands[i]) == 0)
			return 1;
	for (i = 0; i < sizeof settings_options / sizeof settings_options[0]; i++)
		if (strcmp(name, settings_options[i].name) == 0)
			return 1;
	for (i = 0; i < SETTINGS_NVALUES; i++)
		if (strcmp(name, settings_value_defs[i].name) == 0)
			return 1;
	for (i = 0; i < SETTINGS_NLISTS; i++)
		if (strcmp(name, settings_list_defs[i].name) == 0)
			return 1;
	return 0;
}

/* The default bindings, written as config lines from KEYMAP_ACTIONS. */
static void
settings_default_bindings(struct settings *cfg)
{
	char *text = keymap_default_config();

	settings_load_string(cfg, text, strlen(text));
	free(text);
}

void
settings_init(struct settings *cfg)
{
	int id;

	memset(cfg, 0, sizeof *cfg);
	cfg->keymap = keymap_new();
	cfg->mouse = 1;
	cfg->show_read_items = 1;
	cfg->confirm_exit = 0;
	cfg->download_articles = 1;
	cfg->reload_threads = SETTINGS_DEFAULT_RELOAD_THREADS;
	cfg->max_items = SETTINGS_DEFAULT_MAX_ITEMS;
	cfg->articles_per_poll = SETTINGS_DEFAULT_ARTICLES_PER_POLL;
	cfg->max_download_size = SETTINGS_DEFAULT_MAX_DOWNLOAD_SIZE;
	cfg->download_timeout = SETTINGS_DEFAULT_DOWNLOAD_TIMEOUT;
	cfg->articles_deadline = SETTINGS_DEFAULT_ARTICLES_DEADLINE;
	cfg->articles_host_budget = SETTINGS_DEFAULT_ARTICLES_HOST_BUDGET;
	for (id = 0; id < SETTINGS_NCOLORS; id++) {
		const struct settings_color_default *d = &settings_color_defaults[id];
		struct settings_color *c = &cfg->colors[id];
		char **argv;
		int argc, i;

		settings_parse_colour(d->fg, &c->fg);
		settings_parse_colour(d->bg, &c->bg);
		c->attrs = 0;
		if (settings_split(d->attrs, &argv, &argc, NULL) == 0) {
			for (i = 0; i < argc; i++)
				settings_parse_attr(argv[i], &c->attrs);
			settings_free_words(argv);
		}
	}
	settings_default_bindings(cfg);
}

void
settings_release(struct settings *cfg)
{
	size_t i;

	keymap_free(cfg->keymap);
	free(cfg->browser);
	for (i = 0; i < SETTINGS_NVALUES; i++)
		free(cfg->values[i]);
	for (i = 0; i < SETTINGS_NLISTS; i++) {
		size_t j;

		for (j = 0; j < cfg->lists[i].n; j++) {
			settings_free_words(cfg->lists[i].lines[j].argv);
			free(cfg->lists[i].lines[j].where);
		}
		free(cfg->lists[i].lines);
	}
	for (i = 0; i < cfg->nerrors; i++)
		free(cfg->errors[i]);
	free(cfg->errors);
	memset(cfg, 0, sizeof *cfg);
}
