#!/bin/sh
# The commands part of issue 13 in the reader (tmux): the browser line runs
# through /bin/sh -c as newsboat runs it ("~/bin/x", quotes, redirections,
# "&"), the URL only ever as "$1" (hostile links run nothing), and the
# link list, goto-url, one..zero, external-url-viewer, pipe-to, save,
# bookmark and the background browser.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www" "$HOME/bin"
httpd_start "$T/www" || exit 1
# hostile links: each tries to create $T/pwned through a shell
"$PYTHON3" - "$T/www/feed.xml" "$T/pwned" <<'PY'
import sys, html
path, m = sys.argv[1], sys.argv[2]
links = [f"http://127.0.0.1:9/a?x=$(touch {m})",
         f"http://127.0.0.1:9/b?x=`touch {m}`",
         f"http://127.0.0.1:9/c?x=';touch {m};'",
         f'http://127.0.0.1:9/d?x=";touch {m};"']
body = ('<p>Body %d <a href="https://one.example/first">first</a> and '
        '<a href="https://two.example/">second</a></p>')
items = "".join(
    "<item><title>Item %d</title><guid>g%d</guid><link>%s</link>"
    "<pubDate>Tue, %02d Jan 2024 10:00:00 +0000</pubDate>"
    "<description>%s</description></item>"
    % (i, i, html.escape(u), i, html.escape(body % i))
    for i, u in enumerate(links, 1))
open(path, "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f'<title>Gamma</title>{items}</channel></rss>')
PY
printf '%s\n' "$HTTPD_URL/feed.xml" > "$T/feeds"

# a stand-in browser in ~/bin that records its arguments, one a line
cat > "$HOME/bin/x" <<SH
#!/bin/sh
{ echo "\$#"; printf '%s\n' "\$@"; } > "$T/out.tmp" && mv "$T/out.tmp" "$T/out"
SH
chmod +x "$HOME/bin/x"
# one that appends its arguments to $T/log, and an URL viewer that keeps
# what it was given on stdin
cat > "$HOME/bin/log" <<SH
#!/bin/sh
printf '[%s]' "\$@" >> "$T/log"; echo >> "$T/log"
SH
cat > "$HOME/bin/viewer" <<SH
#!/bin/sh
cat > "$T/viewer.tmp" && mv "$T/viewer.tmp" "$T/viewer"
SH
# a bookmark command that says whether it has the terminal
cat > "$HOME/bin/bm" <<SH
#!/bin/sh
t=notty; if [ -t 0 ] && [ -t 1 ]; then t=tty; fi
{ echo "\$t"; printf '[%s]' "\$@"; echo; } > "$T/bm.tmp" && mv "$T/bm.tmp" "$T/bm"
SH
chmod +x "$HOME/bin/log" "$HOME/bin/viewer" "$HOME/bin/bm"

# wait_file PATH: bounded wait for a file a background command writes
wait_file() {
	_i=0
	while [ ! -s "$1" ] && [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	[ -s "$1" ]
}

# stop_reader: quit the running reader (if any); in a sanitizer build its
# stderr must hold no report
stop_reader() {
	[ -f "$T/run.sh" ] || return 0
	[ -f "$T/exit" ] || keys Q
	check "the reader quit" wait_exit
	check "no sanitizer report" eval '! grep -E "Sanitizer|runtime error" "$T/stderr"'
}

# start_with BROWSER-LINE: the reader with that browser line, on Item N's
# article list
# (j and k move the cursor here, as in tidings 0.1: newsboat's j/k,
# next-feed and prev-feed in the article list, are keys.sh's)
start_with() {
	stop_reader
	cat > "$T/config" <<CFG
download-articles no
$1
bind-key u show-urls
bind-key "#" goto-url
bind-key 1 one
bind-key 2 two
bind-key b open-in-browser-noninteractively
bind-key j down
bind-key k up
CFG
	tui_start 100 24 BROWSER="$HOME/bin/x"
	check "reader started" wait_for "Feeds ("
}

TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

# each browser line as real newsboat configs write it; the item's link
# must reach the browser as one argument, exactly as the feed has it
i=0
for line in \
    'browser "~/bin/x %u"' \
    "browser \"~/bin/x '%u' >/dev/null 2>&1 &\"" \
    'browser "setsid ~/bin/x %u &>/dev/null &"' \
    "browser \"~/bin/x -a 'Google Chrome' \\\"%u\\\"\"" \
    'browser "$BROWSER"' \
    'browser "~/bin/x --title %T %u"'; do
	i=$((i + 1))
	rm -f "$T/out"
	start_with "$line"
	keys j Enter
	check "$i: the feed" wait_for "Gamma (4 items)"
	# the list is newest first: Item 4 (double quotes) then 3, 2, 1
	for n in 1 2 3 4; do
		rm -f "$T/out"
		keys o
		check "$i.$n: the browser ran ($line)" wait_file "$T/out"
		url=$(sed -n "$((n == 1 ? 4 : n == 2 ? 3 : n == 3 ? 2 : 1))p" <<URLS
http://127.0.0.1:9/a?x=\$(touch $T/pwned)
http://127.0.0.1:9/b?x=\`touch $T/pwned\`
http://127.0.0.1:9/c?x=';touch $T/pwned;'
http://127.0.0.1:9/d?x=";touch $T/pwned;"
URLS
)
		case $line in
		*Chrome*) want=$(printf '3\n-a\nGoogle Chrome\n%s' "$url") ;;
		*--title*) want=$(printf '3\n--title\nItem %d\n%s' $((5 - n)) "$url") ;;
		*) want=$(printf '1\n%s' "$url") ;;
		esac
		expect_eq "$i.$n: the URL as one argument" "$(cat "$T/out")" "$want"
		# keys typed while the browser ran are dropped (as newsboat
		# drops them): wait for the reader to be back, then move on,
		# leaving another message for the next round to wait past
		check "$i.$n: back in the reader" wait_line 24 "opened in the browser"
		keys S j
		check "$i.$n: moved on" wait_line 24 "starred"
	done
	check "$i: no link ran a command" test ! -e "$T/pwned"
done

# ---- the link list and the actions on links and articles ----
rm -f "$T/out"
start_with 'browser "~/bin/x %u"
bind-key | pipe-to
bind-key S save
bind-key B bookmark
bind-key W save-all
save-path "~/saved"
bookmark-cmd "~/bin/log"
urlview-title-format "%N links: %V"'
keys j Enter Enter
check "article of Item 4" wait_for "Item 4"
keys u
check "show-urls: the title from urlview-title-format" wait_line 1 "tidings links: "
check "show-urls: link 1" wait_for " 1  https://one.example/first"
check "show-urls: link 2" wait_for " 2  https://two.example/"
keys j Enter
check "ENTER opens the link under the cursor" wait_file "$T/out"
expect_eq "the link list's link" "$(cat "$T/out")" "$(printf '1\nhttps://two.example/')"
check "back from the browser" wait_line 24 "opened in the browser"
keys q
check "q: back in the article" wait_for "Body 4"
# from the article list too, as newsboat: the links of the item there
keys q j u
check "show-urls from the list: Item 3's links" wait_for " 2  https://two.example/"
keys q
check "q: back in the list" wait_for "Gamma (4 items)"
keys k Enter
check "the article again" wait_for "Body 4"
rm -f "$T/out"
keys '#'
check "goto-url asks for a number" wait_for "Goto URL #"
keys 1 Enter
check "goto-url opened link 1" wait_file "$T/out"
expect_eq "goto-url's link" "$(cat "$T/out")" "$(printf '1\nhttps://one.example/first')"
check "back from the browser again" wait_line 24 "opened in the browser"
keys '#' 9 Enter
check "goto-url: no such link" wait_for "no link 9 in this article (it has 2)"
rm -f "$T/out"
keys 2
check "two: link 2" wait_file "$T/out"
expect_eq "two's link" "$(cat "$T/out")" "$(printf '1\nhttps://two.example/')"
check "and back" wait_line 24 "opened in the browser"

# pipe-to: the article's text on the command's stdin
keys '|'
check "pipe-to asks for a command" wait_for "Pipe article to command:"
keys "cat > $T/piped" Enter
check "pipe-to ran" wait_file "$T/piped"
check "pipe-to: back in the reader" wait_line 24 "pipe-to: done"
check "the article reached its stdin" grep -q "Body 4 first" "$T/piped"
check "with its title" grep -q "^Item 4" "$T/piped"

# save: newsboat's file name under save-path, then overwrite asked
mkdir -p "$HOME/saved"
keys S
check "save suggests a file under save-path" wait_for "Save article to: $HOME/saved/Item_4.txt"
keys Enter
check "saved" wait_for "Saved article to $HOME/saved/Item_4.txt"
check "the file holds the article" grep -q "Body 4 first" "$HOME/saved/Item_4.txt"
keys S Enter
check "overwrite is asked" wait_for "Overwrite $HOME/saved/Item_4.txt? (y/n)"
keys n
check "n: not saved" wait_for "Aborted saving."
# restrict-filename no: the title as it is, blanks and all
keys : s e t Space r e s t r i c t - f i l e n a m e Space n o Enter
keys S
check "restrict-filename no: the title's blank stays" wait_for "Save article to: $HOME/saved/Item 4.txt"
keys Escape
check "the prompt is gone" wait_gone "Save article to:"
keys : s e t Space r e s t r i c t - f i l e n a m e Space y e s Enter

# bookmark: url, title, description, feed title as "$1".."$4"
rm -f "$T/log"
keys B
check "bookmark asks for the URL" wait_for "URL: http://127.0.0.1:9/d"
keys Enter
check "then the title" wait_for "Title: Item 4"
keys Enter
check "then a description" wait_for "Description:"
keys 'my $(touch pwned) notes' Enter
check "bookmark-cmd ran" wait_file "$T/log"
expect_eq "bookmark-cmd's arguments" "$(cat "$T/log")" \
    "[http://127.0.0.1:9/d?x=\";touch $T/pwned;\"][Item 4][my \$(touch pwned) notes][Gamma]"

# save-all: every item of the list into a directory, nothing overwritten
keys q W
check "save-all asks for a directory" wait_for "Save articles to directory: $HOME/saved"
keys Enter
check "save-all saved the four" wait_for "Saved 4 articles to $HOME/saved"
for n in 1 2 3; do
	check "Item $n saved" grep -q "Body $n first" "$HOME/saved/Item_$n.txt"
done
check "the earlier Item_4.txt is kept, the new one beside it" \
    test -s "$HOME/saved/Item_4.txt" -a -s "$HOME/saved/Item_4-2.txt"

# open-all-unread-in-browser-and-mark-read: at most max-browser-tabs, in
# the background; open-in-browser-noninteractively
rm -f "$T/log"
start_with 'browser "~/bin/log %u"
bind-key O open-all-unread-in-browser-and-mark-read
max-browser-tabs 2'
check "three unread" wait_for "Feeds (3 unread, 4 total)"
keys j O
check "two opened and marked read" wait_for "opened 2 unread items in the browser and marked them read"
check "the counts follow" wait_for "Feeds (1 unread, 4 total)"
_i=0
while [ "$(wc -l < "$T/log" 2>/dev/null || echo 0)" -lt 2 ] && [ "$_i" -lt 100 ]; do
	_i=$((_i + 1)); sleep 0.05
done
expect_eq "the two newest unread, each as one argument" "$(sort "$T/log")" "$(printf '%s\n' \
    "[http://127.0.0.1:9/b?x=\`touch $T/pwned\`]" \
    "[http://127.0.0.1:9/c?x=';touch $T/pwned;']" | sort)"
rm -f "$T/log"
keys Enter b
check "noninteractively: in the background" wait_for "opening in the browser (in the background)"
check "it ran" wait_file "$T/log"

# external-url-viewer: show-urls hands the article to it; bookmark-autopilot
# (goto-first-unread no: the cursor stays on the newest, read, item)
start_with 'external-url-viewer "~/bin/viewer"
bookmark-cmd "~/bin/log"
bookmark-autopilot yes
goto-first-unread no
bind-key B bookmark'
keys j Enter Enter
check "article of Item 4 again" wait_for "Body 4"
keys u
check "external-url-viewer got the article" wait_file "$T/viewer"
check "external-url-viewer: back in the reader" wait_line 24 "external-url-viewer: done"
check "with its links whole" grep -q "https://one.example/first" "$T/viewer"
check "and no list of ours" eval '! screen | grep -q " 1  https://one.example/first"'
rm -f "$T/log"
keys B
check "autopilot: no questions, bookmark-cmd ran" wait_file "$T/log"
expect_eq "autopilot's arguments" "$(cat "$T/log")" \
    "[http://127.0.0.1:9/d?x=\";touch $T/pwned;\"][Item 4][][Gamma]"

# notifications after a reload: notify-program gets notify-format's text
# as "$1", notify-xterm sets the window title; no news, no notification
rm -f "$T/log"
start_with 'notify-program "~/bin/log"
browser "~/bin/log %u"
notify-xterm yes
notify-format "%d new articles (%n unread, %f feeds) $(touch pwned)"'
sed 's|</channel>|<item><title>Item 5</title><guid>g5</guid><link>http://127.0.0.1:9/e</link></item></channel>|' \
    "$T/www/feed.xml" > "$T/www/feed.tmp" && mv "$T/www/feed.tmp" "$T/www/feed.xml"
keys R
check "reloaded" wait_for "reloaded: 1 new items"
check "notify-program ran" wait_file "$T/log"
expect_eq "with the message as one argument" "$(cat "$T/log")" \
    '[1 new articles (2 unread, 1 feeds) $(touch pwned)]'
check "notify-xterm: the title" eval '[ "$(tm display -p "#{pane_title}")" = "1 new articles (2 unread, 1 feeds) \$(touch pwned)" ]'
rm -f "$T/log"
keys R
check "reloaded again" wait_for "reloaded: 0 new items"
# a background browser run after it: the log then holds its line alone
keys Enter Enter b
check "the browser's line" wait_file "$T/log"
expect_eq "no news: no notification" "$(cat "$T/log")" "[http://127.0.0.1:9/e]"

# bookmark-interactive: bookmark-cmd gets the terminal
start_with 'bookmark-cmd "~/bin/bm"
bookmark-autopilot yes
bookmark-interactive yes
goto-first-unread no
bind-key B bookmark'
keys j Enter Enter
check "article of Item 5" wait_for "Title: Item 5"
keys B
check "bookmark-interactive ran" wait_file "$T/bm"
expect_eq "on the terminal, with its four values" "$(cat "$T/bm")" \
    "$(printf 'tty\n[http://127.0.0.1:9/e][Item 5][][Gamma]')"
check "no link or answer ran a command" test ! -e "$T/pwned" -a ! -e pwned -a ! -e "$HOME/pwned"
stop_reader
finish
