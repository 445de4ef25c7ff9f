#!/bin/sh
# End-to-end: newsboat's filter language on the command line (`tidings
# items --filter`) and the killfile (ignore-article with ignore-mode
# download and display), on file:// feeds.
. "$top_srcdir/tests/lib.sh"

cat >"$T/a.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Alpha</title><link>https://a.example/</link>
<item><title>Linux 6.1 released</title><guid>a1</guid><author>Frank</author>
<pubDate>Mon, 30 Dec 2024 10:00:00 GMT</pubDate><description>kernel</description></item>
<item><title>Gentoo weekly</title><guid>a2</guid><author>Andreas</author>
<pubDate>Sun, 29 Dec 2024 10:00:00 GMT</pubDate><description>portage</description></item>
<item><title>Sponsored: buy now</title><guid>a3</guid><author>Ads</author>
<pubDate>Sat, 28 Dec 2024 10:00:00 GMT</pubDate><description>ad</description></item>
</channel></rss>
XML
cat >"$T/b.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Beta</title><link>https://b.example/</link>
<item><title>linux tips</title><guid>b1</guid><author>John</author>
<pubDate>Fri, 27 Dec 2024 10:00:00 GMT</pubDate><description>tips</description></item>
<item><title>Gentoo elsewhere</title><guid>b2</guid><author>Jane</author>
<pubDate>Thu, 26 Dec 2024 10:00:00 GMT</pubDate><description>x</description></item>
</channel></rss>
XML
printf 'file://%s/a.xml tag1 news\nfile://%s/b.xml news\n' "$T" "$T" >"$T/feeds"
: >"$T/config"
ts() { "$TIDINGS" --config "$T/config" --feeds "$T/feeds" --cache "$T/c.db" "$@"; }
titles() { cut -f4 "$T/out" | tr '\n' '|'; }

ts poll --no-articles --quiet >/dev/null 2>&1
ts items --filter 'title =~ "linux"' >"$T/out" 2>"$T/err"
expect_eq "--filter: a regex, case-insensitive, newest first" "$? $(titles)" \
    "0 Linux 6.1 released|linux tips|"
ts items --filter 'tags # "tag1" and author != "Ads"' --limit 5 >"$T/out"
expect_eq "--filter with tags and and" "$(titles)" "Linux 6.1 released|Gentoo weekly|"
ts items --unread --filter '( author =~ "Frank" or author =~ "John" ) and ( title =~ "Linux" or title =~ "FreeBSD" )' >"$T/out"
expect_eq "newsboat's documentation example" "$(titles)" "Linux 6.1 released|linux tips|"
expect_eq "same TSV as items: id, date, feed, title, url" \
    "$(head -n 1 "$T/out" | cut -f2,3)" "2024-12-30T10:00:00Z	Alpha"
ts items --filter 'title =~' >"$T/out" 2>"$T/err"
expect_eq "a bad expression: exit 2, nothing on stdout" "$? $(wc -c <"$T/out")" "2 0"
expect_eq "... and one line naming the column" "$(cat "$T/err")" \
    "tidings: items: filter: line 1, column 9: expected a value (a \"quoted string\", a number or a range N:M) after \"=~\""
ts items --filter "title = \"x'); DROP TABLE items; --\"" >"$T/out" 2>"$T/err"
expect_eq "SQL in a value is a value" "$? $(wc -c <"$T/out")" "0 0"
expect_eq "... and the items are all there" "$(sql "$T/c.db" 'SELECT count(*) FROM items')" 5

# ignore-mode display: the items stay in the cache, hidden from items
cat >"$T/config" <<EOF
ignore-mode display
ignore-article "file://$T/a.xml" "title =~ \\"Gentoo\\""
ignore-article * "title =~ \\"^Sponsored\\""
EOF
ts items >"$T/out" 2>"$T/err"
expect_eq "display: matching items are hidden (Gentoo of Beta stays)" "$(titles)" \
    "Linux 6.1 released|linux tips|Gentoo elsewhere|"
expect_eq "display: still in the cache" "$(sql "$T/c.db" 'SELECT count(*) FROM items')" 5
ts items --filter 'title =~ "gentoo"' >"$T/out"
expect_eq "display: --filter and the killfile together" "$(titles)" "Gentoo elsewhere|"

# search: filter:NAME (a define-filter) and the killfile
printf 'define-filter alpha "rssurl =~ \\"a.xml\\""\n' >>"$T/config"
ts search gentoo >"$T/out" 2>"$T/err"
expect_eq "display: search hides the ignored (Gentoo of Alpha)" "$(titles)" "Gentoo elsewhere|"
ts search 'linux filter:alpha' >"$T/out" 2>"$T/err"
expect_eq "search: filter:NAME keeps what the filter matches" "$? $(titles)" "0 Linux 6.1 released|"
ts items --filter alpha >"$T/out" 2>"$T/err"
expect_eq "items --filter NAME: a define-filter" "$? $(titles)" \
    "0 Linux 6.1 released|"
ts search 'linux filter:nosuch' >"$T/out" 2>"$T/err"
expect_eq "search: an unknown filter name" "$? $(cat "$T/err")" \
    '2 tidings: search: no define-filter line defines "nosuch"'

# ignore-mode download (the default): a poll does not store them
rm -f "$T/c.db" "$T/c.db-wal" "$T/c.db-shm"
sed -i '/ignore-mode/d' "$T/config"
ts poll --no-articles --quiet >/dev/null 2>"$T/err"
expect_eq "download: ignored items are not stored" \
    "$(sql "$T/c.db" 'SELECT group_concat(guid) FROM (SELECT guid FROM items ORDER BY guid)')" \
    "a1,b1,b2"

# a bad expression in the config: FILE:LINE, the rest still applies
cat >"$T/config" <<EOF
ignore-mode display
ignore-article * "title =~ \\"(\\""
ignore-article * "author ="
EOF
ts poll --no-articles >/dev/null 2>"$T/err"
expect_eq "bad ignore-article lines: poll names them with their lines" \
    "$(grep config: "$T/err")" \
"tidings: config:2: ignore-article: filter: line 1, column 10: bad regular expression (Unmatched ( or \\(): \"(\"
tidings: config:3: ignore-article: filter: line 1, column 9: expected a value (a \"quoted string\", a number or a range N:M) after \"=\""
ts items >"$T/out" 2>"$T/err"
expect_eq "... items (for scripts) says nothing and still lists" \
    "$(wc -l <"$T/out") $(wc -c <"$T/err")" "5 0"
# tidings feeds lists the feeds file's query feeds after the feeds: id -1,
# -2... (a number no feed has), unread and total counted as the reader
# counts them (the killfile in display mode hides), "query" as the status
cp "$T/feeds" "$T/feeds.plain"
cat >>"$T/feeds" <<'EOF'
"query:Linux:title =~ \"linux\""
"query:Bad:title =~"
"query:Ads:author = \"Ads\""
EOF
cat >"$T/config" <<'EOF'
ignore-mode display
ignore-article * "title =~ \"^Sponsored\""
EOF
ts feeds >"$T/out" 2>"$T/err"
expect_eq "feeds: the feeds first, as they were" "$(head -n 2 "$T/out" | cut -f1,4)" \
    "$(ts --feeds "$T/feeds.plain" feeds | cut -f1,4)"
expect_eq "feeds: then the query feeds, in file order, the bad one left out" \
    "$(tail -n +3 "$T/out")" \
"-1	2	2	Linux	query:Linux:title =~ \"linux\"	query	0
-2	0	0	Ads	query:Ads:author = \"Ads\"	query	0"
check "... the bad one named on stderr with its line" contains "$(cat "$T/err")" \
    'feeds:4: query feed "Bad": filter: line 1, column'
finish
