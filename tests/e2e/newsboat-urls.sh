#!/bin/sh
# End-to-end: a newsboat urls file as newsboat reads it (issue 13 item 7):
# inline comments, a URL listed twice, "!" hidden feeds, headings, a stray
# quote, and query lines kept.
. "$top_srcdir/tests/lib.sh"

S=$top_srcdir/data/samples
mkdir -p "$T/feeds"
cp "$S/kyiv-feed.xml" "$T/feeds/f1.xml"
cp "$S/kyiv-feed.atom" "$T/feeds/f2.atom"
F=$T/feeds
cat >"$T/urls" <<URLS
# comment line
file://$F/f1.xml news "~My Feed One" # inline comment
file://$F/f2.atom ! hiddenfeed
"---Tech---"
"query:Unread:unread = \"yes\""
file://$F/f1.xml tech
URLS
cp "$T/urls" "$T/urls.orig"
tf() { "$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/c.db" "$@"; }

tf poll --no-articles 2>"$T/err"
expect_eq "poll exits 0" $? 0
check "poll fetches a URL listed twice once" grep -q ": 2 feeds: 2 ok" "$T/err"
check "the second line of a URL is reported once, naming both lines" \
    grep -q "urls:6: listed again (first on line 2), tags merged: 'file://$F/f1.xml'" "$T/err"
expect_eq "no other warning than the duplicate (a query line is a feed)" \
    "$(grep -c "urls:" "$T/err")" 1
expect_eq "tags of both lines merged, no comment words as tags" \
    "$(sql "$T/c.db" "SELECT group_concat(tag, ',') FROM (SELECT tag FROM feed_tags t JOIN feeds f ON f.id = t.feed_id WHERE f.url = 'file://$F/f1.xml' ORDER BY tag)")" \
    "news,tech"
tf feeds >"$T/out" 2>/dev/null
expect_eq "tidings feeds lists both feeds, not the heading (then the query feed)" "$(grep -c '^[0-9]' "$T/out") $(grep -c '^-1	.*	query	' "$T/out")" "2 1"
check "tidings feeds marks the hidden feed" grep -q "ok (hidden)" "$T/out"
expect_eq "the hidden feed and the heading are kept apart in the cache" \
    "$(sql "$T/c.db" "SELECT url, listed FROM feeds ORDER BY position" | tr '\t\n' ' |')" \
    "file://$F/f1.xml 1|file://$F/f2.atom 2|---Tech--- 3|"
n=$(tf items 2>/dev/null | grep -c "Kyiv Independent")
check "the hidden feed's items are still listed" [ "$n" -gt 0 ]
tf add https://new.example/feed 2>/dev/null
check "add keeps every other line as written" \
    cmp -s "$T/urls.orig" "$(head -n 6 "$T/urls" >"$T/head"; echo "$T/head")"
tf remove "file://$F/f1.xml" 2>/dev/null
check "remove takes out both lines of a URL listed twice" \
    sh -c "! grep -q 'f1.xml' '$T/urls'"

echo "# a stray quote after a title keeps the feed (newsboat reads it)"
printf '%s\n' "file://$F/f1.xml \"~Morgan Housel\"\"" >"$T/urls2"
"$TIDINGS" --config /dev/null --feeds "$T/urls2" --cache "$T/c2.db" feeds >"$T/out" 2>"$T/err"
check "stray quote: no warning" sh -c "! grep -q . '$T/err'"
check "stray quote: the feed is listed with its title" grep -q "Morgan Housel" "$T/out"

echo "# exec: and filter: feeds: the user's command's output is the feed"
cat >"$T/urls4" <<URLS
"exec:cat '$F/f1.xml'" gen
"filter:sed s/Kyiv/Kiev/g:file://$F/f1.xml" filt
"exec:sleep 20; cat '$F/f1.xml'" slow
exec:false
URLS
printf 'download-timeout 1\n' >"$T/config4"
t4() { "$TIDINGS" --config "$T/config4" --feeds "$T/urls4" --cache "$T/c4.db" "$@"; }
t4 poll --no-articles 2>"$T/err"
expect_eq "exec/filter: poll says some feeds failed" $? 1
check "exec/filter: the counts" grep -q ": 4 feeds: 2 ok, 0 unchanged, 2 failed; 24 new items" "$T/err"
check "exec: a slow command is stopped at download-timeout" \
    grep -q "exec:sleep 20; cat '$F/f1.xml': did not finish in 1 s" "$T/err"
check "exec: a command that prints nothing is an error of that feed" \
    grep -q "exec:false: exited with status 1 and printed nothing" "$T/err"
expect_eq "exec/filter: the feeds' identity is the line, the titles the output's" \
    "$(t4 feeds 2>/dev/null | cut -f4,5 | tr '\t\n' ' |')" \
    "The Kyiv Independent exec:cat '$F/f1.xml'|The Kiev Independent filter:sed s/Kyiv/Kiev/g:file://$F/f1.xml| exec:sleep 20; cat '$F/f1.xml'| exec:false|"

echo "# JSON Feed (item 9): polled like RSS and Atom"
cp "$top_srcdir/tests/data/feed/jsonfeed-1.0-podcast.json" "$F/podcast.json"
printf 'file://%s/podcast.json audio\n' "$F" >"$T/urls3"
"$TIDINGS" --config /dev/null --feeds "$T/urls3" --cache "$T/c3.db" poll --no-articles 2>"$T/err"
expect_eq "JSON Feed: poll exits 0" $? 0
"$TIDINGS" --config /dev/null --feeds "$T/urls3" --cache "$T/c3.db" items >"$T/out" 2>&1
check "JSON Feed: its item is listed with the feed's title" \
    grep -q "The Record	Special #1 - Chris Parrish" "$T/out"
finish
