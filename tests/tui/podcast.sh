#!/bin/sh
# Podcasts in the reader and beside podboat (issue 17): the enqueue action
# (bound to e here; newsboat's default key is the keys work's) queues the
# episode under the cursor; the article view lists the enclosures;
# tidings download fetches it; podboat 2.21 (Debian's newsboat package,
# in the test packages) reads tidings' queue file and writes it back byte
# for byte, and tidings reads podboat's states back.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"
command -v podboat >/dev/null 2>&1 || cannot_run "podboat is not installed (the newsboat package in scripts/debian-packages)"

mkdir -p "$T/www" "$T/dl"
httpd_start "$T/www" || cannot_run "tests/httpd.py"
cat >"$T/www/pod.xml" <<XML
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Loopback Pod</title>
<item><title>Episode one</title><guid>e1</guid><pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
 <enclosure url="$HTTPD_URL/media?n=3000" type="audio/mpeg" length="3000"/><itunes:duration>12:34</itunes:duration></item>
<item><title>Episode two</title><guid>e2</guid><pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>
 <enclosure url="$HTTPD_URL/media?n=4000" type="audio/mpeg"/></item>
</channel></rss>
XML
echo "$HTTPD_URL/pod.xml" >"$T/feeds"
printf 'goto-first-unread no\nbind-key e enqueue\ndownload-path %s/dl\ndownload-filename-format "%%t.mp3"\n' "$T" >"$T/config"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
# with --enable-sanitizers a report goes to the reader's stderr
no_sanitizer_report() { ! grep -q 'Sanitizer' "$T/stderr"; }
clean_exit() { [ "$(cat "$T/exit")" = EXIT=0 ] && no_sanitizer_report; }
check "poll fills the cache" "$TIDINGS" $TUI_ARGS poll --quiet

echo "# the reader: enqueue from the item list, the enclosure in the article"
tui_start 100 20
check "the feed list" wait_for "Loopback Pod"
keys Enter
check "the item list" wait_for "Episode one"
keys e
check "enqueue says so" wait_for "episode queued for download"
keys e
check "again: queued already" wait_for "not queued: queued already"
keys Enter
check "the article lists the enclosure with type, size and duration" \
    wait_for "Enclosure: $HTTPD_URL/media?n=3000 (audio/mpeg, 2.9 KiB, 12:34)"
keys Q
check "the reader quits" wait_exit
check "... it quit: status 0, no sanitizer report" clean_exit
expect_eq "the queue file" "$(cat "$T/queue")" "$HTTPD_URL/media?n=3000 \"$T/dl/Episode one.mp3\""

echo "# downloaded, then podboat reads and writes tidings' queue"
check "tidings download" "$TIDINGS" $TUI_ARGS download --quiet
media_ok() { "$PYTHON3" -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(d != bytes((7*i+3)%251 for i in range(3000)))' "$T/dl/Episode one.mp3"; }
check "the episode's bytes" media_ok
id1=$("$TIDINGS" $TUI_ARGS items | awk -F '\t' '$4 == "Episode one" { print $1 }')
expect_eq "offline, show says where the file is" "$("$TIDINGS" $TUI_ARGS show "$id1" 2>/dev/null | grep '^Enclosure')" \
    "Enclosure: $HTTPD_URL/media?n=3000 (audio/mpeg, 2.9 KiB, 12:34) [downloaded: $T/dl/Episode one.mp3]"
tui_start 200 20
check "the reader again" wait_for "Loopback Pod"
keys Enter
check "its item list" wait_for "Episode one"
keys Enter
check "the article says where the file is" wait_for "[downloaded: $T/dl/Episode one.mp3]"
keys Q
check "the reader quits again" wait_exit
check "... it quit again: status 0, no sanitizer report" clean_exit
id2=$("$TIDINGS" $TUI_ARGS items | awk -F '\t' '$4 == "Episode two" { print $1 }')
"$TIDINGS" $TUI_ARGS enqueue "$id2"
printf '%s "%s" played\n' "$HTTPD_URL/media?n=5" "$T/dl/played.mp3" >>"$T/queue"
: >"$T/dl/played.mp3"
cp "$T/queue" "$T/queue.tidings"
mkdir -p "$T/pbhome"
tm_stop
TUI_RUN=$((TUI_RUN + 1))
TUI_SOCKET="tidings-tui-$$-$TUI_RUN"
tm new-session -d -x 160 -y 20 "env HOME=$T/pbhome XDG_CONFIG_HOME=$T/pbhome XDG_DATA_HOME=$T/pbhome \
    LC_ALL=C.UTF-8 TERM=xterm-256color podboat -C /dev/null -q $T/queue; echo podboat exited; exec sleep 600"
check "podboat lists the downloaded one as ready" wait_for "ready                $HTTPD_URL/media?n=3000 -> $T/dl/Episode one.mp3"
check "podboat lists the queued one" wait_for "queued               $HTTPD_URL/media?n=4000 -> $T/dl/Episode two.mp3"
check "podboat lists the played one" wait_for "played               $HTTPD_URL/media?n=5 -> $T/dl/played.mp3"
keys q
check "podboat quits" wait_for "podboat exited"
check "podboat wrote tidings' queue back byte for byte" cmp -s "$T/queue" "$T/queue.tidings"
expect_eq "tidings reads podboat's states" "$("$TIDINGS" $TUI_ARGS podcasts | cut -f2 | tr '\n' ' ')" \
    "downloaded queued played "

echo "# the podcast view (:podboat): download with progress, play, delete, finish, purge"
cat >"$T/player.sh" <<'SH'
#!/bin/sh
printf '%s|%s\n' "$#" "$1" >>"$PLAYED_LOG"
SH
chmod +x "$T/player.sh"
printf 'goto-first-unread no\nbind-key e enqueue\ndownload-path %s/dl\ndownload-filename-format "%%t.mp3"\nplayer "%s/player.sh"\n' \
    "$T" "$T" >"$T/config"
tui_start 200 20 PLAYED_LOG="$T/played.log"
check "the reader" wait_for "Loopback Pod"
keys : podboat Enter
check "the view lists the queue" wait_for "Queue (0 downloads in progress, 3 total)"
check "the downloaded one, in podboat's layout" \
    wait_for "   1 [   0.0MB/   0.0MB] [100.0 %] [   0.00 KB/s] ready                $HTTPD_URL/media?n=3000 -> $T/dl/Episode one.mp3"
keys Down d
check "d downloads the queued one, to 100%" \
    wait_for "[100.0 %] [   0.00 KB/s] ready                $HTTPD_URL/media?n=4000 -> $T/dl/Episode two.mp3"
check "its file" test -s "$T/dl/Episode two.mp3"
keys Up p
check "p plays it" wait_for "played               $HTTPD_URL/media?n=3000"
expect_eq "the player got the file as one argument" "$(cat "$T/played.log" 2>/dev/null)" "1|$T/dl/Episode one.mp3"
keys D
check "D deletes it" wait_for "deleted              $HTTPD_URL/media?n=3000"
check "its file is gone" test ! -e "$T/dl/Episode one.mp3"
keys Down Down m
check "m marks the played one finished" wait_for "finished             $HTTPD_URL/media?n=5"
keys P
check "P purges the deleted and the finished" wait_for "Queue (0 downloads in progress, 1 total)"
keys q
check "q goes back to the reader" wait_for "Loopback Pod"
keys Q
check "the reader quits" wait_exit
check "... it quit: status 0, no sanitizer report" clean_exit
expect_eq "the queue file after the view" "$(cat "$T/queue")" \
    "$HTTPD_URL/media?n=4000 \"$T/dl/Episode two.mp3\" downloaded"

echo "# c cancels a running download, its part kept for later"
printf '%s "%s"\n' "$HTTPD_URL/media?n=400000&cut=1000&stall=1" "$T/dl/stalled.mp3" >>"$T/queue"
tui_start 200 20 PLAYED_LOG="$T/played.log"
check "the reader" wait_for "Loopback Pod"
keys : podboat Enter
check "the view" wait_for "Queue (0 downloads in progress, 2 total)"
keys Down d
check "downloading" wait_for "Queue (1 downloads in progress, 2 total)"
keys c
check "c cancels" wait_for "cancelled            $HTTPD_URL/media?n=400000"
check "the part is kept" test -e "$T/dl/stalled.mp3.part"
keys q Q
check "the reader quits" wait_exit
check "... it quit: status 0, no sanitizer report" clean_exit

echo "# podcast-auto-enqueue yes in the reader: its first reload queues the episodes"
mkdir -p "$T/auto"
printf 'podcast-auto-enqueue yes\ndownload-path %s/auto/dl\n' "$T" >"$T/auto/config"
SAVED_ARGS=$TUI_ARGS
TUI_ARGS="--feeds $T/feeds --cache $T/auto/cache.db --config $T/auto/config"
tui_start 100 20
check "the reader reloads its empty cache" wait_for "Loopback Pod"
wait_queue() {
	_i=0
	while [ "$( (wc -l <"$T/auto/queue") 2>/dev/null || echo 0)" -lt 2 ] && [ $_i -lt 100 ]; do
		sleep 0.1; _i=$((_i + 1))
	done
	[ "$( (wc -l <"$T/auto/queue") 2>/dev/null)" = 2 ]
}
check "both episodes queued" wait_queue
keys Q
check "the reader quits" wait_exit
check "... it quit: status 0, no sanitizer report" clean_exit
TUI_ARGS=$SAVED_ARGS

echo "# podlist-format"
printf 'podlist-format "%%-3i|%%S|%%b|%%5p%%%%"\n' >>"$T/config"
tui_start 200 20
check "the reader" wait_for "Loopback Pod"
keys : podboat Enter
check "the user's podlist-format" wait_for "1  |ready|Episode two.mp3|100.0%"
keys q Q
check "the reader quits" wait_exit
check "... it quit: status 0, no sanitizer report" clean_exit
echo "# the podboat view's keys from the keymap: bind-key, unbind-key, and ? lists them"
cat >"$T/keys.config" <<CFG
goto-first-unread no
download-path $T/dl
download-filename-format "%t.mp3"
bind-key x pb-download podboat
unbind-key d podboat
CFG
SAVED_ARGS=$TUI_ARGS
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/keys.config"
# a download that stalls, with no part yet (the first stalled one's part
# may hold its first bytes, and its resume gets the rest at once)
printf '%s "%s"\n' "$HTTPD_URL/media?n=400000&cut=1000&stall=1&k=2" "$T/dl/stalled2.mp3" >>"$T/queue"
"$TIDINGS" $TUI_ARGS podcasts >"$T/podcasts.before"
tui_start 200 50
check "the reader" wait_for "Loopback Pod"
keys '?'
check "the reader's help" wait_for "Help (keys in the feedlist view)"
keys : podboat Enter
check "the view, opened from the help" wait_for "Queue (0 downloads in progress, 3 total)"
check "the hints name the rebound key" wait_for "q:Back x:Download c:Cancel"
keys Down Down d
keys '?'
check "? opens the help on the podboat view" wait_for "Help (keys in the podboat view)"
help_row() { screen | grep -E "^ $1 +$2 +Podcasts: $3" >/dev/null; }
waitcheck() { _i=0; while ! "$@" && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done; "$@"; }
check "the help lists pb-download on x" waitcheck help_row x pb-download "download the episode"
check "the help lists pb-reload on ^R" waitcheck help_row '\^R' pb-reload "read the queue again"
check "the help lists pb-play on p" waitcheck help_row p pb-play "play the episode"
keys q
check "q goes back from the help to the queue" wait_for "Queue ("
check "d, unbound, started nothing" wait_for "Queue (0 downloads in progress, 3 total)"
expect_eq "the queue file is as before" "$("$TIDINGS" $TUI_ARGS podcasts)" "$(cat "$T/podcasts.before")"
keys x
check "x, bound to pb-download, downloads" wait_for "Queue (1 downloads in progress, 3 total)"
check "... the stalled one" wait_for "downloading          $HTTPD_URL/media?n=400000&cut=1000&stall=1&k=2"

echo "# ^R (pb-reload) reads the queue again; the running download goes on"
printf '%s "%s"\n' "$HTTPD_URL/media?n=700" "$T/dl/late.mp3" >>"$T/queue"
keys C-r
check "the episode queued meanwhile appears" \
    wait_for "queued               $HTTPD_URL/media?n=700 -> $T/dl/late.mp3"
check "the download still runs" wait_for "Queue (1 downloads in progress, 4 total)"
check "it says so" wait_for "queue read again: 4 episodes, 1 new"
keys c
check "the running one is still the cursor's and c cancels it" \
    wait_for "cancelled            $HTTPD_URL/media?n=400000&cut=1000&stall=1&k=2"
check "no download runs" wait_for "Queue (0 downloads in progress, 4 total)"
keys Down x
check "the new one downloads" wait_for "ready                $HTTPD_URL/media?n=700 -> $T/dl/late.mp3"
keys q
check "q goes back to the reader's help, as it was" wait_for "Help (keys in the feedlist view)"
keys q
check "and from there to the feed list" wait_gone "Help (keys in"
keys Q
check "the reader quits" wait_exit
check "... it quit: status 0, no sanitizer report" clean_exit
check "the new one's file" test -s "$T/dl/late.mp3"

echo "# ^C while the player runs is the player's: the reader stays"
cat >"$T/slowplayer.sh" <<'SH'
#!/bin/sh
printf '%s|%s\n' "$#" "$1" >>"$PLAYED_LOG"
exec sleep 30
SH
chmod +x "$T/slowplayer.sh"
printf 'player "%s/slowplayer.sh"\n' "$T" >>"$T/keys.config"
tui_start 200 20 PLAYED_LOG="$T/slow.log"
check "the reader" wait_for "Loopback Pod"
keys : podboat Enter
check "the view" wait_for "Queue (0 downloads in progress, 4 total)"
keys p
played() { test -s "$T/slow.log"; }
check "the player runs" waitcheck played
expect_eq "it got the file as one argument" "$(cat "$T/slow.log")" "1|$T/dl/Episode two.mp3"
tm send-keys C-c
check "the player was stopped, the view says so" wait_for "was killed by signal 2"
check "the view is still there" wait_for "Queue (0 downloads in progress, 4 total)"
keys q
check "q goes back to the reader" wait_for "Loopback Pod"
keys Q
# the ^C reached the shell that runs the reader in the pane too (it
# writes no exit status): the pane closes when the reader ends
pane_closed() { ! tm list-panes >/dev/null 2>&1; }
check "the reader quits" waitcheck pane_closed
check "... no sanitizer report" no_sanitizer_report
TUI_ARGS=$SAVED_ARGS
finish
