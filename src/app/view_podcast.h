/*
 * view_podcast: the reader's podcast view, podboat's screen as a view
 * model (no curses): the queue file's episodes, a cursor, downloads
 * running on the caller's poll(2) loop (view_podcast_fds/step), and
 * podboat's actions: download, cancel, delete, purge, play, mark as
 * finished, download all, more or fewer at once.
 *
 * The queue is read when the view opens and again on pb-reload, and
 * written back (merged with what another program queued meanwhile) when
 * it closes and after each change; closing cancels running downloads,
 * their parts kept.
 */
#ifndef TIDINGS_VIEW_PODCAST_H
#define TIDINGS_VIEW_PODCAST_H

#include <poll.h>
#include <stddef.h>

#include "app/podcast.h"
#include "app/podcast_queue.h"
#include "app/view_list.h"
#include "util/buf.h"
#include "util/err.h"

struct settings;
struct download;
struct db;

/* What the view knows of an entry beyond the queue file (rows[i] is
 * q.entries[i]). */
struct view_podcast_row {
	unsigned long id;	/* its download's handle: an entry's index
				 * changes on pb-reload, this does not */
	long long have, total;	/* bytes; total -1 when unknown */
	double speed, since;	/* KB/s, and when it was measured */
};

struct view_podcast {
	const struct settings *cfg;
	struct podcast_opts o;
	struct podcast_queue q;
	struct view_list list;
	struct download *dl;		/* created at the first download */
	struct view_podcast_row *rows;
	unsigned long next_id;
	int max_dls;			/* max-downloads, changed by + and - */
	int running;			/* downloads queued or running */
	char msg[512];			/* the last outcome, for the status line */
	int msg_error;
};

/* Read the queue beside db's cache.  0, or -1 with *e. */
int view_podcast_open(struct view_podcast *v, struct db *db, const struct settings *cfg,
    struct err *e);
/* Cancel running downloads, write the queue back, free.  0, or -1 with *e
 * (the queue file); v is released either way. */
int view_podcast_close(struct view_podcast *v, struct err *e);

/*
 * Row i as podlist-format says, at most width columns (0: no limit), with
 * app/format's sequences (%N, %-N, %=N, %>c, %?x?a&b?) over podboat's
 * letters: %i number, %d MB on disk, %t MB in all, %p per cent, %K
 * speed, %k KB/s, %S state as podboat words it ("ready" for downloaded),
 * %u URL, %F file, %b its name.  podboat's default is "%4i [%6dMB/%6tMB]
 * [%5p %%] [%12K] %-20S %u -> %F".  Sanitised (app/format); the caller
 * still draws it through util/text.
 */
void view_podcast_line(const struct view_podcast *v, size_t i, size_t width, struct buf *out);
/* The title: "Queue (1 downloads in progress, 3 total) - 2 at once". */
void view_podcast_title(const struct view_podcast *v, struct buf *out);

/*
 * The hints line: "q:Back d:Download ...", the first key the keymap binds
 * to each of the view's actions in the podboat view (the user's bind-key
 * and unbind-key lines included); appended to out.
 */
void view_podcast_hints(const struct view_podcast *v, struct buf *out);

/*
 * pb-reload: read the queue file again.  Its entries, in its order and
 * with its states, replace the view's (episodes another program queued
 * appear, ones it purged go), except that downloads running here go on
 * with their entries; the cursor stays on its episode.  Sets v->msg.
 */
void view_podcast_reload(struct view_podcast *v);

/* The actions on the cursor's episode; each sets v->msg. */
void view_podcast_download(struct view_podcast *v);		/* pb-download */
void view_podcast_download_all(struct view_podcast *v);		/* pb-toggle-download-all */
void view_podcast_cancel(struct view_podcast *v);		/* pb-cancel */
void view_podcast_delete(struct view_podcast *v);		/* pb-delete: the file goes */
void view_podcast_purge(struct view_podcast *v);		/* pb-purge */
void view_podcast_finished(struct view_podcast *v);		/* pb-mark-as-finished */
void view_podcast_max(struct view_podcast *v, int delta);	/* pb-increase/decrease-max-dls */
/*
 * pb-play: the argv that plays the episode's file with the config's
 * player, through /bin/sh -c as newsboat runs it but with the file as
 * "$1", never in the shell text (app/spawn's rule: run it with
 * spawn_run); the episode becomes played.  NULL with v->msg set when
 * there is no player or no file.  Free with spawn_argv_free.
 */
char **view_podcast_play(struct view_podcast *v);

/* For the caller's poll loop: as download_fds/download_step. */
size_t view_podcast_fds(struct view_podcast *v, struct pollfd *fds, size_t max,
    int *timeout_ms);
void view_podcast_step(struct view_podcast *v, const struct pollfd *fds, size_t nfds);

#endif
