#!/bin/sh
# End-to-end: newsboat's urls-source "opml" with opml-url (issue 13 item
# 8): the subscriptions are the OPML documents' feeds, fetched at every
# poll into a feeds file that mirrors them; a failing OPML keeps the last
# list; a feeds file of the user's own is never replaced.
. "$top_srcdir/tests/lib.sh"

S=$top_srcdir/data/samples
W=$T/www
mkdir -p "$W"
cp "$S/kyiv-feed.xml" "$W/f1.xml"
sed 's/isPermaLink="false">668/isPermaLink="false">999/g' "$S/kyiv-feed.xml" >"$W/f2.xml"
httpd_start "$W" || { not_ok "test server starts"; finish; exit 1; }
U=$HTTPD_URL
cat >"$W/a.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><head><title>a</title></head><body>
<outline text="News"><outline type="rss" text="One" xmlUrl="$U/f1.xml" category="world"/></outline>
<outline type="rss" text="local" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="~Bad tag" xmlUrl="$U/f2.xml" category="~X,!,ok"/>
</body></opml>
OPML
printf 'urls-source "opml"\nopml-url "%s/a.opml"\n' "$U" >"$T/config"
FEEDS=$XDG_CONFIG_HOME/tidings/feeds
tp() { "$TIDINGS" --config "$T/config" "$@"; }

tp poll --no-articles 2>"$T/err"
expect_eq "poll exits 0" $? 0
check "both http feeds polled" grep -q ": 2 feeds: 2 ok, 0 unchanged, 0 failed; 24 new items" "$T/err"
expect_eq "the feeds file mirrors the OPML (no file: feed, no bad tags)" "$(cat "$FEEDS")" \
"$(printf '%s\n%s\n%s' '# tidings: the feeds of opml-url (urls-source "opml"), rewritten at every reload' \
    "$U/f1.xml News world \"~One\"" "$U/f2.xml ok \"~~Bad tag\"")"
tp feeds >"$T/out" 2>/dev/null
expect_eq "tidings feeds: the OPML's titles" "$(cut -f4 "$T/out" | tr '\n' '|')" "One|~Bad tag|"

echo "# the OPML changes: the next poll follows it"
sed -i "/f2.xml/d" "$W/a.opml"
tp poll --no-articles 2>"$T/err"
check "one feed now" grep -q ": 1 feeds: " "$T/err"
tp feeds >"$T/out" 2>/dev/null
expect_eq "the feed taken out of the OPML is no longer listed" "$(cut -f4 "$T/out" | tr '\n' '|')" "One|"

echo "# an OPML that cannot be had keeps the last list"
cp "$FEEDS" "$T/feeds.before"
printf 'urls-source "opml"\nopml-url "%s/status?code=404"\n' "$U" >"$T/config404"
"$TIDINGS" --config "$T/config404" poll --no-articles 2>"$T/err"
expect_eq "a failing OPML: poll exits 1" $? 1
check "a failing OPML: named, and the last list polled" \
    grep -q "status?code=404: HTTP 404; polling the feeds of the last OPML" "$T/err"
check "a failing OPML: the feeds file is kept" cmp -s "$T/feeds.before" "$FEEDS"

echo "# a feeds file of the user's own is never replaced"
printf 'https://mine.example/feed\n' >"$T/mine"
cp "$T/mine" "$T/mine.orig"
tp --feeds "$T/mine" poll --no-articles 2>"$T/err"
expect_eq "own feeds file: poll exits 1" $? 1
check "own feeds file: says why" grep -q "mine: a feeds file of your own; urls-source \"opml\" does not replace it" "$T/err"
check "own feeds file: untouched" cmp -s "$T/mine" "$T/mine.orig"

echo "# opml without opml-url"
printf 'urls-source "opml"\n' >"$T/config0"
"$TIDINGS" --config "$T/config0" poll --no-articles 2>"$T/err"
check "no opml-url: says what is missing" grep -q 'urls-source "opml" needs the OPML documents: opml-url URL' "$T/err"
finish
