# Shared shell helpers for end-to-end tests (sourced, not run).
# The test harness exports top_srcdir, top_builddir, TIDINGS, SHARED_DIR,
# PYTHON3, LC_ALL=C.UTF-8 and TZ=UTC.

: "${top_srcdir:?run through make check}"
: "${TIDINGS:?run through make check}"
PYTHON3=${PYTHON3:-python3}

failures=0
checks=0

# A throwaway HOME, removed on exit; tests never write in the source tree.
T=$(mktemp -d "${TMPDIR:-/tmp}/tidings-e2e.XXXXXX")
HOME=$T/home
XDG_CONFIG_HOME=$HOME/.config
XDG_DATA_HOME=$HOME/.local/share
export HOME XDG_CONFIG_HOME XDG_DATA_HOME
mkdir -p "$HOME"
unset COLUMNS BROWSER

cleanup() {
	httpd_stop
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# skip REASON: only for optional data that may be absent (the corpora in
# ../shared, missing from a tarball build); exits 77, which the summary counts.
skip() {
	echo "SKIP: $*"
	exit 77
}

# cannot_run REASON: something this test needs and scripts/setup.sh
# installs is missing; that is a failure, never a quiet skip.
cannot_run() {
	echo "not ok - cannot run: $*"
	exit 1
}

ok() {
	checks=$((checks + 1))
	echo "ok - $*"
}

not_ok() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	echo "not ok - $*"
}

# check DESCRIPTION COMMAND...: run the command, pass when it succeeds.
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}

# expect_eq DESCRIPTION GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		printf '  got:  %s\n  want: %s\n' "$2" "$3"
	fi
}

# contains HAYSTACK NEEDLE
contains() {
	case $1 in *"$2"*) return 0 ;; esac
	return 1
}

finish() {
	echo "$((checks - failures)) passed, $failures failed"
	[ "$failures" -eq 0 ]
}

# sql DB QUERY: one query through Python's sqlite3 (no sqlite3 CLI needed).
sql() {
	"$PYTHON3" - "$1" "$2" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
for row in con.execute(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))
con.commit()
PY
}

# httpd_start DIR: run tests/httpd.py serving DIR on 127.0.0.1 (ephemeral
# port); sets HTTPD_PID, HTTPD_PORT and HTTPD_URL and keeps proxies away.
# httpd_stop ends it (safe to call twice).  The server also exits when this
# shell goes away or after $HTTPD_LIFETIME seconds (default 300).
HTTPD_PID=
httpd_start() {
	_httpd_pf="$T/httpd-port"
	"$PYTHON3" "$top_srcdir/tests/httpd.py" --dir "$1" \
	    --port-file "$_httpd_pf" --lifetime "${HTTPD_LIFETIME:-300}" >/dev/null &
	HTTPD_PID=$!
	_httpd_i=0
	while [ ! -s "$_httpd_pf" ]; do
		_httpd_i=$((_httpd_i + 1))
		if [ "$_httpd_i" -gt 100 ] || ! kill -0 "$HTTPD_PID" 2>/dev/null; then
			echo "httpd_start: tests/httpd.py did not start" >&2
			return 1
		fi
		sleep 0.1
	done
	HTTPD_PORT=$(cat "$_httpd_pf")
	rm -f "$_httpd_pf"
	HTTPD_URL="http://127.0.0.1:$HTTPD_PORT"
	no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
	export no_proxy NO_PROXY
}

httpd_stop() {
	if [ -n "${HTTPD_PID:-}" ]; then
		kill "$HTTPD_PID" 2>/dev/null
		wait "$HTTPD_PID" 2>/dev/null
		HTTPD_PID=
	fi
}

# terminal_safe FILE: what a terminal may be given: valid UTF-8 with no ESC,
# no other control but TAB and LF, no C1 control and no bidi control
# (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069); names the first
# offence.
terminal_safe() {
	"$PYTHON3" - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("  invalid UTF-8 at byte %d: %r" % (e.start, data[max(0, e.start - 20):e.start + 20]))
    sys.exit(1)
for i, ch in enumerate(text):
    o = ord(ch)
    if (o < 0x20 and ch not in "\t\n") or 0x7f <= o <= 0x9f or o in (0x61c, 0x200e, 0x200f) \
            or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069:
        print("  U+%04X at %d: %r" % (o, i, text[max(0, i - 30):i + 30]))
        sys.exit(1)
PY
}
