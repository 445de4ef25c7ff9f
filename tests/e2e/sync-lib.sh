# Shared by sync-miniflux.sh and sync-greader.sh (sourced, not run): a feed
# server replayed from recorded pairs by tests/replay.py.
#
# scene FILE: the pairs the server answers from now on (tests/data/sync/
# FILE with @PAGES@ made the article pages' address).  replay_start [PORT]
# starts it (on PORT: a server back at the address it had), replay_stop
# ends it.  requests: what it was asked since the last scene, one line a
# request ("STATUS METHOD PATH?QUERY BODY").
REPLAY_PID= REPLAY_PORT=
scene() {
	sed "s|@PAGES@|$HTTPD_URL|g" "$top_srcdir/tests/data/sync/$1" >"$T/pairs.tmp" &&
	    mv "$T/pairs.tmp" "$T/pairs.json"
	: >"$T/replay.log"
}
replay_start() {
	rm -f "$T/replay-port"
	"$PYTHON3" "$top_srcdir/tests/replay.py" --pairs "$T/pairs.json" --log "$T/replay.log" \
	    --port "${1:-0}" --port-file "$T/replay-port" --lifetime 300 &
	REPLAY_PID=$!
	_i=0
	while [ ! -s "$T/replay-port" ]; do
		_i=$((_i + 1))
		if [ "$_i" -gt 100 ] || ! kill -0 "$REPLAY_PID" 2>/dev/null; then
			return 1
		fi
		sleep 0.1
	done
	REPLAY_PORT=$(cat "$T/replay-port")
}
replay_stop() {
	[ -n "$REPLAY_PID" ] && kill "$REPLAY_PID" 2>/dev/null && wait "$REPLAY_PID" 2>/dev/null
	REPLAY_PID=
}
requests() { cat "$T/replay.log"; }
# refused: the requests the replay answered 400 or 401 (none when all
# were as recorded)
refused() { grep -E '^(400|401) ' "$T/replay.log"; }
sync_lib_cleanup() {
	replay_stop
	cleanup
}
trap sync_lib_cleanup EXIT INT TERM

# sync_down_then_back SERVER SCENE: the three local changes the caller
# made wait in the journal while the server is down (poll: one line naming
# SERVER at $URL, exit 1), and are sent once it is back answering SCENE at
# the same address.  td is the caller's tidings with its config.
sync_down_then_back() {
	replay_stop
	td poll --no-articles >"$T/out" 2>"$T/err"
	expect_eq "server down: exit 1" "$?" 1
	expect_eq "server down: one error line" "$(wc -l <"$T/err")" 1
	check "server down: it names the server" grep -q "^tidings: $1: $URL" "$T/err"
	expect_eq "server down: the changes wait in the journal" \
	    "$(sql "$T/cache.db" "SELECT count(*) FROM sync_journal")" 3
	scene "$2"
	replay_start "$REPLAY_PORT" || cannot_run "tests/replay.py did not start again"
	td poll --no-articles >"$T/out" 2>"$T/err"
	expect_eq "server back: exit 0" "$?" 0
	cat "$T/err"
	check "server back: three changes sent" grep -q "3 changes sent, 0 conflicts" "$T/err"
	expect_eq "server back: every request was as the docs describe" "$(refused)" ""
}

# article pages the items link to, served to tidings by tests/httpd.py
sync_pages() {
	mkdir -p "$T/www"
	for p in "a1 First zephyrology" "a2 Second quillwort" "a3 Loose bramblecap"; do
		set -- $p
		{
			printf '<!DOCTYPE html><html><head><title>%s story</title></head><body>\n' "$2"
			printf '<nav><a href="/">Home</a></nav><article><h1>%s story</h1>\n' "$2"
			for n in 1 2 3 4; do
				printf '<p>Paragraph %s: the %s committee met on a grey morning, read ' "$n" "$3"
				printf 'its minutes aloud, argued about the budget for an hour and agreed '
				printf 'that the next meeting will settle everything.</p>\n'
			done
			printf '</article><footer>Copyright nobody</footer></body></html>\n'
		} >"$T/www/$1.html"
	done
	httpd_start "$T/www"
}
