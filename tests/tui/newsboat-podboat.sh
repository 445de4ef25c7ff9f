#!/bin/sh
# podboat's delete-played-files in the reader's podcast view (:podboat):
# purging a finished episode deletes its file too; a played one that is
# not finished keeps its file and its line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/dl"
: >"$T/feeds"
printf 'delete-played-files yes\ndownload-path %s/dl\n' "$T" >"$T/config"
printf 'x\n' >"$T/dl/done.mp3"
printf 'y\n' >"$T/dl/heard.mp3"
printf 'http://127.0.0.1:9/done "%s/dl/done.mp3" finished\n' "$T" >"$T/queue"
printf 'http://127.0.0.1:9/heard "%s/dl/heard.mp3" played\n' "$T" >>"$T/queue"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"

tui_start 160 20
check "the reader" wait_for "Feeds ("
keys : podboat Enter
check "the podcast view lists the queue" wait_for "Queue (0 downloads in progress, 2 total)"
keys P
check "P purges the finished one" wait_for "Queue (0 downloads in progress, 1 total)"
check "delete-played-files yes: its file is deleted" test ! -e "$T/dl/done.mp3"
check "the played one keeps its file" test -e "$T/dl/heard.mp3"
keys q Q
check "the reader quits" wait_exit
expect_eq "the queue keeps the played line" "$(cat "$T/queue")" \
    "http://127.0.0.1:9/heard \"$T/dl/heard.mp3\" played"
check "nothing on stderr" test ! -s "$T/stderr"

finish
