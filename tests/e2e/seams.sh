#!/bin/sh
# End-to-end: where the merged features meet (the review after session 6's
# merges).  --help lists every command the way the man page does; with
# urls-source a feed server (a replayed Miniflux, tests/e2e/sync-lib.sh)
# the server's subscriptions stand for the feeds file in export and
# cleanup, and the kept counts are the items' after a sync;
# import-newsboat indexes its items under the title people see, and
# leaves feeds' and query feeds' counts those of the items.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/e2e/sync-lib.sh"

echo "# --help: every command, its usage line, its help indented alike"
"$TIDINGS" --help >"$T/help" 2>&1
expect_eq "--help exits 0" $? 0
sed -n '/^Commands:$/,/^$/p' "$T/help" | sed '1d;$d' >"$T/commands"
check "the commands section is there" [ -s "$T/commands" ]
bad=$(grep -vn '^  [a-z]' "$T/commands" | grep -v '^[0-9]*:      [^ ]' | head -1)
expect_eq "each line a command (2 spaces) or its help (6 spaces)" "$bad" ""
expect_eq "no line ends in a space" "$(grep -n ' $' "$T/commands" | head -1)" ""
for c in $(grep '^  [a-z]' "$T/commands" | awk '{print $1}'); do
	m=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
	check "man page synopsis has tidings $c" grep -q "^\.B tidings $m\$" \
	    "$top_srcdir/man/tidings.1"
	check "README mentions tidings $c" grep -q "tidings $c\\b" "$top_srcdir/README.md"
done
n=$(grep -c '^  [a-z]' "$T/commands")
check "every command listed (16 or more)" [ "$n" -ge 16 ]

echo "# urls-source a feed server: export, cleanup, the kept counts"
sync_pages || cannot_run "tests/httpd.py did not start"
scene miniflux/first.json
replay_start || cannot_run "tests/replay.py did not start"
cat >"$T/config" <<EOF2
urls-source "miniflux"
miniflux-url "http://127.0.0.1:$REPLAY_PORT/"
miniflux-login "admin"
miniflux-password "secret"
download-timeout 3
EOF2
: >"$T/urls"
td() { "$TIDINGS" --config "$T/config" --feeds "$T/urls" --cache "$T/cache.db" "$@"; }
fresh="SELECT f.id, (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0),
    (SELECT count(*) FROM items i WHERE i.feed_id = f.id) FROM feeds f WHERE f.listed ORDER BY f.id"
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "sync: exit 0" $? 0
expect_eq "sync: feeds shows the counts of the items" \
    "$(td feeds | cut -f1-3 | tr '\t' ' ')" "$(sql "$T/cache.db" "$fresh" | tr '\t' ' ')"
td export >"$T/opml" 2>"$T/err"
expect_eq "export: exit 0" $? 0
expect_eq "export: the server's subscriptions (the feeds file is empty)" \
    "$(grep -o 'xmlUrl="[^"]*"' "$T/opml" | sed 's|.*/||' | tr '\n' ' ')" \
    'example.xml" loose.xml" '
check "export: the server's category as the tag" grep -q 'category="/Tech"' "$T/opml"
# the server drops a subscription: its feed is unlisted at the next sync
scene miniflux/push.json
"$PYTHON3" - "$T/pairs.json" <<'PY'
import json, sys
scene = json.load(open(sys.argv[1]))
for p in scene["pairs"]:
    if p["path"] == "/v1/feeds":
        p["json"] = [f for f in p["json"] if not f["feed_url"].endswith("/loose.xml")]
json.dump(scene, open(sys.argv[1], "w"))
PY
td poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "sync without the loose feed: exit 0" $? 0
expect_eq "sync: every request as recorded" "$(refused)" ""
expect_eq "the dropped feed is kept, unlisted" \
    "$(sql "$T/cache.db" "SELECT listed FROM feeds WHERE url LIKE '%/loose.xml'")" 0
expect_eq "export: the server's one subscription now" \
    "$(grep -c 'xmlUrl=' "$(td export >"$T/opml" 2>&1; echo "$T/opml")")" 1
td cleanup --force >"$T/out" 2>"$T/err"
expect_eq "cleanup: exit 0 (the server's list stands for the empty feeds file)" $? 0
check "cleanup: says it deleted the feed the server no longer lists" \
    grep -q "deleted 1 feed no longer in the feed server's list, with 1 item (1 starred)" "$T/err"
expect_eq "cleanup: the server's feed stays, the dropped one is gone" \
    "$(sql "$T/cache.db" "SELECT group_concat(listed) FROM feeds")" 1
expect_eq "after cleanup: feeds shows the counts of the items" \
    "$(td feeds | cut -f1-3 | tr '\t' ' ')" "$(sql "$T/cache.db" "$fresh" | tr '\t' ' ')"
for op in "add $HTTPD_URL/example.xml" "remove $HTTPD_URL/example.xml" "import $T/opml"; do
	td $op >"$T/out" 2>"$T/err"
	expect_eq "${op%% *} with a feed server: exit 2" $? 2
	check "${op%% *} with a feed server: says the server's list is the list" \
	    grep -q "^tidings: ${op%% *}: urls-source \"miniflux\": the feeds are the feed server's subscriptions; subscribe and unsubscribe there$" "$T/err"
done
expect_eq "add, remove, import with a feed server: the feeds file untouched" "$(wc -c <"$T/urls")" 0
expect_eq "add, remove, import with a feed server: the cache's feeds untouched" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM feeds")" 1

# back to a local feeds file: the server's rows left in the cache do not
# stand for it
printf '%s/example.xml mine "my own"\n' "$HTTPD_URL" >"$T/urls"
: >"$T/config-local"
"$TIDINGS" --config "$T/config-local" --feeds "$T/urls" --cache "$T/cache.db" export \
    >"$T/opml" 2>"$T/err"
expect_eq "urls-source local again: export exits 0" $? 0
check "urls-source local again: export writes the feeds file's tags" \
    grep -q 'category="/mine,/my own"' "$T/opml"

echo "# import-newsboat: the index's feed title, the kept counts"
NBH=$T/nbhome
mkdir -p "$NBH/.newsboat" "$T/feeds"
cp "$top_srcdir/data/samples/kyiv-feed.xml" "$T/feeds/kyiv.xml"
K="file://$T/feeds/kyiv.xml"
printf '%s news "~Ukraine"\n"query:Unread here:unread = \\"yes\\""\n' "$K" >"$NBH/.newsboat/urls"
"$PYTHON3" "$top_srcdir/tests/newsboat-cache.py" "$NBH/.newsboat/cache.db" <<JSON
{"feeds": [{"rssurl": "$K", "url": "https://kyivindependent.com/", "title": "Kyiv Independent"}],
 "items": [
  {"guid": "nb-1", "title": "Summit history", "feedurl": "$K", "pubDate": 1600000000,
   "content": "<p>zanzibar</p>", "unread": 0},
  {"guid": "nb-2", "title": "Outage history", "feedurl": "$K", "pubDate": 1600000100,
   "content": "<p>zanzibar</p>", "unread": 1, "flags": "s"},
  {"guid": "nb-3", "title": "Third history", "feedurl": "$K", "pubDate": 1600000200,
   "content": "<p>zanzibar</p>", "unread": 1}
 ]}
JSON
nb() { HOME=$NBH XDG_CONFIG_HOME=$NBH/.config XDG_DATA_HOME=$NBH/.local/share "$TIDINGS" "$@"; }
NBC=$NBH/.local/share/tidings/cache.db
nb import-newsboat >"$T/out" 2>"$T/err"
expect_eq "import-newsboat: exit 0" $? 0
check "import-newsboat: three items" grep -q "imported 3 items of 1 feed" "$T/err"
expect_eq "search feed: finds imported items under the feeds file's ~title" \
    "$(nb search 'feed:ukraine zanzibar' 2>&1 | cut -f4 | sort | tr '\n' ,)" \
    "Outage history,Summit history,Third history,"
fresh_all="SELECT f.id, (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0),
    (SELECT count(*) FROM items i WHERE i.feed_id = f.id) FROM feeds f ORDER BY f.id"
expect_eq "import-newsboat: feeds shows the counts of the items" \
    "$(nb feeds 2>/dev/null | grep -v query | cut -f1-3 | tr '\t' ' ')" \
    "$(sql "$NBC" "$fresh_all" | tr '\t' ' ')"
expect_eq "import-newsboat: the query feed counts the unread items" \
    "$(nb feeds 2>/dev/null | grep query | cut -f2,3 | tr '\t' ' ')" "2 2"
nb import-newsboat >/dev/null 2>&1
sql "$NBC" "UPDATE items SET read = 1 WHERE guid = 'nb-3'" >/dev/null
expect_eq "after a read: the query feed's kept count follows" \
    "$(nb feeds 2>/dev/null | grep query | cut -f2,3 | tr '\t' ' ')" "1 1"

finish
