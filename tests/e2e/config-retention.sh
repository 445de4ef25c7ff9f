#!/bin/sh
# End-to-end: newsboat's retention options through `tidings --config FILE
# poll` (issue 13, config part): max-items N keeps the newest N items of
# each feed even while the feed still lists more (newsboat's meaning;
# starred kept), without reporting the cut ones as new at every poll;
# tidings' own default cap keeps what the feed still lists;
# keep-articles-days deletes what was published longer ago (starred kept).
. "$top_srcdir/tests/lib.sh"

now=$(date +%s)
rfc() { date -u -d "@$1" '+%a, %d %b %Y %H:%M:%S +0000'; }
# five items, item i published i days and an hour ago
{
	printf '<rss version="2.0"><channel><title>Five</title>'
	for i in 1 2 3 4 5; do
		printf '<item><title>item %s</title><guid>g%s</guid><pubDate>%s</pubDate></item>' \
		    "$i" "$i" "$(rfc $((now - i * 86400 - 3600)))"
	done
	printf '</channel></rss>\n'
} >"$T/five.xml"
echo "file://$T/five.xml" >"$T/urls"
tp() { "$TIDINGS" --config "$T/config" --feeds "$T/urls" --cache "$T/$1.db" poll --no-articles; }
titles() { "$TIDINGS" --config /dev/null --feeds "$T/urls" --cache "$T/$1.db" items | cut -f4 | sort | tr '\n' '|'; }

echo "# tidings' default: every item the feed still lists"
: >"$T/config"
tp default 2>/dev/null
expect_eq "no max-items: all five kept" "$(titles default)" "item 1|item 2|item 3|item 4|item 5|"

echo "# max-items 2: the newest two, even though the feed lists five"
echo "max-items 2" >"$T/config"
tp max 2>"$T/err"
expect_eq "max-items 2: the newest two" "$(titles max)" "item 1|item 2|"
check "max-items 2: two reported new, not five" grep -q "; 2 new items" "$T/err"
tp max 2>"$T/err"
check "max-items 2: the next poll reports nothing new" grep -q "; 0 new items" "$T/err"
expect_eq "max-items 2: still the newest two" "$(titles max)" "item 1|item 2|"

echo "# max-items keeps starred items on top of the newest N"
echo "max-items 5" >"$T/config"
tp star 2>/dev/null
sql "$T/star.db" "UPDATE items SET starred = 1 WHERE title = 'item 4'"
echo "max-items 1" >"$T/config"
tp star 2>/dev/null
expect_eq "max-items 1: the newest and the starred one" "$(titles star)" "item 1|item 4|"

echo "# keep-articles-days 3: items published more than 3 days ago go"
printf 'keep-articles-days 3\n' >"$T/config"
tp days 2>"$T/err"
expect_eq "keep-articles-days 3: items 1-2" "$(titles days)" "item 1|item 2|"
check "keep-articles-days: two reported new" grep -q "; 2 new items" "$T/err"
printf 'keep-articles-days 0\n' >"$T/config"
tp days 2>/dev/null
sql "$T/days.db" "UPDATE items SET starred = 1 WHERE title = 'item 5'"
printf 'keep-articles-days 2\n' >"$T/config"
tp days 2>/dev/null
expect_eq "keep-articles-days 2: the starred old one stays" "$(titles days)" "item 1|item 5|"
finish
