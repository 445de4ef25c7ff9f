#!/bin/sh
# podboat's options in the reader's podcast view (:podboat):
# delete-played-files (purging a finished episode deletes its file too; a
# played one that is not finished keeps its file and its line) and
# max-downloads (how many downloads run at once).
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


# max-downloads 2: pb-toggle-download-all (a) downloads the three queued
# episodes, two at a time (the server counts the requests it holds at once)
mkdir -p "$T/www"
httpd_start "$T/www" || cannot_run "tests/httpd.py"
printf 'max-downloads 2\ndownload-path %s/dl\n' "$T" >"$T/config"
: >"$T/queue"
for n in 1 2 3; do
	printf '%s "%s/dl/held%d.mp3"\n' "$HTTPD_URL/hold?ms=2000&k=$n" "$T" "$n" >>"$T/queue"
done
tui_start 160 20
check "the reader" wait_for "Feeds ("
keys : podboat Enter
check "the queue" wait_for "Queue (0 downloads in progress, 3 total)"
keys a
# the server holds each request 2 s: meanwhile two run and the third waits,
# and the screen says so (not three "downloading")
check "max-downloads 2: two in progress" wait_for "Queue (2 downloads in progress, 3 total)"
check "max-downloads 2: the third is queued" wait_for "held3.mp3"
expect_eq "max-downloads 2: one row queued, two downloading" \
    "$(screen | grep -c ' queued '),$(screen | grep -c ' downloading ')" "1,2"
# all_ready: 0 once the three rows say ready, bounded
all_ready() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		[ "$(screen | grep -c " ready ")" = 3 ] && return 0
		_i=$((_i + 1))
		sleep 0.05
	done
	screen | sed 's/^/  | /' >&2
	return 1
}
check "the three are downloaded" all_ready
expect_eq "max-downloads 2: two requests at once, never three" \
    "$("$PYTHON3" -c 'import sys, urllib.request; print(dict(l.split() for l in urllib.request.urlopen(sys.argv[1]).read().decode().splitlines())["max_hold"])' "$HTTPD_URL/_stats")" 2
keys q Q
check "the reader quits" wait_exit

finish
