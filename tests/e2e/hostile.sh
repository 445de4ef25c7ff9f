#!/bin/sh
# End-to-end: hostile feeds and servers against the real binary (issue 7).
# Each check asserts the safe outcome: nothing the feed author wrote can
# drive the terminal (no ESC, no C1, no bidi control in any output), no
# local file leaks (XXE, redirect to file://), entity bombs and deep
# nesting cost bounded time, oversized and gzip-bomb responses are "too
# big", credentials in feed URLs are never printed, and no URL reaches a
# shell.
. "$top_srcdir/tests/lib.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || cannot_run "python3 is needed for the test server"

# The body is one function, read whole before it runs: the shell reads a
# script as it goes, and this tree's files may be rewritten (a checkout)
# while a long test runs.
main() {

www=$T/www
mkdir -p "$www"
SECRET=SECRET-XXE-5b81e2
printf '%s\n' "$SECRET" >"$T/secret.txt"
MARK=$T/pwned
httpd_start "$www" || { not_ok "test server starts"; finish; exit 1; }
U=$HTTPD_URL

# clean FILE: terminal-safe (tests/lib.sh), every bidi control included
clean() { terminal_safe "$1"; }

# --- the hostile feeds --------------------------------------------------
ESC=$(printf '\033')
BEL=$(printf '\007')
# titles and bodies with CSI, OSC 0/2 (window title), OSC 52 (clipboard),
# OSC 8 (hyperlink), 8-bit CSI (raw and as UTF-8 C1), bidi overrides, as
# raw bytes and as character references
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
	printf '<title>Esc%s]0;PWNED-WINDOW-TITLE%s feed</title><link>%s/</link>\n' "$ESC" "$BEL" "$U"
	printf '<item><guid>e1</guid><title>Red%s[31m title %s[2J%s]52;c;cm0gLXJmIH4=%s end</title>\n' \
	    "$ESC" "$ESC" "$ESC" "$BEL"
	printf '<link>%s/page?q=$(touch%%20%s)</link>\n' "$U" "$MARK"
	printf '<description>&lt;p&gt;Body &amp;#x1b;]0;t&amp;#x7; with &amp;#x9b;31m and &#x202e;reversed&#x202c; text&lt;/p&gt;</description></item>\n'
	printf '<item><guid>e2</guid><title>&#x1b;]2;window&#x7; &#x9b;1m bidi &#x202e;gnp.exe&#x202c; &#x2066;iso&#x2069;</title>\n'
	printf '<link>https://x/$(touch %s)</link>\n' "$MARK"
	printf '<description><![CDATA[<p>\302\2331m C1 \033]8;;http://evil/\033\\link\033]8;;\033\\ '
	printf '<a href="javascript:alert(1)">js link</a> <a href="data:text/html,x">data link</a> '
	printf '<a href="file:///etc/passwd">file link</a> <a href="https://ok.example/">good link</a></p>]]></description></item>\n'
	printf '<item><guid>e3</guid><title>Bad \377\376 UTF-8 \300\257 overlong \355\240\200 surrogate</title></item>\n'
	printf '</channel></rss>\n'
} >"$www/escapes.xml"

# a NUL byte in the middle of a title
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Nul feed</title><item><guid>n1</guid><title>before\000after</title></item><item><guid>n2</guid><title>second</title></item></channel></rss>\n' >"$www/nul.xml"

# XXE: an external entity naming a local file, and a parameter entity
cat >"$www/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "file://$T/secret.txt">
  <!ENTITY % pe SYSTEM "file://$T/secret.txt">
]>
<rss version="2.0"><channel><title>XXE &xxe;</title>
<item><guid>x1</guid><title>leak &xxe;</title><description>&xxe;</description></item>
</channel></rss>
XML

# billion laughs
{
	printf '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
	prev=lol
	for i in 1 2 3 4 5 6 7 8 9; do
		printf ' <!ENTITY lol%s "' "$i"
		for j in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
		printf '">\n'
		prev=lol$i
	done
	printf ']>\n<rss version="2.0"><channel><title>&lol9;</title>'
	printf '<item><guid>l1</guid><title>&lol9;</title><description>&lol9;</description></item></channel></rss>\n'
} >"$www/lol.xml"

# 100,000 nested elements inside an item
"$PYTHON3" - "$www/deep.xml" <<'PY'
import sys
n = 100000
with open(sys.argv[1], "w") as f:
    f.write('<rss version="2.0"><channel><title>Deep</title><item><guid>d1</guid><title>deep</title><description>')
    f.write("<x>" * n + "bottom" + "</x>" * n)
    f.write('</description></item></channel></rss>\n')
PY

# an item whose page redirects to file:///etc/passwd, and one with a
# javascript: link as its page
cat >"$www/pages.xml" <<XML
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Pages</title>
<item><guid>p1</guid><title>to file</title><link>$U/tofile</link></item>
<item><guid>p2</guid><title>js page</title><link>javascript:alert(1)</link></item>
<item><guid>p3</guid><title>file page</title><link>file://$T/secret.txt</link></item>
</channel></rss>
XML

HP=127.0.0.1:$HTTPD_PORT
feeds=$T/feeds
cat >"$feeds" <<EOF2
$U/escapes.xml
$U/nul.xml
$U/xxe.xml
$U/lol.xml
$U/deep.xml
$U/pages.xml
$U/big?mb=8
$U/bomb?mb=100
$U/tofile
http://alice:s3cr3tPW@$HP/status?code=401
http://bob:s3cr3tPW@127.0.0.1:1/closed.xml
https://carol:s3cr3tPW@$HP/tls-on-plain-port.xml
EOF2
printf 'max-download-size 2000000\ndownload-timeout 5\n' >"$T/config"
db=$T/cache.db
tid() { "$TIDINGS" --feeds "$feeds" --cache "$db" --config "$T/config" "$@"; }

start=$(date +%s)
tid poll >"$T/poll.out" 2>"$T/poll.err"
rc=$?
took=$(($(date +%s) - start))
expect_eq "poll with hostile feeds exits 1 (some failed), no crash" "$rc" 1
check "poll took bounded time ($took s)" test "$took" -lt 60
check "poll stderr is terminal-safe" clean "$T/poll.err"
check "no credentials in poll errors" sh -c "! grep -q s3cr3tPW '$T/poll.err'"
check "the 401 error line names the URL without its password" \
    grep -q "^tidings: http://$HP/status?code=401: HTTP 401" "$T/poll.err"

tid feeds >"$T/feeds.out"
st() { awk -F'\t' -v u="$1" '$5 == u { print $6 }' "$T/feeds.out"; }
check "feeds output is terminal-safe" clean "$T/feeds.out"
expect_eq "escape feed parsed" "$(st "$U/escapes.xml")" ok
expect_eq "XXE feed parsed (entity not loaded)" "$(st "$U/xxe.xml")" ok
check "billion laughs feed recorded" test -n "$(st "$U/lol.xml")"
check "deep feed recorded" test -n "$(st "$U/deep.xml")"
expect_eq "response over the size cap is too big" "$(st "$U/big?mb=8")" "too big"
expect_eq "gzip bomb is too big" "$(st "$U/bomb?mb=100")" "too big"
check "redirect to file:// is refused" sh -c "[ '$(st "$U/tofile")' != ok ]"
check "no credentials in any feed status" sh -c "! cut -f6 '$T/feeds.out' | grep -q s3cr3tPW"
check "the window-title OSC is not in the feed title" sh -c "! grep -q \"\$(printf '\\033')\" '$T/feeds.out'"

tid items >"$T/items.out"
check "items output is terminal-safe" clean "$T/items.out"
check "items were stored" test "$(wc -l <"$T/items.out")" -ge 6
check "the NUL feed's first item is there" grep -q "	before" "$T/items.out"
check "the item after the NUL is there too" grep -q "	second	" "$T/items.out"
check "the invalid UTF-8 title is stored, made valid" grep -q "	Bad .* UTF-8 .* overlong .* surrogate	" "$T/items.out"
: >"$T/show.out"
for id in $(cut -f1 "$T/items.out"); do
	tid show "$id" --width 72 >>"$T/show.out" 2>&1
	tid show "$id" --width 0 >>"$T/show.out" 2>&1
done
check "show output is terminal-safe" clean "$T/show.out"
check "show still shows the text around the escapes" grep -q "reversed" "$T/show.out"
check "javascript: link shown as text, not as a link" grep -q "js link" "$T/show.out"
check "no javascript:/data:/file: URL in a link list" \
    sh -c "! grep -Eq '^\[[0-9]+\] *(javascript|data|file|vbscript):' '$T/show.out'"
check "the https link is listed" grep -Eq '^\[[0-9]+\] https://ok.example/' "$T/show.out"
tid search lol >"$T/search.out" 2>&1
tid search title >>"$T/search.out" 2>&1
tid search reversed >>"$T/search.out" 2>&1
check "search output is terminal-safe" clean "$T/search.out"

# the XXE secret is nowhere: not in any output, not in the cache file
check "XXE: secret not in any output" \
    sh -c "! cat '$T'/*.out '$T/poll.err' | grep -q '$SECRET'"
check "XXE: secret not in the cache" sh -c "! cat '$db'* | grep -aq '$SECRET'"
check "redirect to file: /etc/passwd not in the cache" \
    sh -c "! cat '$db'* | grep -aq 'root:x:0:0'"
expect_eq "pages that are not http(s) are never fetched" \
    "$(sql "$db" "select count(*) from articles a join items i on i.id = a.item_id where i.guid in ('p2', 'p3') and a.status = 'ok'")" 0

# the bombs left a small cache
size=$(cat "$db"* | wc -c)
check "cache stays small after the bombs ($size bytes)" test "$size" -lt 20000000

# the $(touch) link never ran: not at poll (the page fetch), not later
check "no shell ran a feed URL" test ! -e "$MARK"

# the link is stored as written (test_hostile checks that the browser gets
# it as one argv element with no shell)
link=$(sql "$db" "select url from items where guid = 'e2'")
expect_eq "stored link kept as written" "$link" "https://x/\$(touch $MARK)"
check "still no marker file" test ! -e "$MARK"

expect_eq "integrity after the hostile poll" "$(sql "$db" "pragma integrity_check")" ok
finish
}
main
