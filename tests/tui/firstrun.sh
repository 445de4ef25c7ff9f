#!/bin/sh
# A new user's first start in tmux: no files at all.  tidings writes the
# default feeds file, reloads by itself because the cache is empty, and the
# bundled sample feed shows real headlines with no network; quitting
# restores the terminal.  With refresh-on-startup no, a second start with a
# filled cache does not reload.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux.sh"

# the default feeds file also lists network feeds: they fail (no network
# in CI) or load, but the sample feed loads either way
TUI_ARGS=""
tui_start 100 20
check "the sample feed is listed" wait_for "Kyiv Independent (sample)"
check "a first start reloads by itself" wait_for "(12/12)  Kyiv Independent (sample)"
check "the feeds file was written" [ -f "$XDG_CONFIG_HOME/tidings/feeds" ]
keys Enter
check "headlines of the sample feed" wait_for "Iranian president-elect assures Putin"
keys q q
check "quit" wait_exit
expect_eq "exit status 0" "$(cat "$T/exit")" "EXIT=0"
check "terminal restored" terminal_restored

# a second start: the cache has items, so no reload unless asked
tui_start 100 20
check "second start shows the feeds" wait_for "Kyiv Independent (sample)"
# (a function: "sh -c" would not see tmux.sh's screen and always pass)
no_reload() { ! screen | grep -q 'reload'; }
check "no reload on a filled cache" no_reload
keys q
check "quit again" wait_exit

finish
