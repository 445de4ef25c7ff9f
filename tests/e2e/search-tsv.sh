#!/bin/sh
# End-to-end: the format of `tidings search` off a terminal (one line a hit:
# id, ISO date, feed, title, snippet with the matches in [brackets]).
. "$top_srcdir/tests/lib.sh"

cat >"$T/feed.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Le Monde</title><link>https://monde.example/</link>
<item><title>Weather	report</title><link>https://monde.example/w</link>
<guid>weather</guid><pubDate>Mon, 30 Dec 2024 00:00:00 GMT</pubDate>
<description>Sunny skies over Paris with a light breeze. No rain expected.</description></item>
<item><title>Undated</title><guid>undated</guid>
<description>A breeze of no particular day.</description></item>
</channel></rss>
XML
printf 'file://%s/feed.xml\n' "$T" >"$T/feeds"
ts() { "$TIDINGS" --feeds "$T/feeds" --cache "$T/c.db" "$@"; }
ts poll --no-articles --quiet >/dev/null 2>&1
w=$(sql "$T/c.db" "SELECT id FROM items WHERE guid = 'weather'")
u=$(sql "$T/c.db" "SELECT id FROM items WHERE guid = 'undated'")
ts search 'breeze title:weather' >"$T/out" 2>"$T/err"
expect_eq "search exits 0" $? 0
expect_eq "one line: id, date, feed, title (tab now a space), marked snippet" "$(cat "$T/out")" \
    "$w	2024-12-30T00:00:00Z	Le Monde	Weather report	Sunny skies over Paris with a light [breeze]. No rain expected."
# (a poll dates an undated item when first seen; an older cache may hold 0)
sql "$T/c.db" "UPDATE items SET published = 0 WHERE id = $u"
ts search 'particular' >"$T/out" 2>"$T/err"
expect_eq "an item of date 0 has an empty date column" "$(cut -f1,2,4 "$T/out")" \
    "$u		Undated"
ts search 'breeze' --limit 1 >"$T/out"
expect_eq "--limit 1: one line" "$(wc -l <"$T/out")" 1
ts search 'nosuchword' >"$T/out" 2>"$T/err"
expect_eq "nothing matches: no output, exit 0" "$? $(wc -c <"$T/out")" "0 0"
finish
