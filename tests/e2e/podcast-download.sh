#!/bin/sh
# End-to-end: podcast downloads (issue 17) from tests/httpd.py on
# loopback: several episodes at once, a 404, a server that lies about
# Content-Length (resumed with Range), a server that ignores Range, a
# download killed and resumed, hostile file names, a full disk (simulated
# with a file-size limit, ulimit -f: writes fail with EFBIG as they would
# with ENOSPC; tmpfs needs root).
. "$top_srcdir/tests/lib.sh"

mkdir -p "$T/www" "$T/dl"
httpd_start "$T/www" || cannot_run "tests/httpd.py"
M=$HTTPD_URL/media
# media_file N FILE: what /media?n=N sends
media_file() { "$PYTHON3" -c 'import sys; n=int(sys.argv[1]); sys.stdout.buffer.write(bytes((7*i+3)%251 for i in range(n)))' "$1" >"$2"; }
stat_of() { "$PYTHON3" -c 'import sys, urllib.request; print(dict(l.split() for l in urllib.request.urlopen(sys.argv[1]).read().decode().splitlines())[sys.argv[2]])' "$HTTPD_URL/_stats" "$1"; }
item() { printf '<item><title>%s</title><guid>%s</guid><enclosure url="%s" type="audio/mpeg"/></item>\n' "$1" "$1" "$2"; }
feed() {
	{ printf '<rss version="2.0"><channel><title>Pod</title>\n'; cat; printf '</channel></rss>\n'; } >"$T/www/$1.xml"
	echo "$HTTPD_URL/$1.xml" >"$T/urls.$1"
}
# tp NAME CMD...: tidings on feed NAME's urls file, cache and queue
tp() { _n=$1; shift; "$TIDINGS" --config "$T/config" --feeds "$T/urls.$_n" --cache "$T/$_n/cache.db" "$@"; }
enqueue_all() {
	mkdir -p "$T/$1"
	tp "$1" poll --no-articles 2>/dev/null
	for _id in $(tp "$1" items | cut -f1 | sort -n); do tp "$1" enqueue "$_id"; done
}
printf 'download-path %s/dl\ndownload-filename-format "%%t.mp3"\nmax-downloads 3\n' "$T" >"$T/config"

echo "# several episodes: ok, Range-ignoring, 404, lying Content-Length (resumed)"
{
	item ok "$M?n=300000"
	item norange "$M?n=1000&amp;range=0"
	item missing "$HTTPD_URL/status?code=404"
	item liar "$M?n=200000&amp;cut=50000"
} | feed many
enqueue_all many
tp many download 2>"$T/err"; rc=$?
expect_eq "a failed episode: exit 1" "$rc" 1
media_file 300000 "$T/want300000"; media_file 1000 "$T/want1000"; media_file 200000 "$T/want200000"
check "ok: complete and right" cmp -s "$T/dl/ok.mp3" "$T/want300000"
check "norange: complete and right" cmp -s "$T/dl/norange.mp3" "$T/want1000"
check "liar: resumed to the whole file" cmp -s "$T/dl/liar.mp3" "$T/want200000"
check "liar: the second request had a Range" test "$(stat_of media_ranges)" -ge 1
check "404: named with its status" grep -q "download: $HTTPD_URL/status?code=404: HTTP 404" "$T/err"
check "404: no file, no part" test ! -e "$T/dl/missing.mp3" -a ! -e "$T/dl/missing.mp3.part"
# a failed download without a part is queued again (podboat writes no state for it)
expect_eq "podcasts: states" "$(tp many podcasts | cut -f2,3 | tr '\t\n' ' |')" \
    "downloaded 100%|downloaded 100%|queued -|downloaded 100%|"
expect_eq "podcasts: sizes" "$(tp many podcasts | cut -f4 | tr '\n' ' ')" "300000 1000 0 200000 "
check "queue file in podboat's format" grep -qx "$M?n=300000 \"$T/dl/ok.mp3\" downloaded" "$T/many/queue"
tp many download 2>"$T/err"; rc=$?
expect_eq "again: only the 404 is tried, still failing" "$rc" 1
check "again: 0 downloaded, 1 failed" grep -q "0 downloaded, 1 failed" "$T/err"

echo "# a server that ignores Range: a stale part is replaced, not appended to"
item stale "$M?n=5000&amp;range=0" | feed stale
enqueue_all stale
printf 'garbage that is not the file' >"$T/dl/stale.mp3.part"
tp stale download 2>/dev/null
media_file 5000 "$T/want5000"
check "stale: the whole file, right" cmp -s "$T/dl/stale.mp3" "$T/want5000"
check "stale: the part is gone" test ! -e "$T/dl/stale.mp3.part"

echo "# killed in the middle, then resumed with Range"
printf '<item><title>killed</title><guid>k</guid><enclosure url="%s" type="audio/mpeg" length="400000"/></item>\n' \
    "$M?n=400000&amp;cut=100000&amp;stall=1" | feed killed
enqueue_all killed
"$TIDINGS" --config "$T/config" --feeds "$T/urls.killed" --cache "$T/killed/cache.db" \
    download 2>/dev/null &
pid=$!
i=0
while [ "$( (wc -c <"$T/dl/killed.mp3.part") 2>/dev/null || echo 0)" -lt 100000 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
expect_eq "the part holds what came" "$(wc -c <"$T/dl/killed.mp3.part" | tr -d ' ')" 100000
expect_eq "podcasts: partial is failed (podboat's word), resumable; progress from the feed's length" \
    "$(tp killed podcasts | cut -f2,3,4)" "$(printf 'failed\t25%%\t100000')"
before=$(stat_of media_ranges)
tp killed download 2>/dev/null
media_file 400000 "$T/want400000"
check "resumed: complete and right" cmp -s "$T/dl/killed.mp3" "$T/want400000"
expect_eq "resumed with one Range request" "$(stat_of media_ranges)" $((before + 1))

echo "# hostile titles stay in the download directory"
{
	item "../../escaped" "$M?n=10"
	item "/etc/passwd" "$M?n=11"
	printf '<item><title>.hidden&#x1b;[2J\n</title><guid>h</guid><enclosure url="%s" type="audio/mpeg"/></item>\n' "$M?n=12"
} | feed hostile
enqueue_all hostile
tp hostile download 2>"$T/err"
expect_eq "every file inside dl/" "$(cd "$T/dl" && ls | grep -v -e '^ok' -e '^norange' -e '^liar' -e '^stale' -e '^killed' | sort | tr '\n' '|')" \
    "_._.._escaped.mp3|_etc_passwd.mp3|_hidden.mp3|"
check "nothing escaped" test ! -e "$T/escaped.mp3" -a ! -e "$T/../escaped.mp3"
check "messages terminal-safe" terminal_safe "$T/err"

echo "# a full disk (file-size limit): failed, the part kept, resumed later"
item full "$M?n=300000" | feed full
enqueue_all full
(ulimit -f 100 && "$TIDINGS" --config "$T/config" --feeds "$T/urls.full" --cache "$T/full/cache.db" \
    download) 2>"$T/err"; rc=$?
expect_eq "full: exit 1" "$rc" 1
check "full: the file is named with the reason" grep -q "dl/full.mp3.part: File too large" "$T/err"
check "full: no complete file" test ! -e "$T/dl/full.mp3"
check "full: a part to resume" test -s "$T/dl/full.mp3.part"
tp full download 2>/dev/null
check "full: resumed once there is room" cmp -s "$T/dl/full.mp3" "$T/want300000"
echo "# max-download-speed 128 (KB/s, each download): 512 KB take over 1.5 s"
# A lower bound only: a limit can make a download slower, never faster.
# From loopback without the limit these take well under a second (the
# whole file waits in the socket buffer; see download_buffer_size).
{
	item slow1 "$M?n=524288"
	item slow2 "$M?n=524289"
} | feed slow
enqueue_all slow
printf 'download-path %s/dl\ndownload-filename-format "%%t.mp3"\nmax-downloads 2\nmax-download-speed 128\n' \
    "$T" >"$T/config.slow"
now_ms() { "$PYTHON3" -c 'import time; print(int(time.monotonic() * 1000))'; }
t0=$(now_ms)
"$TIDINGS" --config "$T/config.slow" --feeds "$T/urls.slow" --cache "$T/slow/cache.db" \
    download 2>"$T/err"; rc=$?
took=$(($(now_ms) - t0))
expect_eq "slow: exit 0" "$rc" 0
media_file 524288 "$T/want524288"; media_file 524289 "$T/want524289"
check "slow: the first complete and right" cmp -s "$T/dl/slow1.mp3" "$T/want524288"
check "slow: the second too" cmp -s "$T/dl/slow2.mp3" "$T/want524289"
check "slow: 2 x 512 KB at 128 KB/s each took >= 1500 ms (took $took ms)" test "$took" -ge 1500
finish
