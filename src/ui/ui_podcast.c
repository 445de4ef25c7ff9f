/*
 * ui_podcast: the reader's podcast actions (issue 17): enqueue puts the
 * item's episode into the podcast queue (app/podcast), the same queue
 * `tidings download` and podboat read.
 */
#include "ui/ui_priv.h"

#include "app/podcast.h"

void
ui_podcast_enqueue(struct ui *u)
{
	struct err e;
	const char *why;
	int from_items, rc;
	int64_t id = ui_current_item(u, &from_items);

	if (id == 0) {
		ui_message(u, 1, "no item here to queue");
		return;
	}
	rc = podcast_enqueue_cfg(u->db, u->cfg, id, &why, &e);
	if (rc < 0)
		ui_fail(u, &e);
	else if (rc == 0)
		ui_message(u, 1, "not queued: %s", why);
	else
		ui_message(u, 0, "episode queued for download (tidings download)");
}
