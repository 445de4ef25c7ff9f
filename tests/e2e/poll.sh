#!/bin/sh
# End-to-end: tidings poll against a real HTTP server on 127.0.0.1.
. "$top_srcdir/tests/lib.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || cannot_run "python3 is needed for the test server"

www=$T/www
mkdir -p "$www"
cp "$top_srcdir/data/samples/kyiv-feed.xml" "$www/rss.xml"
cp "$top_srcdir/data/samples/kyiv-feed.atom" "$www/atom.xml"
cp "$top_srcdir/tests/data/article/kyiv-article.html" "$www/article.html"
printf 'this is <not> a feed &&&' >"$www/broken.xml"
httpd_start "$www" || { not_ok "test server starts"; finish; exit 1; }
U=$HTTPD_URL

# a feed whose item links to a page on the test server: the article is fetched
cat >"$www/local.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local</title><link>$U/</link>
<item><title>Teaser only</title><link>$U/article.html</link><guid>local-1</guid>
<description>A teaser.</description><pubDate>Thu, 11 Jul 2024 10:00:00 GMT</pubDate></item>
<item><title>Link to a local file</title><link>file:///etc/passwd</link><guid>local-2</guid>
<pubDate>Thu, 11 Jul 2024 09:00:00 GMT</pubDate></item>
</channel></rss>
XML

feeds=$T/feeds
cat >"$feeds" <<EOF2
$U/rss.xml news
$U/atom.xml news
$U/local.xml
$U/status?code=404
$U/broken.xml
$U/retry?code=429&after=3600
$U/stall?s=30
$U/redirect?n=2
EOF2
printf 'download-timeout 2\n' >"$T/config"
db=$T/cache.db
tid() { "$TIDINGS" --feeds "$feeds" --cache "$db" --config "$T/config" "$@"; }

tid poll >"$T/out" 2>"$T/err"
expect_eq "poll with failing feeds exits 1" $? 1
check "summary line" grep -q "tidings: 8 feeds: 3 ok, 0 unchanged, 5 failed; 26 new items" "$T/err"
tid feeds >"$T/feeds.out"
st() { awk -F'\t' -v u="$U/$1" '$5 == u { print $6 }' "$T/feeds.out"; }
expect_eq "RSS feed ok" "$(st rss.xml)" ok
expect_eq "Atom feed ok" "$(st atom.xml)" ok
expect_eq "404 recorded" "$(st 'status?code=404')" "HTTP 404"
expect_eq "garbage recorded as a parse error" "$(st broken.xml)" "parse error"
expect_eq "429 recorded" "$(st 'retry?code=429&after=3600')" "HTTP 429"
expect_eq "stall recorded as a network error" "$(st 'stall?s=30')" "network error"
expect_eq "a page that is not a feed is a parse error" "$(st 'redirect?n=2')" "parse error"
check "error line names the URL" grep -q "^tidings: $U/status?code=404: HTTP 404$" "$T/err"
expect_eq "12 RSS items" "$(tid items --feed 1 | wc -l)" 12
expect_eq "12 Atom items" "$(tid items --feed 2 | wc -l)" 12

# the article page linked from the local feed was fetched and extracted
id=$(tid items --feed 3 | awk -F'\t' '$4 == "Teaser only" { print $1 }')
tid show "$id" --width 0 >"$T/show"
expect_eq "article title from the page" "$(sed -n 1p "$T/show")" \
    "Iranian president-elect assures Putin of continued partnership, Russia reports"
check "article body from the page" grep -q "^Iran's newly elected President Masoud Pezeshkian reaffirmed" "$T/show"
expect_eq "file: links in feeds are never fetched" \
    "$(sql "$db" "select count(*) from articles a join items i on i.id = a.item_id where i.url like 'file:%'")" 0

# read and starred state survive later polls; a 304 costs no write
sql "$db" "update items set read = 1 where feed_id = 1" >/dev/null
sql "$db" "update items set starred = 1 where id = $id" >/dev/null
curl -s "$U/_reset" >/dev/null 2>&1 || "$PYTHON3" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()" "$U/_reset"
tid poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "second poll: not modified" "$(tid feeds | awk -F'\t' -v u="$U/rss.xml" '$5 == u { print $6 }')" "not modified"
check "the 429 feed waits for its Retry-After" grep -q "1 waiting (Retry-After" "$T/err"
expect_eq "read state kept" "$(sql "$db" "select count(*) from items where feed_id = 1 and read = 1")" 12
expect_eq "starred state kept" "$(sql "$db" "select starred from items where id = $id")" 1
expect_eq "no duplicated items" "$(sql "$db" "select count(*) - count(distinct feed_id || ' ' || guid) from items")" 0
log=$("$PYTHON3" -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode())" "$U/_log")
check "ETag sent on the second poll" contains "$log" 'rss.xml	"'
check "Retry-After respected: the 429 feed is not asked again" sh -c "! printf '%s' \"\$1\" | grep -q '^/retry'" x "$log"
expect_eq "integrity" "$(sql "$db" "pragma integrity_check")" ok

# full-text search over what the poll stored, article text included
out=$(tid search pezeshkian)
expect_eq "search finds the article in both feeds and the downloaded page" "$(printf '%s\n' "$out" | wc -l)" 3
check "search output is id, date, feed, title, snippet" sh -c "printf '%s\n' \"\$1\" | awk -F'\t' 'NF != 5 { exit 1 }'" x "$out"
check "snippet marks the match" contains "$out" "[Pezeshkian]"
expect_eq "search filters" "$(tid search 'tehran feed:Local' | wc -l)" 1
tid search '"unbalanced' >/dev/null 2>"$T/err"
expect_eq "a malformed query exits 2" $? 2
check "a malformed query gets a plain message" grep -q "^tidings: search: unbalanced quote" "$T/err"

# add a site: the feed its page advertises is found and added
cat >"$www/site.html" <<HTML
<!doctype html><html><head><title>A site</title>
<link rel="alternate" type="application/rss+xml" title="Main feed" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Atom" href="atom.xml">
</head><body><p>Welcome</p></body></html>
HTML
tid add "$U/site.html" sitetag >"$T/out" 2>"$T/err"
expect_eq "add a site exits 0" $? 0
check "several advertised feeds are listed" grep -q "advertises 2 feeds" "$T/err"
check "the atom one is listed too" grep -q "$U/atom.xml (Atom)" "$T/err"
expect_eq "the first advertised feed is added with its tags" "$(grep -c "^$U/rss.xml news\$" "$feeds")" 1
printf '<html><body>no feeds here</body></html>' >"$www/plain.html"
tid add "$U/plain.html" >"$T/out" 2>"$T/err"
expect_eq "a page without feeds exits 2" $? 2
check "and says so" grep -q "neither a feed nor a page that advertises one" "$T/err"
tid add "$U/atom.xml" >"$T/out" 2>"$T/err"
check "a feed URL already listed is not added twice" grep -q "is already in" "$T/err"

# a feed is stored while others are still being fetched (the poll writes
# what it has parsed in batches at most a quarter of a second old)
printf '%s\n' "$U/rss.xml" "$U/stall?s=20" >"$T/slowfeeds"
printf 'download-timeout 15\n' >"$T/slowconfig"
"$TIDINGS" --feeds "$T/slowfeeds" --cache "$T/slow.db" --config "$T/slowconfig" \
    poll --no-articles >/dev/null 2>&1 &
slowpid=$!
seen=0 i=0
while [ $i -lt 100 ] && kill -0 $slowpid 2>/dev/null; do
	if [ -s "$T/slow.db" ] && [ "$(sql "$T/slow.db" "SELECT count(*) FROM items" 2>/dev/null)" = 12 ]; then
		kill -0 $slowpid 2>/dev/null && seen=1
		break
	fi
	sleep 0.1
	i=$((i + 1))
done
expect_eq "a fast feed's items are in the cache while a slow feed is still fetched" "$seen" 1
kill $slowpid 2>/dev/null
wait $slowpid 2>/dev/null

# article downloads follow the feed asked for, and the backlog shows
# (issue 11 item 18): two feeds, two pages each, b's items the older
for f in a b; do
	{
		printf '<rss version="2.0"><channel><title>Pages %s</title>\n' $f
		for i in 1 2; do
			day=$([ $f = a ] && echo 20 || echo 10)
			printf '<item><title>%s%s</title><guid>%s%s</guid><link>%s/ok?body=%s%s</link>' \
			    $f $i $f $i "$U" $f $i
			printf '<pubDate>Mon, %s Jan 2025 10:0%s:00 GMT</pubDate></item>\n' $day $i
		done
		printf '</channel></rss>\n'
	} >"$www/pages-$f.xml"
done
printf '%s\n' "$U/pages-a.xml" "$U/pages-b.xml" >"$T/pfeeds"
ptid() { "$TIDINGS" --feeds "$T/pfeeds" --cache "$T/p.db" --config "$T/config" "$@"; }
ptid poll --no-articles >/dev/null 2>&1
backlog() { ptid feeds | awk -F'\t' -v u="$U/$1" '$5 == u { print $7 }'; }
expect_eq "feeds: a's articles to fetch" "$(backlog pages-a.xml)" 2
expect_eq "feeds: b's articles to fetch" "$(backlog pages-b.xml)" 2
bid=$(ptid feeds | awk -F'\t' -v u="$U/pages-b.xml" '$5 == u { print $1 }')
printf 'articles-per-poll 1\ndownload-timeout 2\n' >"$T/config1"
"$TIDINGS" --feeds "$T/pfeeds" --cache "$T/p.db" --config "$T/config1" poll --feed "$bid" \
    >/dev/null 2>&1
expect_eq "poll --feed: a page of that feed, though the other's are newer" \
    "$(backlog pages-b.xml)/$(backlog pages-a.xml)" 1/2
ptid poll --feed "$bid" >/dev/null 2>&1
expect_eq "poll --feed fetches only that feed's pages" \
    "$(backlog pages-b.xml)/$(backlog pages-a.xml)" 0/2
ptid poll >/dev/null 2>&1
expect_eq "a poll of every feed fetches the rest" "$(backlog pages-a.xml)" 0

# a tarpit cannot hold the poll (issue 11 item 17): the config's deadline
# for article pages ends it, the pages wait for the next poll
{
	printf '<rss version="2.0"><channel><title>Tarpit</title>\n'
	for i in 1 2; do
		printf '<item><title>t%s</title><guid>t%s</guid>' $i $i
		printf '<link>%s/drip?n=100&amp;ms=500&amp;i=%s</link></item>\n' "$U" $i
	done
	printf '</channel></rss>\n'
} >"$www/tarpit.xml"
printf '%s\n' "$U/tarpit.xml" >"$T/tfeeds"
printf 'download-timeout 30\narticles-deadline 1\n' >"$T/tconfig"
"$TIDINGS" --feeds "$T/tfeeds" --cache "$T/t.db" --config "$T/tconfig" poll >"$T/out" 2>"$T/err"
expect_eq "a poll whose pages trickle still ends well" $? 0
check "the summary says the pages wait" grep -q "2 articles, 0 failed, 2 left for the next poll" "$T/err"
check "and why" grep -q "article pages: the poll's 1 s for them ran out; 2 left for the next poll" "$T/err"
expect_eq "no attempt counted" "$(sql "$T/t.db" "select count(*) from articles")" 0

# IDN hosts (issue 11 item 22): libcurl converts them through the locale,
# so the CLI fetches what the reader fetches (curl resolves *.localhost to
# the loopback address itself)
IDN="http://bücher.localhost:$HTTPD_PORT"
printf '%s\n' "$IDN/rss.xml" >"$T/idnfeeds"
"$TIDINGS" --feeds "$T/idnfeeds" --cache "$T/idn.db" --config "$T/config" \
    poll --no-articles >"$T/out" 2>"$T/err"
expect_eq "poll fetches a feed on an IDN host" $? 0
expect_eq "its items are stored" "$(sql "$T/idn.db" "select count(*) from items")" 12
"$TIDINGS" extract "$IDN/article.html" --width 0 >"$T/out" 2>"$T/err"
expect_eq "extract fetches a page on an IDN host" $? 0
: >"$T/idnfeeds2"
"$TIDINGS" --feeds "$T/idnfeeds2" --cache "$T/idn2.db" add "$IDN/atom.xml" >"$T/out" 2>"$T/err"
expect_eq "add fetches a feed on an IDN host" $? 0

# 20,000 feeds (issue 11 item 23): a first start and an import stay linear
# (test_store counts the cache's work; here the commands do all of it)
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "https://feed%d.example/rss tag%d\n", i, i % 7 }' \
    >"$T/many"
"$TIDINGS" --feeds "$T/many" --cache "$T/many.db" --config "$T/config" feeds >"$T/out" 2>"$T/err"
expect_eq "first start with 20,000 feeds" "$(wc -l <"$T/out")" 20000
expect_eq "in the file's order" "$(sed -n '20000p' "$T/out" | cut -f5)" "https://feed19999.example/rss"
awk 'BEGIN { print "<opml version=\"2.0\"><head/><body>";
    for (i = 0; i < 20000; i++)
	printf "<outline text=\"F%d\" xmlUrl=\"https://o%d.example/rss\" htmlUrl=\"https://o%d.example/\"/>\n", i, i, i;
    print "</body></opml>" }' >"$T/many.opml"
: >"$T/manyfeeds"
"$TIDINGS" --feeds "$T/manyfeeds" --cache "$T/many2.db" --config "$T/config" \
    import "$T/many.opml" >"$T/out" 2>"$T/err"
check "import of 20,000 outlines" grep -q "imported 20000 new feeds of 20000" "$T/err"
expect_eq "with their sites" "$(sql "$T/many2.db" "select count(site) from feeds")" 20000

# --quiet prints errors only
tid poll --quiet --no-articles >"$T/out" 2>"$T/err"
check "--quiet: no summary" sh -c "! grep -q 'feeds:' '$T/err'"
check "--quiet: errors still printed" grep -q "HTTP 404" "$T/err"

finish
