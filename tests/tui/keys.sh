#!/bin/sh
# newsboat's keys in tmux (issue 13, keys): its default key map (j/k and
# ^N/^P go from feed to feed in the article list, N toggles read and
# moves on, n goes on to the next feed's unread item), bind-key J
# next-feed as 33 of 58 real configs write it, a macro of the census
# idiom "set browser X; open-in-browser; set browser Y" behind the ,
# prefix with its hint, bind with a key sequence and an operation list,
# and run-on-startup.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

# three feeds: Alpha 3 items, Beta 2, Gamma 2 (file:// feeds, no network)
for f in Alpha:3 Beta:2 Gamma:2; do
	name=${f%%:*} n=${f##*:}
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>' "$name"
		i=1
		while [ "$i" -le "$n" ]; do
			printf '<item><title>%s story %d</title><guid>%s-%d</guid>' "$name" "$i" "$name" "$i"
			printf '<link>https://example.com/%s/%d?x=$(touch pwned)</link>' "$name" "$i"
			printf '<pubDate>Tue, %02d Jan 2024 10:00:00 +0000</pubDate></item>' "$i"
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} > "$T/$name.xml"
	printf 'file://%s/%s.xml\n' "$T" "$name" >> "$T/feeds"
done
# browsers that record their argv, one element a line
for b in a b; do
	printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/browser-%s.out"\n' "$T" "$b" > "$T/browser-$b"
	chmod +x "$T/browser-$b"
done
cat > "$T/config" <<CFG
download-articles no
browser "$T/browser-a %u"
bind-key J next-feed articlelist
macro m set browser "$T/browser-b %u" ; open-in-browser ; set browser "$T/browser-a %u" -- "open in b"
macro x set browser "$T/browser-b %u"; toggle-article-read "read"
bind ZZ feedlist,articlelist hard-quit
run-on-startup next-unread
CFG
# an editor that records its arguments and adds a feed to the file
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Delta</title><item><title>Delta story 1</title><guid>d1</guid></item></channel></rss>\n' > "$T/Delta.xml"
cat > "$T/editor" <<SH
#!/bin/sh
printf '%s\n' "\$@" > "$T/editor.out"
for f; do :; done
printf 'file://%s\n' "$T/Delta.xml" >> "\$f"
SH
chmod +x "$T/editor"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll" "$TIDINGS" $TUI_ARGS poll --quiet

# wait_file FILE: 0 once FILE exists, bounded
wait_file() {
	_i=0
	while [ ! -e "$1" ] && [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	[ -e "$1" ]
}

# back_from_browser: 0 once the reader reads keys again after a browser
# had the terminal.  A key typed while the browser runs may be dropped
# when the reader takes the terminal back (under load the browser can
# still be running after it wrote its file), so v, which only names the
# open screens, is sent again until its answer shows; bounded.
back_from_browser() {
	_n=0
	while [ "$_n" -lt 10 ]; do
		keys v
		_i=0
		while [ "$_i" -lt 20 ]; do
			screen 2>/dev/null | grep -qF "open screens" && return 0
			_i=$((_i + 1))
			sleep 0.05
		done
		_n=$((_n + 1))
	done
	screen | sed 's/^/  | /' >&2
	return 1
}

# wait_sql DB QUERY WANT: 0 once the query answers WANT, bounded
wait_sql() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		[ "$(sql "$1" "$2")" = "$3" ] && return 0
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  timed out waiting for $2 to give $3" >&2
	return 1
}

# the row holding TEXT is the one under the cursor (reverse video)
focused() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if tm capture-pane -p -e | grep -F -- "$1" |
		    grep -Eq "$(printf '\033')\[([0-9]+;)*7(;[0-9]+)*m"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  timed out waiting for the cursor on: $1" >&2
	screen | sed 's/^/  | /' >&2
	return 1
}

# $EDITOR with an option of its own, as people set it
EDITOR="$T/editor -w"
export EDITOR
unset VISUAL
# wait_re REGEX: 0 once a line of the screen matches (grep -E), bounded
wait_re() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen 2>/dev/null | grep -Eq -- "$1" && return 0
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  timed out waiting for: $1" >&2
	screen | sed 's/^/  | /' >&2
	return 1
}

tui_start 100 20
check "start" wait_for "Feeds (7 unread, 7 total)"
check "run-on-startup ran next-unread: the cursor left All items" focused "Alpha"
check "no config warning" eval '! screen | grep -q "config:"'

# j/k and ^N/^P from feed to feed in the article list, J as bind-key said
keys Enter
check "Alpha's articles" wait_for "Alpha (3 items)"
keys j
check "j: next-feed" wait_for "Beta (2 items)"
keys k
check "k: prev-feed" wait_for "Alpha (3 items)"
keys J
check "J (bind-key J next-feed articlelist)" wait_for "Beta (2 items)"
keys C-p
check "^P: prev-unread-feed" wait_for "Alpha (3 items)"
keys C-n C-n
check "^N twice: the third feed" wait_for "Gamma (2 items)"
keys j
check "j on the last feed stays and says so" wait_for "this is the last feed"
keys k k
check "back to Alpha" wait_for "Alpha (3 items)"

# N toggles read and moves on (toggleitemread-jumps-to-next yes)
check "the first story under the cursor" focused "Alpha story 3"
keys N
check "N marks it read" wait_for "marked read"
check "and moves to the next" focused "Alpha story 2"
expect_eq "the toggled item is read" \
    "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Alpha-3'")" 1

# n past the feed's last unread item goes on to the next feed (goto-next-feed yes)
keys n
check "n: the next unread" focused "Alpha story 1"
keys n
check "n at the end of the feed: the next feed's list" wait_for "Beta (2 items)"
check "on its first unread item" focused "Beta story 2"

# the , prefix shows the macros; the census idiom opens in b, then a again
keys ,
check "macro- hint with the macro and its description" wait_for "macro- m:open in b x:set browser"
keys m
check "the macro opened the link" wait_for "opened in the browser"
expect_eq "in browser b, the URL one argument" "$(cat "$T/browser-b.out" 2>/dev/null)" \
    'https://example.com/Beta/2?x=$(touch pwned)'
check "no shell ran the URL" test ! -e pwned -a ! -e "$T/pwned"
keys o
check "o runs a browser" wait_file "$T/browser-a.out"
# (a key sent while the browser has the terminal may come back split:
# wait for the reader to read keys again)
check "the reader has the terminal again" back_from_browser
expect_eq "in browser a: the macro's last set stays, as newsboat does" \
    "$(cat "$T/browser-a.out" 2>/dev/null)" 'https://example.com/Beta/2?x=$(touch pwned)'
# an operation with an argument (toggle-article-read "read") and no set back
keys Down , x
check "toggle-article-read \"read\" in a macro" wait_for "marked read"
expect_eq "the macro marked Beta 1 read" \
    "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Beta-1'")" 1
keys , q
check "a key without a macro says so" wait_for "no macro on q"
keys '?'
check "the help lists the macros with their descriptions" \
    eval 'screen | grep -Eq "^ , m +macro +open in b"'
check "and the view's bind lines" eval 'screen | grep -Eq "^ ZZ +bind +hard-quit"'
check "a macro without one as its operations" \
    eval 'screen | grep -Eq "^ , x +macro +set browser \"/"'
keys q

# confirm-mark-feed-read (newsboat's default yes): n keeps the feed unread
keys A
check "A asks first" wait_for "Do you really want to mark this feed as read? (y/n)"
keys n
check "n answers no" wait_gone "Do you really want"
expect_eq "nothing marked" "$(sql "$T/cache.db" "SELECT read FROM items WHERE guid = 'Beta-2'")" 0

# goto-title (its prompt is the command line), any case
keys : g o t o - t i t l e Space B E T A Space S T O R Y Space 2 Enter
check "goto-title finds the title in any case" focused "Beta story 2"

# the dialogs: ^V goes round the open screens, v names them
keys Enter
check "an article" wait_for "Title: Beta story 2"
keys C-v
check "^V: the next open screen is the feed list" wait_for "Feeds ("
keys v
check "v names the open screens" wait_for "open screens (^V/^G go round): 1 feed list (here) 2 articles 3 article"
keys C-g
check "^G: back round to the article" wait_for "Title: Beta story 2"
keys q
check "back in the list" wait_gone "Title: "

# random-unread (^K) opens an unread article
keys C-k
check "^K opens one of the unread articles" wait_re "Title: (Alpha story [12]|Gamma story [12])$"
keys q q
check "the feed list" wait_for "Feeds ("

# edit-urls (E): $EDITOR on the feeds file, then the file is read again
keys E
check "the feeds file is read again: the feed the editor added is listed" wait_for "Delta"
expect_eq "the editor's own option, then the file as one argument" \
    "$(cat "$T/editor.out" 2>/dev/null)" "$(printf '%s\n' -w "$T/feeds")"

# delete-article (D) and delete-all-articles (^D, after confirm-delete-all-articles)
keys : 3 Enter Enter
check "Gamma's articles" wait_for "Gamma (2 items)"
keys D
check "D deletes the article" wait_for "article deleted"
check "the list lost it" wait_for "Gamma (1 item)"
keys C-d
check "^D asks first" wait_for "Do you really want to delete all articles? (y/n)"
keys y
check "^D deletes the rest" wait_for "every article deleted but the starred ones"
expect_eq "Gamma's items are gone from the cache" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%Gamma.xml'")" 0
keys q R
check "a reload of every feed" wait_for "reloaded:"
expect_eq "the reload does not bring them back" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url LIKE '%Gamma.xml'")" 0

# prevsearchresults (z): the search before this one
keys / A l p h a Enter
check "a search hit opened" wait_for "Title: Alpha story"
keys q
check "its results" wait_for "Search (3 results)"
keys / C-u D e l t a Enter
check "another search's hit" wait_for "Title: Delta story"
keys q
check "the second results" wait_for "Search (1 result)"
keys z
check "z says which search" wait_for "previous search: Alpha"
check "z: the first search's results again" wait_for "Search (3 results)"
# delete-article in the search results: the query runs again without it
keys D
check "D in the results deletes the hit" wait_for "Search (2 results)"
expect_eq "Alpha keeps 2 items" \
    "$(sql "$T/cache.db" "SELECT count(*) FROM items WHERE guid LIKE 'Alpha-%'")" 2
keys q
check "out of the search" wait_for "Feeds ("

# bind with a key sequence: Z waits for the next key, ESC drops it
keys Z
check "Z waits for the rest of ZZ" wait_for "Z-"
keys Escape
check "ESC drops the half-typed sequence" wait_gone "Z-"
check "still running" wait_for "Feeds ("
keys Z Z
check "ZZ runs its operation (hard-quit)" wait_exit
check "terminal restored" terminal_restored
check "nothing on stderr" test ! -s "$T/stderr"

# A second cache: Epsilon with 20 items for the moves that need a page,
# and actions newsboat leaves without keys, bound here.
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Epsilon</title>'
	i=1
	while [ "$i" -le 20 ]; do
		printf '<item><title>Epsilon story %d</title><guid>E-%d</guid>' "$i" "$i"
		printf '<link>https://example.com/E/%d</link>' "$i"
		printf '<pubDate>Sat, %02d Feb 2024 10:00:00 +0000</pubDate></item>' "$i"
		i=$((i + 1))
	done
	printf '</channel></rss>\n'
} > "$T/Epsilon.xml"
printf 'file://%s/Epsilon.xml\nfile://%s/Alpha.xml\n' "$T" "$T" > "$T/feeds2"
cat > "$T/config2" <<CFG
download-articles no
browser "$T/browser-a %u"
bind-key ^A mark-all-above-as-read articlelist
bind-key a article-feed
bind-key ^F halfpagedown
bind-key ^B halfpageup
openbrowser-and-mark-jumps-to-next-unread yes
goto-first-unread no
CFG
TUI_ARGS="--feeds $T/feeds2 --cache $T/cache2.db --config $T/config2"
check "poll the second cache" "$TIDINGS" $TUI_ARGS poll --quiet
rm -f "$T/browser-a.out"
tui_start 100 20
check "second start" wait_for "Feeds (23 unread, 23 total)"
keys : 1 Enter Enter
check "Epsilon's articles" wait_for "Epsilon (20 items)"
# 17 rows of list: half a page is 8
keys C-f
check "halfpagedown: 8 rows down" focused "Epsilon story 12"
keys C-a
check "mark-all-above-as-read" wait_for "8 items above marked read"
expect_eq "the 8 above are read, not the one under the cursor" \
    "$(sql "$T/cache2.db" "SELECT group_concat(guid) FROM (SELECT guid FROM items WHERE read = 1 ORDER BY published DESC)")" \
    "E-20,E-19,E-18,E-17,E-16,E-15,E-14,E-13"
keys C-b
check "halfpageup: back to the top" focused "Epsilon story 20"
keys O
check "O opened the link" wait_file "$T/browser-a.out"
check "the reader has the terminal again" back_from_browser
expect_eq "in the browser" "$(cat "$T/browser-a.out" 2>/dev/null)" "https://example.com/E/20"
check "and jumped to the next unread (openbrowser-and-mark-jumps-to-next-unread)" \
    focused "Epsilon story 12"
keys 5
check "5: the command line with 5 typed" wait_line 20 ":5"
keys Enter
check "line 5" focused "Epsilon story 16"
keys q : 0 Enter Enter
check "All items" wait_for "All items (23 items)"
keys a
check "article-feed: the item's own feed" wait_for "Epsilon (20 items)"
check "on that item" focused "Epsilon story 20"
keys Q
check "quit the second session" wait_exit
check "nothing on stderr in the second session" test ! -s "$T/stderr"


# A third cache: the options that change what these keys do, set to the
# value that is not newsboat's default (each check fails if the option is
# ignored): toggleitemread-jumps-to-next no keeps the cursor, -unread yes
# skips read items, goto-next-feed no keeps n in its feed, and without
# confirm-* ^D and C ask nothing; mark-as-read-on-hover yes (set on the
# command line) marks what the cursor rests on.
printf 'file://%s/Alpha.xml\nfile://%s/Beta.xml\n' "$T" "$T" > "$T/feeds3"
cat > "$T/config3" <<CFG
download-articles no
goto-first-unread yes
toggleitemread-jumps-to-next no
goto-next-feed no
confirm-delete-all-articles no
confirm-mark-all-feeds-read no
CFG
TUI_ARGS="--feeds $T/feeds3 --cache $T/cache3.db --config $T/config3"
check "poll the third cache" "$TIDINGS" $TUI_ARGS poll --quiet
tui_start 100 20
check "third start" wait_for "Feeds (5 unread, 5 total)"
keys : 1 Enter Enter
check "Alpha's articles" wait_for "Alpha (3 items)"
check "on the newest" focused "Alpha story 3"
keys Down N
check "N marks story 2 read" wait_for "marked read"
check "toggleitemread-jumps-to-next no: the cursor stays" focused "Alpha story 2"
keys Up : s e t Space t o g g l e i t e m r e a d - j u m p s - t o - n e x t - u n r e a d Space y e s Enter
check "back on story 3" focused "Alpha story 3"
keys N
check "N marks story 3 read" wait_for "marked read"
check "toggleitemread-jumps-to-next-unread yes: past the read story 2 to story 1" \
    focused "Alpha story 1"
keys n
check "goto-next-feed no: n at the feed's last unread item stays" wait_for "no more unread items"
check "still in Alpha" wait_for "Alpha (3 items)"
# mark-as-read-on-hover yes: the item under the cursor is read, as soon
# as the list shows it
expect_eq "Beta's items are unread" "$(sql "$T/cache3.db" "SELECT count(*) FROM items WHERE guid LIKE 'Beta-%' AND read = 0")" 2
keys :
keys -l "set mark-as-read-on-hover yes"
keys Enter
keys q : 2 Enter Enter
check "Beta's articles" wait_for "Beta (2 items)"
check "on Beta story 2" focused "Beta story 2"
check "mark-as-read-on-hover: the item under the cursor is read" \
    wait_sql "$T/cache3.db" "SELECT read FROM items WHERE guid = 'Beta-2'" 1
expect_eq "the other is not" "$(sql "$T/cache3.db" "SELECT read FROM items WHERE guid = 'Beta-1'")" 0
keys Down
check "and the next once the cursor is on it" \
    wait_sql "$T/cache3.db" "SELECT read FROM items WHERE guid = 'Beta-1'" 1
keys C-d
check "confirm-delete-all-articles no: ^D deletes at once" \
    wait_for "every article deleted but the starred ones"
check "without asking" eval '! screen | grep -q "Do you really"'
keys q C
check "confirm-mark-all-feeds-read no: C marks every feed read at once" \
    wait_for "every item marked read"
check "without asking" eval '! screen | grep -q "Do you really"'
expect_eq "no unread item left" "$(sql "$T/cache3.db" "SELECT count(*) FROM items WHERE read = 0")" 0
keys Q
check "quit the third session" wait_exit
check "nothing on stderr in the third session" test ! -s "$T/stderr"

finish
