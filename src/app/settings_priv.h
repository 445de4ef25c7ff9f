/*
 * settings_priv: what settings.c (the options) and settings_file.c (the
 * file language: continuation, backticks, include) share.  Not for other
 * modules.
 */
#ifndef TIDINGS_SETTINGS_PRIV_H
#define TIDINGS_SETTINGS_PRIV_H

#include "app/settings.h"

/* A word, and a line (continued lines joined), longer than this is refused. */
#define SETTINGS_MAX_LINE 8192

/* settings_split; comments 0: a '#' is an ordinary character (the line's
 * comment was cut before its backticks were run). */
int settings_split_mode(const char *line, char ***argv, int *argc, int comments,
    struct err *e);
/* One split line: argv[0] the command.  where: "config:12" or NULL. */
int settings_apply(struct settings *cfg, char **argv, int argc, const char *where,
    struct err *e);
/* settings_parse_line with the line's origin for list commands. */
int settings_parse_line_at(struct settings *cfg, const char *line, const char *where,
    struct err *e);
/* Append "FILE:LINE: message" to cfg->errors (bounded). */
void settings_add_error(struct settings *cfg, const char *msg);

#endif
