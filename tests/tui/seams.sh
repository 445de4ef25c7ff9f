#!/bin/sh
# The reader where merged features meet (the review of session 6): with
# urls-source a feed server (a replayed Miniflux, tests/e2e/sync-lib.sh)
# and podcast-auto-enqueue, a reload queues the episodes of the items it
# brings, never every episode the cache has held for years.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/sync-lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"
seams_cleanup() {
	replay_stop
	tm_stop
	cleanup
}
trap seams_cleanup EXIT INT TERM
command -v tmux >/dev/null 2>&1 || cannot_run "tmux is not installed (scripts/debian-packages)"

sync_pages || cannot_run "tests/httpd.py did not start"
scene miniflux/first.json
replay_start || cannot_run "tests/replay.py did not start"
cat >"$T/config" <<EOF2
urls-source "miniflux"
miniflux-url "http://127.0.0.1:$REPLAY_PORT/"
miniflux-login "admin"
miniflux-password "secret"
download-timeout 3
podcast-auto-enqueue yes
download-path "$T/dl"
EOF2
: >"$T/urls"
TUI_ARGS="--config $T/config --feeds $T/urls --cache $T/cache.db"
check "the first sync" "$TIDINGS" $TUI_ARGS poll --no-articles --quiet
# an episode the cache has held since long ago, in a feed the server lists
sql "$T/cache.db" "UPDATE items SET first_seen = 1000" >/dev/null
sql "$T/cache.db" "INSERT INTO enclosures(item_id, position, url, type)
    SELECT id, 0, 'https://old.example/episode.mp3', 'audio/mpeg' FROM items
    WHERE title = 'First story'" >/dev/null
expect_eq "the old episode is in the cache" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM enclosures")" 1

echo "# a reload in the reader: the sync, then the pages"
scene miniflux/push.json
tui_start 100 20
check "the feed list" wait_for "Example News"
keys R
check "the reload runs" wait_for "Syncing with the feed server"
check "the reload ends" wait_gone "Syncing with the feed server"
check "... and its pages" wait_gone "Reloading"
keys Q
check "the reader quits" wait_exit
expect_eq "the reader exits 0" "$(cat "$T/exit")" EXIT=0
check "no sanitizer report" sh -c '! grep -q Sanitizer "$1"' sh "$T/stderr"
check "the old episode is not queued" \
    sh -c '! grep -q "old.example/episode.mp3" "$1" 2>/dev/null' sh "$T/queue"

finish
