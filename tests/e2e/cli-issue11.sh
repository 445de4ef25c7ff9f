#!/bin/sh
# The command line's fixes from issue 11 (items 28, 29, 31): option errors,
# a feed id that names no feed, config and feeds-file warnings (where they
# are printed and where not), tables as wide as the terminal, and show
# saying when it has no downloaded article.
. "$top_srcdir/tests/lib.sh"

mkdir -p "$T/www"
httpd_start "$T/www" || exit 1
long="A headline long enough to need more than eighty columns on a terminal, and then some more words at its end"
cat > "$T/www/feed.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Gamma</title>
<item><title>$long</title><guid>g1</guid><link>http://127.0.0.1:9/1</link>
<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate><description>The feed's own summary. One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty and then the zeppelin landed near the old harbour wall.</description></item>
</channel></rss>
XML
# line 2 is not a URL tidings reads: a feeds-file warning
printf '%s\ngopher://example.org/feed\n' "$HTTPD_URL/feed.xml" > "$T/feeds"
printf 'download-articles no\nfrobnicate yes\nbind-key x open article\n' > "$T/config"
A="--feeds $T/feeds --cache $T/cache.db --config $T/config"

# 29: poll --quiet prints no feeds-file warnings (cron mails whatever it prints)
"$TIDINGS" --feeds "$T/feeds" --cache "$T/cache.db" --config /dev/null poll --quiet \
    >"$T/out" 2>"$T/err"
expect_eq "poll --quiet exits 0" $? 0
expect_eq "poll --quiet prints no warnings" "$(cat "$T/out" "$T/err")" ""
# 28: ... but a poll without --quiet names the broken config line, and the
# feeds file's
"$TIDINGS" $A poll >/dev/null 2>"$T/err"
check "poll reports the broken config line" grep -qx 'tidings: config:2: unknown option "frobnicate"' "$T/err"
check "poll reports the feeds file's warning" grep -q "feeds:2: not an http, https or file URL" "$T/err"
"$TIDINGS" $A feeds >/dev/null 2>"$T/err"
check "feeds reports the feeds file's warning" grep -q "feeds:2: not an http, https or file URL" "$T/err"
# 29: commands that only read the cache do not repeat it every time
"$TIDINGS" $A items >/dev/null 2>"$T/err"
expect_eq "items prints no feeds-file warning" "$(cat "$T/err")" ""
"$TIDINGS" $A search headline >/dev/null 2>"$T/err"
expect_eq "search prints no feeds-file warning" "$(cat "$T/err")" ""

# 28: tidings keys shows view-specific bindings and the config's warnings
"$TIDINGS" $A keys >"$T/out" 2>"$T/err"
expect_eq "keys exits 0" $? 0
check "keys shows a binding of the article view" grep -qF '| `open` | `ENTER` | `ENTER` | `x` | `ENTER` | |' "$T/out"
check "keys reports the broken config line" grep -qx 'tidings: config:2: unknown option "frobnicate"' "$T/err"
# the fuzzer's config seed: its warning is named after the file
"$TIDINGS" --config "$top_srcdir/tests/data/hostile/config-browser-shell" keys >"$T/out" 2>"$T/err"
check "a view-specific binding from the seed" grep -qF '| `pagedown` | `NPAGE` | `NPAGE` | `SPACE` `^D` `NPAGE` | `NPAGE` |' "$T/out"
check "its bad line, by file name and line" grep -qx 'tidings: config-browser-shell:10: unknown option "frobnicate"' "$T/err"

# 31: items' options
"$TIDINGS" $A items --limit >/dev/null 2>"$T/err"
expect_eq "items --limit without a number exits 2" $? 2
check "items --limit says it needs a number" grep -q "items: --limit needs a number" "$T/err"
"$TIDINGS" $A items --limit x >/dev/null 2>"$T/err"
check "items --limit x says it needs a number" grep -q "items: --limit needs a number, not 'x'" "$T/err"
"$TIDINGS" $A items --feed 999 >"$T/out" 2>"$T/err"
expect_eq "items --feed 999 exits 2" $? 2
check "items --feed 999 says there is no such feed" grep -q "items: no feed 999" "$T/err"
"$TIDINGS" $A items --feed 1 >"$T/out" 2>"$T/err"
expect_eq "items --feed 1 exits 0" $? 0
expect_eq "items --feed 1 lists its item" "$(wc -l < "$T/out")" 1

# 29: show says the article was not downloaded (the first poll tried the
# link, a closed port), on stderr (stdout keeps its shape)
id=$(cut -f1 "$T/out")
"$TIDINGS" $A show "$id" >"$T/out" 2>"$T/err"
expect_eq "show exits 0" $? 0
check "show says the article is not cached" grep -q "item $id: article not cached (the download failed); showing the feed's summary" "$T/err"
check "and shows the feed's summary" grep -q "The feed's own summary." "$T/out"

# 29: tables as wide as the terminal (its window size, not only $COLUMNS)
on_tty() {
	"$PYTHON3" - "$@" <<'PY'
import fcntl, os, pty, struct, sys, termios
cols = int(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    os.execv(sys.argv[2], sys.argv[2:])
out = b""
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r", ""))
PY
}
on_tty 160 "$TIDINGS" $A items > "$T/out"
check "items on a 160-column terminal shows the whole title" grep -qF "$long" "$T/out"
on_tty 80 "$TIDINGS" $A items > "$T/out"
check "items on an 80-column terminal cuts it" grep -qF "A headline long enough" "$T/out"
check "at 80 columns" test "$(awk '{ print length($0) }' "$T/out" | sort -n | tail -1)" -le 80
on_tty 160 "$TIDINGS" $A search headline > "$T/out"
check "search on a 160-column terminal shows the whole title" grep -qF "$long" "$T/out"
# 32: the snippet line shows the match, at 80 columns too
on_tty 80 "$TIDINGS" $A search zeppelin > "$T/out"
check "search's snippet line shows the match at 80 columns" grep -qF "the [zeppelin] landed" "$T/out"

finish
