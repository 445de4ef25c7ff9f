#!/bin/sh
# End-to-end: one sanitiser on every path to the terminal, and passwords in
# feed URLs shown nowhere (issue 11 items 1, 4 and 8).  A web page whose
# <link href> holds OSC 0 / OSC 52 / ESC[2J / C1 / bidi characters given to
# `tidings add`, hostile OPML, config and feeds-file lines, and a feed
# fetched with a password whose relative links must not inherit it.
. "$top_srcdir/tests/lib.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || cannot_run "python3 is needed for the test server"

main() {

www=$T/www
mkdir -p "$www"
httpd_start "$www" || { not_ok "test server starts"; finish; exit 1; }
U=$HTTPD_URL
feeds=$T/feeds
db=$T/cache.db
: >"$T/config"
: >"$feeds"
tid() { "$TIDINGS" --feeds "$feeds" --cache "$db" --config "$T/config" "$@"; }


printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>
<item><guid>g1</guid><title>one</title><link>%s/one</link></item></channel></rss>\n' "$U" \
    >"$www/good.xml"

# --- item 1: tidings add PAGE with hostile hrefs ------------------------
# absolute hrefs (a relative one is percent-encoded by the resolver) with
# raw OSC 0 (window title), OSC 52 (clipboard), ESC[2J (clear screen), a
# UTF-8 C1 CSI and a right-to-left override, then the one good feed
"$PYTHON3" - "$www/page.html" "$U" <<'PY'
import sys
path, u = sys.argv[1], sys.argv[2]
bad = ["\x1b]0;PWNED-TITLE\x07", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J\x1b[H",
       "\u009b2J", "\u202egpj.xml", "\u200fx.xml", "\u061cx.xml"]
links = "".join('<link rel="alternate" type="application/rss+xml" title="t%d\x1b]0;T\x07" '
                'href="%s/feed%s">\n' % (i, u, b) for i, b in enumerate(bad))
links += ('<link rel="alternate" type="application/rss+xml" title="Good \x1b[2J\u202e" '
          'href="%s/good.xml">\n' % u)
open(path, "w", encoding="utf-8").write(
    "<!DOCTYPE html><html><head>%s</head><body><p>hi</p></body></html>\n" % links)
PY
tid add "$U/page.html" >"$T/add.out" 2>&1
rc=$?
expect_eq "add PAGE with hostile hrefs exits 0" "$rc" 0
check "add PAGE output (stdout and stderr) is terminal-safe" terminal_safe "$T/add.out"
check "add PAGE output has no ESC byte" sh -c "! grep -q \"\$(printf '\\033')\" '$T/add.out'"
check "the feeds file is terminal-safe" terminal_safe "$feeds"
expect_eq "only the good feed is subscribed" "$(grep -c . "$feeds")" 1
check "the good feed is the one added" grep -qx "$U/good.xml" "$feeds"

# a feed URL holding control, C1 or bidi characters is refused
for bad in "$U/x$(printf '\033')]0;T$(printf '\007')" "$U/x$(printf '\302\233')2J" \
    "$U/x$(printf '\342\200\256')lmx" "$U/x$(printf '\342\200\217')"; do
	tid add "$bad" >"$T/addbad.out" 2>&1
	rc=$?
	expect_eq "add refuses a URL with control/C1/bidi characters" "$rc" 2
	check "the refusal is terminal-safe" terminal_safe "$T/addbad.out"
done
expect_eq "nothing more subscribed" "$(grep -c . "$feeds")" 1

# --- import: skipped lines are sanitised; bad URLs refused --------------
cat >"$T/in.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline type="rss" text="c1" xmlUrl="$U/a&#x9b;2J.xml"/>
<outline type="rss" text="bidi" xmlUrl="$U/b&#x202e;lmx.xml"/>
<outline type="rss" text="lrm" xmlUrl="$U/c&#x200e;.xml"/>
<outline type="rss" text="scheme" xmlUrl="gopher://x/&#x9b;2J&#x202e;"/>
<outline type="rss" text="Title &#x9b;2J &#x202e;evil" xmlUrl="$U/good2.xml" htmlUrl="$U/"/>
</body></opml>
OPML
tid import "$T/in.opml" >"$T/import.out" 2>&1
check "import output is terminal-safe" terminal_safe "$T/import.out"
check "import says the bad URLs were skipped" grep -q "skipped" "$T/import.out"
cut -d' ' -f1 "$feeds" >"$T/urls"
check "the feeds file's URLs stay terminal-safe" terminal_safe "$T/urls"
expect_eq "import added only the clean URL" "$(grep -c . "$feeds")" 2
tid export >"$T/export.out" 2>&1
check "export output is terminal-safe" terminal_safe "$T/export.out"

# --- feeds-file and config warnings -------------------------------------
cp "$feeds" "$T/feeds.good"
printf '%s/z\033]0;FEEDS-TITLE\007.xml\n%s/y\342\200\256.xml\n' "$U" "$U" >>"$feeds"
printf 'frob\033]0;CONFIG-TITLE\007nicate yes\n' >"$T/config"
tid poll --no-articles >"$T/poll.out" 2>&1
check "feeds-file and config warnings are terminal-safe" terminal_safe "$T/poll.out"
check "the feeds-file warning is printed" grep -q "feeds:3:" "$T/poll.out"
check "the config warning is printed" grep -q "config:1:" "$T/poll.out"
tid feeds >"$T/feeds.out" 2>/dev/null
check "a feeds-file URL with controls or bidi is no feed" sh -c "! grep -q '/z\\|/y' '$T/feeds.out'"
cp "$T/feeds.good" "$feeds"
: >"$T/config"

# --- C1 controls in an XML title go alone (issue 11 item 2, XML half) ---
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>C1</title><item><guid>c1</guid><title>don\302\222t &#x9b;eat &#x98;the rest &#x9f;of it</title></item></channel></rss>\n' \
    >"$www/c1.xml"
printf '%s/c1.xml\n' "$U" >"$T/feeds.c1"
"$TIDINGS" --feeds "$T/feeds.c1" --cache "$T/c1.db" --config "$T/config" poll --quiet >/dev/null 2>&1
"$TIDINGS" --feeds "$T/feeds.c1" --cache "$T/c1.db" --config "$T/config" items >"$T/c1.out" 2>&1
# (references &#128;-&#159; are windows-1252 characters since markup/charref;
# the raw U+0092 goes alone)
check "a C1 control in a title eats none of the text after it" \
    grep -q "	dont .eat .the rest .of it	" "$T/c1.out"
check "and is not shown" terminal_safe "$T/c1.out"

# --- item 8: credentials ------------------------------------------------
# an untitled feed fetched with a password: relative item and site links,
# and a feed whose password holds an unencoded '/' (curl: malformed URL)
cat >"$www/auth.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><link>/site/</link>
<item><guid>a1</guid><title>relative</title><link>/post/1</link>
<description>&lt;p&gt;see &lt;a href="/post/2"&gt;two&lt;/a&gt;&lt;/p&gt;</description></item>
</channel></rss>
XML
HP=127.0.0.1:$HTTPD_PORT
printf 'http://alice:s3cr3tPW@%s/auth.xml\nhttp://bob:pa/ss3cr3tPW@%s/auth.xml\n' "$HP" "$HP" \
    >"$feeds"
tid poll --no-articles >"$T/cpoll.out" 2>&1
check "the feed with a password polls" test -n "$(sql "$db" "select id from items where guid = 'a1'")"
check "no password in poll output" sh -c "! grep -q 's3cr3tPW\|pa/s' '$T/cpoll.out'"
expect_eq "no password in any stored error" "$(sql "$db" "select count(*) from feeds where last_error like '%s3cr3tPW%' or last_error like '%pa/s%'")" 0
check "the malformed URL's error is stored" test -n "$(sql "$db" "select last_error from feeds where url like '%bob%'")"
expect_eq "the relative item link did not inherit the userinfo" \
    "$(sql "$db" "select url from items where guid = 'a1' limit 1")" "http://$HP/post/1"
expect_eq "the relative site link did not inherit the userinfo" \
    "$(sql "$db" "select site from feeds where url like '%alice%'")" "http://$HP/site/"
tid feeds >"$T/cfeeds.out" 2>&1
check "feeds shows no password" sh -c "! grep -q 's3cr3tPW\|pa/s' '$T/cfeeds.out'"
check "feeds still lists the feed" grep -q "http://$HP/auth.xml" "$T/cfeeds.out"
tid items >"$T/citems.out" 2>&1
check "items shows no password (feed column of an untitled feed, links)" \
    sh -c "! grep -q 's3cr3tPW\|pa/s' '$T/citems.out'"
id=$(head -n 1 "$T/citems.out" | cut -f1)
tid show "$id" --width 72 >"$T/cshow.out" 2>&1
check "show shows no password" sh -c "! grep -q s3cr3tPW '$T/cshow.out'"
check "show has the Link line" grep -q "^Link: http://$HP/post/1" "$T/cshow.out"
tid search relative >"$T/csearch.out" 2>&1
check "search finds the item" grep -q relative "$T/csearch.out"
check "search shows no password (feed column of an untitled feed)" \
    sh -c "! grep -q s3cr3tPW '$T/csearch.out'"
tid export >"$T/cexport.out" 2>&1
check "export's htmlUrl has no password" sh -c "! grep -o 'htmlUrl=\"[^\"]*\"' '$T/cexport.out' | grep -q s3cr3tPW"
check "export keeps the subscription (xmlUrl) whole" grep -q "xmlUrl=\"http://alice:s3cr3tPW@$HP/auth.xml\"" "$T/cexport.out"
check "the feeds file keeps the password for the request" grep -q "alice:s3cr3tPW@" "$feeds"

finish
}
main
