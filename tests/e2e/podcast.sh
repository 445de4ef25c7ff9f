#!/bin/sh
# End-to-end: podcasts (issue 17).  Every enclosure of an item reaches the
# cache and `tidings show` (type, size, duration), sanitised.
. "$top_srcdir/tests/lib.sh"

esc=$(printf '\033')
cat >"$T/pod.xml" <<XML
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pod</title>
<item><title>Episode 1</title><guid>ep1</guid>
 <enclosure url="http://pod.example/ep1.mp3" type="audio/mpeg" length="12897484"/>
 <enclosure url="http://pod.example/ep1.ogg" type="audio/ogg"/>
 <media:content url="http://pod.example/ep1.mp4" type="video/mp4" duration="61"/>
 <itunes:duration>1:02:03</itunes:duration>
</item>
<item><title>Hostile</title><guid>ep2</guid>
 <enclosure url="http://pod.example/x${esc}[2Jy.mp3" type="audio/${esc}]0;pwned${esc}\\\\mpeg"/>
</item>
<item><title>Plain</title><guid>ep3</guid></item>
</channel></rss>
XML
echo "file://$T/pod.xml" >"$T/urls"
t() { "$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/cache.db" "$@"; }
t poll --no-articles 2>/dev/null
id() { t items | awk -F '\t' -v t="$1" '$4 == t { print $1 }'; }

echo "# show lists every enclosure with type, size and duration"
t show "$(id 'Episode 1')" --width 0 >"$T/show1"
expect_eq "three enclosures, in document order" "$(grep '^Enclosure: ' "$T/show1")" \
"Enclosure: http://pod.example/ep1.mp3 (audio/mpeg, 12.3 MiB, 1:02:03)
Enclosure: http://pod.example/ep1.ogg (audio/ogg, 1:02:03)
Enclosure: http://pod.example/ep1.mp4 (video/mp4, 1:01)"
expect_eq "stdout starts with the title as before" "$(head -n 1 "$T/show1")" "Episode 1"

echo "# an item without enclosures shows none"
t show "$(id Plain)" >"$T/show3"
check "no Enclosure line" sh -c "! grep -q '^Enclosure' '$T/show3'"

echo "# a hostile enclosure reaches the terminal without escape sequences"
t show "$(id Hostile)" >"$T/show2"
check "the enclosure is shown" grep -q '^Enclosure: http://pod.example/x' "$T/show2"
check "terminal-safe" terminal_safe "$T/show2"

echo "# the cache has all of them"
expect_eq "enclosures table" "$(sql "$T/cache.db" "SELECT count(*) FROM enclosures")" 4

echo "# enqueue: the first playable enclosure into the queue beside the cache, podboat's format"
printf 'download-path %s/dl\n' "$T" >"$T/config"
tc() { "$TIDINGS" --config "$T/config" --feeds "$T/urls" --cache "$T/cache.db" "$@"; }
tc enqueue "$(id 'Episode 1')"
expect_eq "queue file line" "$(cat "$T/queue")" "http://pod.example/ep1.mp3 \"$T/dl/ep1.mp3\""
tc enqueue "$(id 'Episode 1')" 2>"$T/err"; rc=$?
expect_eq "enqueue twice: exit 2" "$rc" 2
check "enqueue twice: says so" grep -q "item .*: queued already" "$T/err"
tc enqueue "$(id Plain)" 2>"$T/err"; rc=$?
expect_eq "nothing to queue: exit 2" "$rc" 2
check "nothing to queue: says so" grep -q "no enclosure to queue" "$T/err"
tc enqueue 9999 2>"$T/err"; rc=$?
check "no such item: says so" grep -q "item 9999: no such item" "$T/err"
tc enqueue abc 2>/dev/null; rc=$?
expect_eq "not an id: exit 2" "$rc" 2
expect_eq "show says the episode is queued" "$(tc show "$(id 'Episode 1')" 2>/dev/null | grep '^Enclosure: ' | head -1)" \
    "Enclosure: http://pod.example/ep1.mp3 (audio/mpeg, 12.3 MiB, 1:02:03) [queued]"
expect_eq "podcasts TSV" "$(tc podcasts)" "$(printf '1\tqueued\t0%%\t0\t%s\t%s' "$T/dl/ep1.mp3" http://pod.example/ep1.mp3)"

echo "# podcast-auto-enqueue yes: a poll queues the new items' episodes"
mkdir -p "$T/auto"
printf 'podcast-auto-enqueue yes\ndownload-path %s/auto/dl\n' "$T" >"$T/auto/config"
ta() { "$TIDINGS" --config "$T/auto/config" --feeds "$T/urls" --cache "$T/auto/cache.db" "$@"; }
ta poll --no-articles 2>/dev/null
expect_eq "the playable episodes queued" "$(ta podcasts | cut -f2,6)" \
    "$(printf 'queued\thttp://pod.example/ep1.mp3\nqueued\thttp://pod.example/xy.mp3')"
printf 'download-path %s/auto/dl\n' "$T" >"$T/auto/config"
rm -f "$T/auto/queue" "$T/auto/cache.db"
ta poll --no-articles 2>/dev/null
check "podcast-auto-enqueue no (the default): nothing queued" test ! -e "$T/auto/queue"

echo "# credentials in an enclosure URL are used, shown nowhere"
mkdir -p "$T/cred"
printf '<rss version="2.0"><channel><title>C</title><item><title>Secret</title><guid>s</guid><enclosure url="http://user:hunter2@pod.example/s.mp3" type="audio/mpeg"/></item></channel></rss>\n' >"$T/cred/feed.xml"
echo "file://$T/cred/feed.xml" >"$T/cred/urls"
tcr() { "$TIDINGS" --config "$T/config" --feeds "$T/cred/urls" --cache "$T/cred/cache.db" "$@"; }
tcr poll --no-articles 2>/dev/null
tcr show 1 >"$T/cred/show" 2>&1
tcr enqueue 1
tcr podcasts >"$T/cred/podcasts"
check "show: the URL without its userinfo" grep -qx "Enclosure: http://pod.example/s.mp3 (audio/mpeg)" "$T/cred/show"
check "show: no password" sh -c "! grep -q hunter2 '$T/cred/show'"
check "podcasts: no password" sh -c "! grep -q hunter2 '$T/cred/podcasts'"
check "the queue keeps it for the request" grep -q "http://user:hunter2@pod.example/s.mp3" "$T/cred/queue"

echo "# a hostile podcast feed: capped at 32 enclosures, odd durations unknown"
echo "file://$top_srcdir/tests/data/hostile/podcast-enclosures.xml" >"$T/urls2"
"$TIDINGS" --config /dev/null --feeds "$T/urls2" --cache "$T/h.db" poll --no-articles 2>/dev/null
expect_eq "32 of 40 kept" "$(sql "$T/h.db" "SELECT count(*) FROM enclosures e JOIN items i ON i.id = e.item_id WHERE i.guid = 'many'")" 32
expect_eq "a duration too big is unknown" "$(sql "$T/h.db" "SELECT DISTINCT duration FROM enclosures e JOIN items i ON i.id = e.item_id WHERE i.guid = 'many'")" -1
expect_eq "odd: the media duration 30 fills a negative one; the first valid itunes:duration times the rest" \
    "$(sql "$T/h.db" "SELECT e.length, e.duration FROM enclosures e JOIN items i ON i.id = e.item_id WHERE i.guid = 'odd' ORDER BY position" | tr '\t\n' ' |')" \
    "-1 30|-1 10|"
finish
