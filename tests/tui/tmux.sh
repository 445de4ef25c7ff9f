# Helpers for the reader's end-to-end tests in tmux (sourced after
# tests/lib.sh).  A private tmux server (-L, -f /dev/null), a pinned
# terminal (TERM, LC_ALL, TZ, HOME), and waiting for text on the screen
# with a bounded poll of capture-pane, never fixed sleeps.

command -v tmux >/dev/null 2>&1 || cannot_run "tmux is not installed (scripts/debian-packages lists it)"

TUI_RUN=0
TUI_SOCKET="tidings-tui-$$-$TUI_RUN"
TUI_WAIT=${TUI_WAIT:-15}	# seconds before a wait gives up

tm() {
	tmux -L "$TUI_SOCKET" -f /dev/null "$@"
}

# End this test's tmux server and remove its socket file.
tm_stop() {
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCKET"
}

tui_cleanup() {
	tm_stop
	cleanup
}
trap tui_cleanup EXIT INT TERM

# tui_start COLS ROWS [ENV=VALUE...]: run tidings (with $TUI_ARGS) in a new
# tmux session.  The pane records stty before and after, and the exit
# status in $T/exit, then keeps the pane open so the screen can be read.
tui_start() {
	_c=$1 _r=$2
	shift 2
	rm -f "$T/exit" "$T/stty-before" "$T/stty-after"
	# a fresh server each time: a new session on a server that is still
	# shutting down fails ("server exited unexpectedly")
	tm_stop
	TUI_RUN=$((TUI_RUN + 1))
	TUI_SOCKET="tidings-tui-$$-$TUI_RUN"
	cat > "$T/run.sh" <<RUN
stty -a > "$T/stty-before" 2>&1
env HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
    LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color $* \
    "$TIDINGS" $TUI_ARGS 2>"$T/stderr"
echo "EXIT=\$?" > "$T/exit.tmp"
stty -a > "$T/stty-after" 2>&1
mv "$T/exit.tmp" "$T/exit"
echo "tidings exited"
exec sleep 600
RUN
	tm new-session -d -x "$_c" -y "$_r" "sh $T/run.sh"
}

screen() {
	tm capture-pane -p
}

# wait_for TEXT: 0 once TEXT is on the screen, 1 after $TUI_WAIT seconds.
wait_for() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if screen 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  timed out waiting for: $1" >&2
	echo "  screen was:" >&2
	screen 2>/dev/null | sed 's/^/  | /' >&2
	return 1
}

# wait_gone TEXT: 0 once TEXT is no longer on the screen.
wait_gone() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if ! screen 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  timed out waiting for this to go: $1" >&2
	return 1
}

# wait_exit: 0 once tidings has exited (its status is in $T/exit).
wait_exit() {
	_i=0
	while [ ! -f "$T/exit" ] && [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	[ -f "$T/exit" ]
}

keys() {
	tm send-keys "$@"
}

# The terminal is back as it was: same stty settings (but the size, which
# a test may have changed), normal screen, cursor shown.
terminal_restored() {
	grep -v rows "$T/stty-before" > "$T/stty-before.cmp"
	grep -v rows "$T/stty-after" > "$T/stty-after.cmp"
	cmp -s "$T/stty-before.cmp" "$T/stty-after.cmp" &&
	    [ "$(tm display -p '#{alternate_on}')" = 0 ] &&
	    [ "$(tm display -p '#{cursor_flag}')" = 1 ]
}

# wait_line N TEXT: 0 once line N (1 = the top) of the screen holds TEXT.
wait_line() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if screen 2>/dev/null | sed -n "$1p" | grep -qF -- "$2"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  timed out waiting for line $1 to hold: $2" >&2
	screen 2>/dev/null | sed 's/^/  | /' >&2
	return 1
}

# The pid of tidings in the pane (a child of the pane's shell), from /proc.
tui_pid() {
	_pp=$(tm display -p '#{pane_pid}')
	_name="($(basename "$TIDINGS" | cut -c1-15))"
	for _s in /proc/[0-9]*/stat; do
		read -r _pid _comm _st _ppid _rest < "$_s" 2>/dev/null || continue
		if [ "$_ppid" = "$_pp" ] && [ "$_comm" = "$_name" ]; then
			echo "$_pid"
			return 0
		fi
	done
	return 1
}

# wait_colour N CODE TEXT: 0 once TEXT on line N comes right after SGR
# sequences that set CODE (31 red, 40 black background, 1 bold, 7
# reverse: the cursor's row), as capture-pane -e writes them.
wait_colour() {
	_esc=$(printf '\033')
	_re="$_esc\\[([0-9;]*;)?$2(;[0-9;]*)?m($_esc\\[[0-9;]*m)*$3"
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if tm capture-pane -p -e | sed -n "$1p" | grep -Eq -- "$_re"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	echo "  line $1 never had $3 in colour $2" >&2
	tm capture-pane -p -e | sed -n "$1p" | cat -v | sed 's/^/  | /' >&2
	return 1
}
