#!/bin/sh
# End-to-end: the command line contract (files, feeds file, OPML, errors).
. "$top_srcdir/tests/lib.sh"

# usage and exit codes
out=$("$TIDINGS" --help); check "--help exits 0" [ $? -eq 0 ]
check "--help lists commands" contains "$out" "import [--allow-file] FILE.opml"
out=$("$TIDINGS" --version); expect_eq "--version" "$out" "tidings 0.1.0"
"$TIDINGS" frobnicate 2>"$T/err"; expect_eq "unknown command exits 2" $? 2
check "unknown command names it" grep -q "unknown command 'frobnicate'" "$T/err"
"$TIDINGS" --nope feeds 2>"$T/err"; expect_eq "unknown option exits 2" $? 2
"$TIDINGS" --cache 2>"$T/err"; expect_eq "option without value exits 2" $? 2

# first run: XDG files, mode 0700 directories, a default feeds file with samples
"$TIDINGS" feeds >"$T/feeds.out" 2>"$T/err"
expect_eq "first run exits 0" $? 0
check "feeds file created" [ -f "$XDG_CONFIG_HOME/tidings/feeds" ]
check "cache created" [ -f "$XDG_DATA_HOME/tidings/cache.db" ]
expect_eq "config dir mode 0700" "$(stat -c %a "$XDG_CONFIG_HOME/tidings")" 700
expect_eq "data dir mode 0700" "$(stat -c %a "$XDG_DATA_HOME/tidings")" 700
check "sample feeds listed" grep -q "kyiv-feed.xml" "$T/feeds.out"
expect_eq "feeds output has 7 tab-separated columns (the 7th: articles to fetch)" \
    "$(head -1 "$T/feeds.out" | awk -F'\t' '{print NF}')" 7

# the default feeds show real headlines with no network (sample feeds)
"$TIDINGS" poll --no-articles --quiet >/dev/null 2>&1
check "sample headlines after the first poll" sh -c "'$TIDINGS' items | grep -q 'Iranian president-elect assures Putin'"

# a newsboat urls file works unchanged; add/remove keep comments and order
cat >"$T/urls" <<'URLS'
# newsboat urls file
https://one.example/feed.xml news "world news"

"query:Unread:unread = \"yes\""
file:///nonexistent/two.atom "~Two"
URLS
cp "$T/urls" "$T/urls.orig"
"$TIDINGS" --feeds "$T/urls" --cache "$T/c.db" feeds >"$T/out" 2>"$T/err"
expect_eq "newsboat urls file: exit 0" $? 0
expect_eq "newsboat urls file: two feeds, then the query feed (id -1)" "$(cut -f1 "$T/out" | tr '\n' ' ')" "1 2 -1 "
check "custom title shown" grep -q "	Two	file:///nonexistent/two.atom	never polled" "$T/out"
# a query feed is a feed of the reader (no warning), not a line to poll
check "query feed taken without a warning" sh -c "! grep -q 'urls:4' '$T/err'"
check "feeds file untouched by reading" cmp -s "$T/urls" "$T/urls.orig"
"$TIDINGS" --feeds "$T/urls" --cache "$T/c.db" add file:///tmp/three.xml tech "a b" 2>/dev/null
"$TIDINGS" --feeds "$T/urls" --cache "$T/c.db" remove https://one.example/feed.xml 2>/dev/null
expect_eq "add/remove keep the rest" "$(cat "$T/urls")" "# newsboat urls file

\"query:Unread:unread = \\\"yes\\\"\"
file:///nonexistent/two.atom \"~Two\"
file:///tmp/three.xml tech \"a b\""
"$TIDINGS" --feeds "$T/urls" --cache "$T/c.db" remove https://gone.example/ 2>"$T/err"
expect_eq "remove of an unknown URL exits 2" $? 2
"$TIDINGS" --feeds "$T/urls" --cache "$T/c.db" add 'javascript:alert(1)' 2>"$T/err"
expect_eq "add refuses non-web URLs" $? 2

# OPML from another reader: import, export, import again gives the same
cat >"$T/other.opml" <<'OPML'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Exported from another reader</title></head>
  <body>
    <outline text="Tech" title="Tech">
      <outline text="LWN" title="LWN.net" type="rss" xmlUrl="https://lwn.net/headlines/rss" htmlUrl="https://lwn.net/"/>
      <outline text="Linux">
        <outline text="Kernel" type="rss" xmlUrl="https://kernel.example/feed"/>
      </outline>
    </outline>
    <outline text="Plain &amp; simple" type="rss" xmlUrl="https://plain.example/rss?a=1&amp;b=2"/>
  </body>
</opml>
OPML
"$TIDINGS" --feeds "$T/f2" --cache "$T/c2.db" import "$T/other.opml" 2>"$T/err"
expect_eq "import exits 0" $? 0
check "import keeps nested folders as tags" grep -q '^https://kernel.example/feed Tech Linux "~Kernel"$' "$T/f2"
check "import keeps titles" grep -q '^https://lwn.net/headlines/rss Tech "~LWN.net"$' "$T/f2"
check "import decodes entities" grep -q '^https://plain.example/rss?a=1&b=2 "~Plain & simple"$' "$T/f2"
"$TIDINGS" --feeds "$T/f2" --cache "$T/c2.db" export >"$T/export.opml"
check "export is OPML 2.0" grep -q '<opml version="2.0">' "$T/export.opml"
check "export keeps htmlUrl" grep -q 'htmlUrl="https://lwn.net/"' "$T/export.opml"
"$TIDINGS" --feeds "$T/f3" --cache "$T/c3.db" import "$T/export.opml" 2>/dev/null
expect_eq "export then import gives the same feeds, titles and tags" \
    "$(grep -v '^#' "$T/f3" | grep . | sort)" "$(grep -v '^#' "$T/f2" | grep . | sort)"
printf '<opml><body>\n<outline xmlUrl="x">\n</body>' >"$T/bad.opml"
"$TIDINGS" --feeds "$T/f4" --cache "$T/c4.db" import "$T/bad.opml" 2>"$T/err"
expect_eq "malformed OPML exits 2" $? 2
check "malformed OPML names file and line" grep -q "bad.opml:[0-9]*: " "$T/err"
expect_eq "malformed OPML error is one line" "$(wc -l <"$T/err")" 1

# a corrupt or foreign cache: one line naming it, bytes unchanged
printf 'not a database at all\n' >"$T/foreign.db"
cp "$T/foreign.db" "$T/foreign.orig"
"$TIDINGS" --feeds "$T/urls" --cache "$T/foreign.db" feeds 2>"$T/err"
expect_eq "foreign cache exits 2" $? 2
expect_eq "foreign cache: one line" "$(wc -l <"$T/err")" 1
check "foreign cache named" grep -q "$T/foreign.db: not a tidings cache" "$T/err"
check "foreign cache untouched" cmp -s "$T/foreign.db" "$T/foreign.orig"
check "no WAL file left beside it" [ ! -e "$T/foreign.db-wal" ]
"$PYTHON3" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()" "$T/other.db"
cp "$T/other.db" "$T/other.orig"
"$TIDINGS" --feeds "$T/urls" --cache "$T/other.db" items 2>"$T/err"
expect_eq "another program's database exits 2" $? 2
check "another program's database untouched" cmp -s "$T/other.db" "$T/other.orig"
check "another program's database named" grep -q "other.db: not a tidings cache" "$T/err"

# bad feeds-file lines never stop the rest
printf 'https://ok.example/rss\n"unterminated\ngopher://x/\n' >"$T/badfeeds"
"$TIDINGS" --feeds "$T/badfeeds" --cache "$T/c5.db" feeds >"$T/out" 2>"$T/err"
expect_eq "bad feeds lines: still exit 0" $? 0
# an open quote runs to the end of the line, as in newsboat: the word
# "unterminated" has no scheme, so the line is a heading (issue 13 item 7)
check "open quote read as newsboat reads it, no warning" sh -c "! grep -q 'badfeeds:2' '$T/err'"
check "bad line 3 reported" grep -q "badfeeds:3: not an http, https or file URL" "$T/err"
check "good feed still listed" grep -q "https://ok.example/rss" "$T/out"

# a feed taken out of the feeds file by hand is hidden, not lost; cleanup
# deletes it; the feed list follows the file's order
S=$top_srcdir/data/samples
printf 'file://%s/kyiv-feed.xml\nfile://%s/kyiv-feed.atom\n' "$S" "$S" >"$T/hand"
th() { "$TIDINGS" --feeds "$T/hand" --cache "$T/hand.db" "$@"; }
th poll --no-articles --quiet >/dev/null 2>&1
expect_eq "two sample feeds: 24 items" "$(th items | wc -l)" 24
starred=$(th items --feed 1 | head -n 1 | cut -f1)
sql "$T/hand.db" "UPDATE items SET starred = 1, read = 1 WHERE id = $starred"
printf 'file://%s/kyiv-feed.atom\n' "$S" >"$T/hand"
expect_eq "a feed taken out of the file: its items are hidden" "$(th items | wc -l)" 12
expect_eq "... from search too" "$(th search kyiv | wc -l)" 12
expect_eq "... and from the feed list" "$(th feeds | wc -l)" 1
printf 'file://%s/kyiv-feed.atom\nfile://%s/kyiv-feed.xml\n' "$S" "$S" >"$T/hand"
expect_eq "put back: all items again" "$(th items | wc -l)" 24
expect_eq "... with its read and starred state" \
    "$(sql "$T/hand.db" "SELECT read, starred FROM items WHERE id = $starred")" "1	1"
expect_eq "the cache's feed order follows the file" \
    "$(sql "$T/hand.db" "SELECT id FROM feeds WHERE listed ORDER BY position" | tr '\n' ' ')" "2 1 "
printf 'file://%s/kyiv-feed.atom\n' "$S" >"$T/hand"
th cleanup 2>"$T/err"
expect_eq "cleanup refuses while a dropped feed holds a starred item (exit 2)" $? 2
check "... and says so" grep -q "1 feed no longer in .*hand holds 1 starred item; nothing deleted" "$T/err"
expect_eq "... deleting nothing" "$(sql "$T/hand.db" "SELECT count(*) FROM items")" 24
th cleanup --force 2>"$T/err"
expect_eq "cleanup --force exits 0" $? 0
check "cleanup says what it deleted" grep -q "deleted 1 feed no longer in .*hand, with 12 items (1 starred)" "$T/err"
expect_eq "cleanup deleted the feed's rows" "$(sql "$T/hand.db" "SELECT count(*) FROM items")" 12
: >"$T/hand"
th cleanup 2>"$T/err"
expect_eq "cleanup with an empty feeds file refuses (exit 2)" $? 2
expect_eq "... and deletes nothing" "$(sql "$T/hand.db" "SELECT count(*) FROM items")" 12
"$TIDINGS" --feeds "$T/missing" --cache "$T/hand.db" remove "file://$S/kyiv-feed.atom" 2>"$T/err"
expect_eq "remove with a missing feeds file deletes nothing (exit 2)" $? 2
expect_eq "... the items are still there" "$(sql "$T/hand.db" "SELECT count(*) FROM items")" 12
th remove "file://$S/kyiv-feed.atom" 2>"$T/err"
expect_eq "remove of a cached feed no longer in the file exits 0" $? 0
check "... and says so" grep -q "from the cache (it was not in" "$T/err"
expect_eq "... and deletes its rows" "$(sql "$T/hand.db" "SELECT count(*) FROM items")" 0

# one option syntax: every command's options take "--opt VALUE" and
# "--opt=VALUE" (issue 12), with the same errors
printf 'file://%s/kyiv-feed.xml\n' "$S" >"$T/opt"
to() { "$TIDINGS" --feeds="$T/opt" --cache="$T/opt.db" "$@"; }
to poll --jobs=2 --no-articles --quiet >/dev/null 2>&1
expect_eq "poll --jobs=2 exits 0" $? 0
expect_eq "items --limit=3" "$(to items --limit=3 | wc -l)" 3
expect_eq "items --limit 3 (the same)" "$(to items --limit 3 | wc -l)" 3
expect_eq "items --feed=1 --limit=2" "$(to items --feed=1 --limit=2 | wc -l)" 2
expect_eq "items --tag= (no feed has the empty tag)" "$(to items --tag= | wc -l)" 0
expect_eq "search --limit=1" "$(to search kyiv --limit=1 | wc -l)" 1
id=$(to items --limit=1 | cut -f1)
check "show --width=30 wraps the body (not as --width 200)" \
    [ "$(to show --width=30 "$id" 2>&1)" != "$(to show --width 200 "$id" 2>&1)" ]
check "show --width=30 is the same as --width 30" \
    [ "$(to show --width=30 "$id" 2>&1)" = "$(to show --width 30 "$id" 2>&1)" ]
to items --limit=x 2>"$T/err"; expect_eq "items --limit=x exits 2" $? 2
check "items --limit=x says it needs a number" grep -q "items: --limit needs a number, not 'x'" "$T/err"
to items --unread=yes 2>"$T/err"; expect_eq "a flag given a value exits 2" $? 2
check "... and says it takes none" grep -q "items: --unread takes no value" "$T/err"
to poll --jobs 2>"$T/err"; expect_eq "poll --jobs without a number exits 2" $? 2
check "... and says so" grep -q "poll: --jobs needs a number" "$T/err"
to poll --jobs=0 2>"$T/err"; expect_eq "poll --jobs=0 exits 2" $? 2
check "... a bad number" grep -q "poll: bad number '0'" "$T/err"
to search kyiv --limit 2>"$T/err"; expect_eq "search --limit without a number exits 2" $? 2
check "... and says so" grep -q "search: --limit needs a number" "$T/err"
to cleanup --force=1 2>"$T/err"; expect_eq "cleanup --force=1 exits 2" $? 2
expect_eq "search -word is a query word, not an option" \
    "$(to search kyiv -kyiv 2>/dev/null | wc -l)" 0
K=$top_srcdir/tests/data/article/kyiv-article.html
"$TIDINGS" extract --width=30 --base=https://base.example/a/ "$K" >"$T/out" 2>"$T/err"
expect_eq "extract --width=30 --base=URL exits 0" $? 0
"$TIDINGS" extract --width 30 --base https://base.example/a/ "$K" >"$T/out2" 2>&1
check "extract: --opt=VALUE gives what --opt VALUE gives" cmp -s "$T/out" "$T/out2"
"$TIDINGS" extract --width 80 --base https://base.example/a/ "$K" >"$T/out2" 2>&1
check "... and the width was taken (80 columns differ)" sh -c "! cmp -s '$T/out' '$T/out2'"

# show and the reader choose the body alike (app/article_body): an empty
# content gives the feed's summary, not nothing (issue 12)
sql "$T/opt.db" "UPDATE items SET content_html = '', summary_html = '<p>Only the summary here.</p>' WHERE id = $id"
to show --width=60 "$id" >"$T/out" 2>"$T/err"
expect_eq "show of an item with an empty content exits 0" $? 0
check "... shows the summary" grep -q "Only the summary here." "$T/out"
check "... and says it is the summary" grep -q "item $id: article not cached (not downloaded yet); showing the feed's summary" "$T/err"
sql "$T/opt.db" "UPDATE items SET content_html = '<p>The content.</p>' WHERE id = $id"
to show "$id" >"$T/out" 2>"$T/err"
check "a content, when there is one, comes first" grep -q "The content." "$T/out"
check "... and show says so" grep -q "showing the feed's content" "$T/err"

finish
