#!/bin/sh
# The reader end to end in tmux: feed list, item list, article (downloaded
# and not), back, read state persisting across a restart, resize down to
# 20x5, search, Ctrl-Z, and the terminal restored on quit.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

mkdir -p "$T/www"
cp "$top_srcdir/tests/data/article/kyiv-article.html" "$T/www/kyiv.html"
httpd_start "$T/www" || exit 1

# Alpha: 30 stories, newest (Jan 30) first; the newest links to a real article.
# Beta: wide characters, an escape sequence and a long title.
"$PYTHON3" - "$T/www" "$HTTPD_URL" <<'PY'
import sys
www, base = sys.argv[1], sys.argv[2]
items = []
for i in range(1, 31):
    link = f"{base}/kyiv.html" if i == 30 else f"{base}/missing/{i}"
    items.append(f"<item><title>Alpha story {i}</title><link>{link}</link>"
                 f"<guid>a{i}</guid><pubDate>Tue, {i:02d} Jan 2024 10:00:00 +0000</pubDate>"
                 f"<description>&lt;p&gt;Summary of alpha story {i}.&lt;/p&gt;</description></item>")
open(f"{www}/alpha.xml", "w").write(
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    f'<title>Alpha News</title><link>{base}/</link>{"".join(items)}</channel></rss>')
items = []
for i in range(1, 6):
    items.append(f"<item><title>\u4e2d\u6587\u6807\u9898 {i} &#27;[31mred&#27;[0m "
                 "and a title long enough to be cut at the edge of a narrow terminal window</title>"
                 f"<link>{base}/missing/b{i}</link><guid>b{i}</guid>"
                 f"<pubDate>Mon, {i:02d} Jan 2023 10:00:00 +0000</pubDate>"
                 f"<description>Beta body {i}</description></item>")
open(f"{www}/beta.xml", "w").write(
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    f'<title>Beta Blog</title><link>{base}/b</link>{"".join(items)}</channel></rss>')
PY
printf '%s news\n%s tech\n' "$HTTPD_URL/alpha.xml" "$HTTPD_URL/beta.xml" > "$T/feeds"
: > "$T/config"
TUI_ARGS="--feeds $T/feeds --cache $T/cache.db --config $T/config"
check "poll fills the cache" "$TIDINGS" $TUI_ARGS poll --quiet
# what a hostile feed could get into the cache: terminal escapes in a title
sql "$T/cache.db" "UPDATE items SET title = 'Esc ' || char(27) || '[31mred' || char(27) || '[0m ' || char(27) || ']0;pwned' || char(7) || 'title' WHERE guid = 'b2'"

tui_start 100 30
check "feed list shows" wait_for "Feeds (35 unread, 35 total)"
check "feed row with counts and tags" wait_for "(30/30)  Alpha News  [news]"

keys Down Enter
check "open a feed" wait_for "Alpha News (30 items)"
check "newest item first" wait_for "   1 N  Jan 30  Alpha story 30"

keys Enter
check "open the downloaded article" wait_for "Title: Iranian president-elect assures Putin"
check "article body from the cache" wait_for "Pezeshkian"
check "article feed header" wait_for "Feed: Alpha News"

keys q
check "back to the item list" wait_for "Alpha News (30 items)"
check "the opened item is read" wait_for "   1    Jan 30  Alpha story 30"

keys Down Enter
check "an item without a downloaded article" wait_for "not cached"
check "its feed summary instead" wait_for "Summary of alpha story 29."
keys q Down N
check "toggle read on a third item" wait_for "marked read"
keys S
check "star an item" wait_for "   4 N* Jan 27  Alpha story 27"

keys q q
check "quit" wait_exit
check "exit status 0" grep -qx "EXIT=0" "$T/exit"
check "terminal restored after quit" terminal_restored
check "nothing on stderr" test ! -s "$T/stderr"

expect_eq "read state in the cache" \
    "$(sql "$T/cache.db" "SELECT title FROM items WHERE read = 1 ORDER BY published DESC" | tr '\n' ,)" \
    "Alpha story 30,Alpha story 29,Alpha story 28,"

tui_start 100 30
check "restart" wait_for "Feeds (32 unread, 35 total)"
keys Down Enter
check "read state persists" wait_for "   3    Jan 28  Alpha story 28"
check "star persists" wait_for "   4 N* Jan 27  Alpha story 27"

# Every feed, newest first; wide characters and escape sequences stay in their columns.
keys q Up Enter
check "all items view" wait_for "All items (35 items)"
keys -l "$(printf '\033[<65;10;5M')"
check "the mouse wheel scrolls" wait_line 2 "   4 N* Jan 27  Alpha News"
keys : 3 5 Enter
# (&#27;[31m in the feed is an escape sequence: it goes whole, issue 11 item 3)
check "wide characters keep their columns" wait_for "Beta Blog             中文标题 1 red and a title long enough to be cut at the edge …"
check "escape sequences removed" wait_for "Beta Blog             Esc red title"
keys q

tm resize-window -x 20 -y 5
check "tiny window 20x5" wait_for "tidings 0.1.0 - Fee…"
keys Down Up Down Down
tm resize-window -x 30 -y 3
tm resize-window -x 1 -y 1
tm resize-window -x 90 -y 24
check "still running after resizes" wait_for "Feeds (32 unread, 35 total)"

# Search: results as you type, ENTER opens the best hit, q goes back.
keys /
check "search prompt" wait_for "Search (0 results)"
keys P e z e s h k
check "results while typing" wait_for "Search (1 result)"
check "the hit" wait_for "Alpha story 30"
keys Enter
check "ENTER opens the hit" wait_for "Title: Iranian president-elect"
keys n
check "n jumps to the next match" wait_line 3 "Pezeshkian"
# narrower: the text wraps again and n goes by the new lines' matches
tm resize-window -x 40 -y 24
check "narrow article" wait_for "o:Browser S:…"
keys : 1 Enter n
check "n after a resize jumps to the match" wait_line 3 "Pezeshkian"
tm resize-window -x 90 -y 24
check "wide again" wait_for "o:Browser S:Star ?:Help"
keys q
check "back to the results" wait_for "Search (1 result)"
keys q
check "back to the feeds" wait_for "Feeds (32 unread"

# The mouse (SGR reports, as xterm sends them): a click selects, a double
# click opens, the wheel scrolls.
check "the reader asks for mouse reports" test "$(tm display -p '#{mouse_standard_flag}')" = 1
keys -l "$(printf '\033[<0;10;4M\033[<0;10;4m')"
# reverse video on the row, however tmux writes it (7m, 1;7m ...)
check "a click selects" eval 'tm capture-pane -p -e | grep -F "Beta Blog" | grep -Eq "$(printf "\033")\[([0-9]+;)*7(;[0-9]+)*m"'
keys -l "$(printf '\033[<0;10;4M\033[<0;10;4m\033[<0;10;4M\033[<0;10;4m')"
check "a double click opens" wait_for "Beta Blog (5 items)"
keys q

# The help lists the live bindings.
keys '?'
check "help view" wait_for "Help (keys in the feedlist view)"
check "help row" wait_for " DOWN             down "
keys q

# The command line.
keys : 2 Enter Enter
check ":2 then ENTER opens the second feed" wait_for "Beta Blog (5 items)"
keys q : b o g u s Enter
check "unknown command message" wait_for 'unknown command "bogus"'
check "the message lists the commands" wait_for 'search WORDS, open N'
# open N is the article's: elsewhere, and with other word counts, unknown
keys : o p e n Space 1 Enter
check "open outside an article is unknown" wait_for 'unknown command "open"'
keys : h e l p Enter
check ":help opens the help" wait_for "Help (keys in the feedlist view)"
keys q : t a g Space a Space b Enter
check "tag with two names is unknown" wait_for 'unknown command "tag"'

keys Q
check "hard quit" wait_exit
check "terminal restored after Q" terminal_restored
check "nothing on stderr after Q" test ! -s "$T/stderr"

# A signal to quit, and a crash, still give the terminal back.
tui_start 80 24
check "start for SIGTERM" wait_for "Feeds (32 unread"
keys / Up
check "the search history survives a restart" wait_for "/Pezeshk"
keys Escape q
check "out of the search" wait_for "Feeds (32 unread"
kill -TERM "$(tui_pid)"
check "SIGTERM quits" wait_exit
check "terminal restored after SIGTERM" terminal_restored
tui_start 80 24
check "start for SIGSEGV" wait_for "Feeds (32 unread"
kill -SEGV "$(tui_pid)"
check "a crash ends it" wait_exit
check "exit status of the crash" grep -qx "EXIT=139" "$T/exit"
check "terminal restored after a crash" terminal_restored

# Ctrl-Z suspends (the shell gets the terminal back) and fg resumes.
tm_stop
TUI_RUN=$((TUI_RUN + 1))
TUI_SOCKET="tidings-tui-$$-$TUI_RUN"
tm new-session -d -x 80 -y 24 "env -i PATH=$PATH HOME=$HOME TERM=xterm-256color LC_ALL=C.UTF-8 PS1='$ ' sh -i"
check "a shell" wait_for '$'
keys "TZ=UTC $TIDINGS $TUI_ARGS" Enter
check "reader under a shell" wait_for "Feeds (32 unread"
keys C-z
check "Ctrl-Z gives the shell back" wait_gone "Feeds (32 unread"
keys "fg" Enter
check "fg brings the reader back" wait_for "Feeds (32 unread"
keys q
check "and it quits" wait_gone "Feeds (32 unread"

finish
