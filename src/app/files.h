/*
 * files: where tidings keeps its files, and the first-run defaults.
 *
 * Config and feeds under $XDG_CONFIG_HOME/tidings (default ~/.config),
 * the cache under $XDG_DATA_HOME/tidings (default ~/.local/share); the
 * directories are created on first use with mode 0700.  Explicit paths
 * (--config, --feeds, --cache) win and their directories are left alone.
 */
#ifndef TIDINGS_FILES_H
#define TIDINGS_FILES_H

#include "util/err.h"

struct files {
	char *config;
	char *feeds;
	char *cache;
};

/* Fill the NULL members of f with the XDG defaults. */
int files_resolve(struct files *f, struct err *e);
void files_release(struct files *f);
/* mkdir -p the directory holding path, new directories mode 0700. */
int files_make_parent(const char *path, struct err *e);
/*
 * newsboat's files (issue 13 item 10): dir given, else ~/.newsboat when it
 * is a directory, else $XDG_CONFIG_HOME/newsboat (~/.config/newsboat) with
 * the cache in $XDG_DATA_HOME/newsboat (~/.local/share/newsboat), as
 * newsboat itself looks.  Fills config, feeds (newsboat's urls) and cache
 * with the paths (which need not exist) and returns 1; 0 when no dir was
 * given and neither directory exists (nothing filled); -1 with *e when
 * the given dir is not a directory.
 */
int files_newsboat(const char *dir, struct files *nb, struct err *e);
/* The directory holding the sample feeds (installed, or the source tree). */
const char *files_data_dir(void);
/* The feeds file written on first run: a few news feeds and the samples. */
char *files_default_feeds(void);

#endif
