#!/bin/sh
# End-to-end: tidings import-newsboat (issue 13 item 10): newsboat's urls
# and config copied (never changed), its cached items imported with read
# and flagged state, matched by feed URL and guid so a poll afterwards
# updates the same items; the XDG locations; refusals.
. "$top_srcdir/tests/lib.sh"

S=$top_srcdir/data/samples
NB=$HOME/.newsboat
mkdir -p "$NB" "$T/feeds"
cp "$S/kyiv-feed.xml" "$T/feeds/kyiv.xml"
K="file://$T/feeds/kyiv.xml"
cat >"$NB/urls" <<URLS
# my feeds
$K news "~Kyiv" # inline comment
https://gone.example/feed tech
"---Other---"
URLS
printf 'auto-reload yes\nbrowser "firefox %%u"\n' >"$NB/config"
# two items of the Kyiv feed with the guids tidings' parser gives them (one
# read, one flagged), one newsboat deleted, one older item no longer in the
# feed, and a feed tidings does not list
"$PYTHON3" "$top_srcdir/tests/newsboat-cache.py" "$NB/cache.db" <<JSON
{"feeds": [{"rssurl": "$K", "url": "https://kyivindependent.com/", "title": "Kyiv Independent"},
           {"rssurl": "https://other.example/feed", "url": "", "title": "Other"}],
 "items": [
  {"guid": "668e46c65c3f4d0001a7b41c", "title": "NATO summit", "feedurl": "$K",
   "pubDate": 1720601534, "content": "<p>read in newsboat</p>", "unread": 0},
  {"guid": "668e3b075c3f4d0001a7b3f0", "title": "Power outages", "feedurl": "$K",
   "pubDate": 1720598320, "content": "<p>flagged</p>", "unread": 1, "flags": "s"},
  {"guid": "668e265f5c3f4d0001a7b3a2", "title": "Deleted", "feedurl": "$K",
   "pubDate": 1720593065, "unread": 1, "deleted": 1},
  {"guid": "old-1", "title": "An old item, offline at once", "feedurl": "$K",
   "pubDate": 1600000000, "content": "<p>zanzibar history</p>", "unread": 0, "flags": "x"},
  {"guid": "o-1", "title": "Other", "feedurl": "https://other.example/feed", "pubDate": 1}
 ]}
JSON
sums() { cksum "$NB/urls" "$NB/config" "$NB/cache.db"; }
before=$(sums)
C=$XDG_CONFIG_HOME/tidings
DB=$XDG_DATA_HOME/tidings/cache.db

"$TIDINGS" import-newsboat >"$T/out" 2>"$T/err"
expect_eq "import-newsboat exits 0" $? 0
expect_eq "newsboat's files are not changed" "$(sums)" "$before"
check "the urls file is copied byte for byte" cmp -s "$NB/urls" "$C/feeds"
check "the config is copied byte for byte" cmp -s "$NB/config" "$C/config"
check "it says what it imported" \
    grep -q "imported 3 items of 1 feed from $NB/cache.db: 2 read, 2 flagged" "$T/err"
q() { sql "$DB" "$1"; }
expect_eq "items with their state (read, starred)" \
    "$(q "SELECT guid, read, starred FROM items ORDER BY published DESC" | tr '\t\n' ' |')" \
    "668e46c65c3f4d0001a7b41c 1 0|668e3b075c3f4d0001a7b3f0 0 1|old-1 1 1|"
expect_eq "newsboat's feed title, the urls file's tags" \
    "$(q "SELECT f.title, group_concat(t.tag) FROM feeds f JOIN feed_tags t ON t.feed_id = f.id WHERE f.url = '$K'")" \
    "Kyiv	news"
"$TIDINGS" search zanzibar >"$T/out" 2>/dev/null
check "imported items are searchable" grep -q "An old item" "$T/out"

echo "# a poll afterwards updates the same items, state kept"
"$TIDINGS" poll --no-articles 2>/dev/null
expect_eq "12 items of the feed plus the old one, no duplicates" \
    "$(q "SELECT count(*), count(DISTINCT guid) FROM items")" "13	13"
expect_eq "read and starred kept through the poll" \
    "$(q "SELECT guid, read, starred FROM items WHERE read = 1 OR starred = 1 ORDER BY published DESC" | tr '\t\n' ' |')" \
    "668e46c65c3f4d0001a7b41c 1 0|668e3b075c3f4d0001a7b3f0 0 1|old-1 1 1|"

echo "# again: only adds, never overwrites tidings' files"
q "UPDATE items SET read = 1 WHERE guid = '668e3b075c3f4d0001a7b3f0'" >/dev/null
echo "https://mine.example/feed" >>"$C/feeds"
cp "$C/feeds" "$T/feeds.mine"
"$TIDINGS" import-newsboat >/dev/null 2>"$T/err"
expect_eq "a second run exits 0" $? 0
check "tidings' own feeds file is kept" cmp -s "$T/feeds.mine" "$C/feeds"
check "it says the feeds file was kept" grep -q "kept $C/feeds" "$T/err"
expect_eq "what was read in tidings stays read" \
    "$(q "SELECT read, starred FROM items WHERE guid = '668e3b075c3f4d0001a7b3f0'")" "1	1"

echo "# the XDG locations, when there is no ~/.newsboat"
HOME=$T/home2 XDG_CONFIG_HOME=$T/home2/cfg XDG_DATA_HOME=$T/home2/data
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
mkdir -p "$XDG_CONFIG_HOME/newsboat" "$XDG_DATA_HOME/newsboat"
cp "$NB/urls" "$XDG_CONFIG_HOME/newsboat/urls"
cp "$NB/cache.db" "$XDG_DATA_HOME/newsboat/cache.db"
"$TIDINGS" import-newsboat >/dev/null 2>"$T/err"
expect_eq "XDG: exits 0" $? 0
check "XDG: urls and cache found" \
    grep -q "imported 3 items of 1 feed from $XDG_DATA_HOME/newsboat/cache.db" "$T/err"

echo "# no urls file (urls-source elsewhere): the config still comes over"
HOME=$T/home5 XDG_CONFIG_HOME=$T/home5/.config XDG_DATA_HOME=$T/home5/.local/share
mkdir -p "$HOME/.newsboat"
printf 'urls-source "opml"\nopml-url https://example.org/list.opml\n' >"$HOME/.newsboat/config"
"$TIDINGS" import-newsboat >/dev/null 2>"$T/err"
expect_eq "no urls: exits 0" $? 0
check "no urls: the config is copied" cmp -s "$HOME/.newsboat/config" "$XDG_CONFIG_HOME/tidings/config"
check "no urls: said" grep -q "urls: no such file; no feeds copied" "$T/err"

echo "# refusals"
HOME=$T/home3 XDG_CONFIG_HOME=$T/home3/cfg XDG_DATA_HOME=$T/home3/data
mkdir -p "$HOME"
"$TIDINGS" import-newsboat >/dev/null 2>"$T/err"
expect_eq "no newsboat directory: exit 2" $? 2
check "no newsboat directory: says where it looked" grep -q "no newsboat directory" "$T/err"
mkdir -p "$T/empty"
"$TIDINGS" import-newsboat "$T/empty" >/dev/null 2>"$T/err"
expect_eq "a directory without newsboat's files: exit 2" $? 2
check "a directory without newsboat's files: named" \
    grep -q "$T/empty: neither urls nor config of newsboat's there" "$T/err"
mkdir -p "$T/bad"
cp "$NB/urls" "$T/bad/urls"
echo "not a database" >"$T/bad/cache.db"
"$TIDINGS" import-newsboat "$T/bad" >/dev/null 2>"$T/err"
expect_eq "a damaged cache: exit 2" $? 2
check "a damaged cache: named" grep -q "$T/bad/cache.db: not a newsboat cache" "$T/err"
finish
