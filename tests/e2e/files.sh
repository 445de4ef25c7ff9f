#!/bin/sh
# End-to-end: the files tidings reads and writes (issue 11, items 9-16):
# hostile OPML against the feeds file, FIFOs where files belong, concurrent
# adds, a symlinked feeds file, the cache's mode, read-only and full caches,
# another program's WAL database, and empty or mistyped file options.
. "$top_srcdir/tests/lib.sh"

S=$top_srcdir/data/samples
H=$top_srcdir/tests/data/hostile
MNT=
files_cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	cleanup
}
trap files_cleanup EXIT INT TERM

# one_line FILE: exactly one line
one_line() {
	[ "$(wc -l <"$1")" -eq 1 ] || { sed 's/^/  | /' "$1"; return 1; }
}
sum() { cksum <"$1"; }

echo "# item 9: a hostile OPML file"
# &#10; in xmlUrl, title and category; a file: feed; categories ~X and !
tf() { "$TIDINGS" --feeds "$T/opml.feeds" --cache "$T/opml.db" "$@"; }
tf import "$H/opml-inject.opml" 2>"$T/err"
expect_eq "hostile OPML: import exits 0" $? 0
expect_eq "hostile OPML: one line a feed, nothing injected" "$(cat "$T/opml.feeds")" \
'https://b.example/feed "~B https://inject.example/"
https://d.example/feed ok "two words" "~D"'
check "hostile OPML: the broken URL is reported" grep -q "skipped 'https://a.example/rss" "$T/err"
check "hostile OPML: the file: feed is refused, naming the flag" \
    grep -q "skipped 'file:///etc/passwd': a file URL (import --allow-file" "$T/err"
check "hostile OPML: the dropped tags are reported" grep -q "tag '~Title' dropped" "$T/err"
tf feeds >"$T/out" 2>"$T/err"
expect_eq "hostile OPML: both feeds listed, none hidden" "$(cut -f4 "$T/out" | tr '\n' '|')" \
    "B https://inject.example/|D|"
check "hostile OPML: no warning reading the file back" sh -c "! grep -q . '$T/err'"
tf import --allow-file "$H/opml-inject.opml" 2>/dev/null
check "import --allow-file takes the file: feed" grep -qx 'file:///etc/passwd "~C"' "$T/opml.feeds"
"$TIDINGS" --feeds "$T/opml.feeds" --cache "$T/opml.db" add "file:///srv/x.example/a b" 2>"$T/err"
expect_eq "add: a URL with a blank is refused (exit 2)" $? 2
"$TIDINGS" --feeds "$T/opml.feeds" --cache "$T/opml.db" add file:///srv/x.example/f "~T" 2>"$T/err"
expect_eq "add: a tag ~T is refused (exit 2)" $? 2
"$TIDINGS" --feeds "$T/opml.feeds" --cache "$T/opml.db" add \
    "$(printf 'file:///srv/x.example/\033]0;pwned\007')" 2>"$T/err"
expect_eq "add: a URL with an escape sequence is refused (exit 2)" $? 2
check "add: ... and the refusal prints no escape" sh -c "! grep -q \"\$(printf '\\033')\" '$T/err'"
check "add: nothing written for refused feeds" sh -c "! grep -q x.example '$T/opml.feeds'"

echo "# item 10: FIFOs and terminals are not files"
mkfifo "$T/fifo"
timeout 20 "$TIDINGS" --feeds "$T/fifo" --cache "$T/f.db" feeds >/dev/null 2>"$T/err"
expect_eq "feeds file that is a FIFO: exit 2, no hang" $? 2
check "feeds file that is a FIFO: one line naming it" sh -c \
    "one_line() { [ \$(wc -l <\$1) -eq 1 ]; }; one_line '$T/err' && grep -q '$T/fifo: not a regular file' '$T/err'"
printf 'https://example.invalid/\n' >"$T/f.feeds"
timeout 20 "$TIDINGS" --config "$T/fifo" --feeds "$T/f.feeds" --cache "$T/f.db" poll \
    >/dev/null 2>"$T/err"
expect_eq "config that is a FIFO: exit 2, no hang" $? 2
check "config that is a FIFO: names it" grep -q "config $T/fifo: not a regular file" "$T/err"
printf 'file://%s\nfile:///dev/stdin\nfile://%s/kyiv-feed.xml\n' "$T/fifo" "$S" >"$T/f.feeds"
# stdin is the FIFO opened read-write: a read of it waits forever
timeout 60 "$TIDINGS" --config /dev/null --feeds "$T/f.feeds" --cache "$T/f.db" poll \
    --no-articles >/dev/null 2>"$T/err" 0<>"$T/fifo"
rc=$?
check "poll with FIFO feeds ends (exit $rc, not killed)" test "$rc" -eq 1
check "a FIFO feed fails as not a regular file" grep -q "file://$T/fifo: not a regular file" "$T/err"
check "/dev/stdin fails as not a regular file" grep -q "file:///dev/stdin: not a regular file" "$T/err"
expect_eq "the sample feed beside them is polled" \
    "$("$TIDINGS" --feeds "$T/f.feeds" --cache "$T/f.db" items 2>/dev/null | wc -l)" 12

echo "# item 11: 20 concurrent adds"
i=0
pids=
while [ $i -lt 20 ]; do
	"$TIDINGS" --feeds "$T/conc.feeds" --cache "$T/conc.db" add "file:///tmp/feed-$i.xml" \
	    2>>"$T/conc.err" &
	pids="$pids $!"
	i=$((i + 1))
done
bad=0
for p in $pids; do wait "$p" || bad=$((bad + 1)); done
expect_eq "20 concurrent adds: all exit 0" "$bad" 0
expect_eq "20 concurrent adds: 20 lines in the feeds file" "$(sort -u "$T/conc.feeds" | wc -l)" 20
expect_eq "20 concurrent adds: 20 said added" "$(grep -c ': added ' "$T/conc.err")" 20

echo "# item 12: a feeds file that is a symbolic link"
mkdir -p "$T/dotfiles"
printf '# mine\nhttps://one.example/feed\n' >"$T/dotfiles/feeds"
chmod 640 "$T/dotfiles/feeds"
ln -s dotfiles/feeds "$T/link.feeds"
ln -s "$T/link.feeds" "$T/link2.feeds"
"$TIDINGS" --feeds "$T/link2.feeds" --cache "$T/link.db" add file:///srv/two.xml 2>/dev/null
"$TIDINGS" --feeds "$T/link2.feeds" --cache "$T/link.db" remove https://one.example/feed 2>/dev/null
check "symlinked feeds file: still a link" test -L "$T/link2.feeds" -a -L "$T/link.feeds"
expect_eq "symlinked feeds file: the target was written" "$(cat "$T/dotfiles/feeds")" \
'# mine
file:///srv/two.xml'
expect_eq "symlinked feeds file: the target keeps its mode" \
    "$(stat -c %a "$T/dotfiles/feeds")" 640
expect_eq "no temporary or stray files beside it" "$(ls "$T/dotfiles" | tr '\n' ' ')" \
    "feeds feeds.lock "

echo "# item 13: the cache is created 0600"
( umask 022; "$TIDINGS" --feeds "$T/f.feeds" --cache "$T/mode/cache.db" feeds >/dev/null 2>&1 )
expect_eq "new cache is mode 600 under umask 022" "$(stat -c %a "$T/mode/cache.db")" 600
"$PYTHON3" - "$T/mode/cache.db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("select count(*) from feeds").fetchall()
print(oct(os.stat(sys.argv[1] + "-wal").st_mode & 0o777), oct(os.stat(sys.argv[1] + "-shm").st_mode & 0o777))
PY
expect_eq "its -wal and -shm follow (600)" "$("$PYTHON3" - "$T/mode/cache.db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("select count(*) from feeds").fetchall()
print(" ".join(oct(os.stat(sys.argv[1] + s).st_mode & 0o777) for s in ("-wal", "-shm")))
PY
)" "0o600 0o600"

echo "# item 14: read-only commands on a cache that cannot be written"
# a small tmpfs: full, then read-only (tests run as root: permissions
# would not stop writes); as another user, a read-only directory
printf 'file://%s/kyiv-feed.xml\n' "$S" >"$T/ro.feeds"
small=$T/small
mkdir -p "$small"
if mount -t tmpfs -o size=1m tmpfs "$small" 2>/dev/null; then
	MNT=$small
	how=tmpfs
elif [ "$(id -u)" -ne 0 ]; then
	how=chmod
else
	how=none
fi
check "a read-only place can be made here ($how)" test "$how" != none
rdb=$small/cache.db
tr() { "$TIDINGS" --config /dev/null --feeds "$T/ro.feeds" --cache "$rdb" "$@"; }
tr poll --no-articles --quiet 2>"$T/err"
expect_eq "a cache to read ($how)" "$(tr items 2>/dev/null | wc -l)" 12
id=$(tr items 2>/dev/null | head -n 1 | cut -f1)
# run COMMAND on the unwritable cache: every read-only command works
ro_commands() {
	tr feeds >"$T/ro.out" 2>"$T/ro.err"
	check "$1: feeds works (exit $?)" sh -c "[ \$(wc -l <'$T/ro.out') -eq 1 ] && ! grep -q . '$T/ro.err'"
	tr items >"$T/ro.out" 2>"$T/ro.err"
	check "$1: items works (exit $?)" sh -c "[ \$(wc -l <'$T/ro.out') -eq 12 ] && ! grep -q . '$T/ro.err'"
	tr search Kyiv >"$T/ro.out" 2>"$T/ro.err"
	check "$1: search works (exit $?)" sh -c "grep -q . '$T/ro.out' && ! grep -q . '$T/ro.err'"
	tr show "$id" >"$T/ro.out" 2>"$T/ro.err"
	# (show says on stderr that the article was not downloaded: the poll
	# above took no articles)
	check "$1: show works (exit $?)" sh -c "grep -q . '$T/ro.out' && ! grep -v 'article not cached' '$T/ro.err' | grep -q ."
	sed 's/^/  | /' "$T/ro.err"
}
if [ "$how" = tmpfs ]; then
	# fill the disk to the last byte
	dd if=/dev/zero of="$small/filler" bs=4k 2>/dev/null
	ro_commands "full disk"
	rm -f "$small/filler"
	mount -o remount,ro "$small"
	ro_commands "read-only mount"
	tr poll --no-articles >/dev/null 2>"$T/err"
	check "read-only mount: poll fails with one line naming the cache" sh -c \
	    "[ \$(wc -l <'$T/err') -eq 1 ] && grep -q '$rdb' '$T/err'"
	sed 's/^/  | /' "$T/err"
elif [ "$how" = chmod ]; then
	chmod 555 "$small"
	ro_commands "read-only directory"
	chmod 755 "$small"
fi
if [ "$how" = tmpfs ]; then
	umount "$small" && MNT=
	# as root, a read-only directory needs another user to mean anything
	if command -v setpriv >/dev/null 2>&1; then
		mkdir -p "$T/rodir"
		tr poll --no-articles --quiet 2>/dev/null	# a new cache in $small
		cp "$rdb" "$T/rodir/cache.db"
		chmod 755 "$T" "$T/rodir"
		chmod 644 "$T/rodir/cache.db" "$T/ro.feeds"
		chmod 555 "$T/rodir"
		rdb=$T/rodir/cache.db
		tr() {
			setpriv --reuid=65534 --regid=65534 --clear-groups "$TIDINGS" \
			    --config /dev/null --feeds "$T/ro.feeds" --cache "$rdb" "$@"
		}
		ro_commands "read-only directory (as nobody)"
		check "read-only directory: nothing created beside the cache" \
		    test "$(ls "$T/rodir")" = cache.db
		# a read-only cache file in a directory that can be written
		mkdir -p "$T/rofile"
		cp "$T/rodir/cache.db" "$T/rofile/cache.db"
		chmod 444 "$T/rofile/cache.db"
		chmod 777 "$T/rofile"
		rdb=$T/rofile/cache.db
		ro_commands "read-only cache file (as nobody)"
		# writes still in a -wal, in a read-only directory: no -shm can
		# be made to read them, and the message says so
		mkdir -p "$T/rowal"
		"$PYTHON3" - "$T/rodir/cache.db" "$T/rowal" <<'PY'
import shutil, sqlite3, sys
src, d = sys.argv[1], sys.argv[2]
shutil.copy(src, d + "/live.db")
con = sqlite3.connect(d + "/live.db")
con.execute("pragma wal_autocheckpoint=0")
con.execute("update items set read = 1")
con.commit()
shutil.copy(d + "/live.db", d + "/cache.db")
shutil.copy(d + "/live.db-wal", d + "/cache.db-wal")
PY
		chmod 644 "$T/rowal/cache.db" "$T/rowal/cache.db-wal"
		chmod 555 "$T/rowal"
		rdb=$T/rowal/cache.db
		tr items >/dev/null 2>"$T/err"
		expect_eq "unread -wal in a read-only directory: items fails (exit 2)" $? 2
		check "... with one line saying why" sh -c "[ \$(wc -l <'$T/err') -eq 1 ] &&
		    grep -q 'cache.db-wal holds writes not yet copied into it' '$T/err'"
		sed 's/^/  | /' "$T/err"
		chmod 700 "$T"
	else
		not_ok "read-only directory: no setpriv to run as another user"
	fi
fi

echo "# item 15: another program's WAL database, its schema only in the -wal"
"$PYTHON3" - "$T/wal" <<'PY'
import shutil, sqlite3, sys
d = sys.argv[1]
import os; os.makedirs(d)
con = sqlite3.connect(d + "/live.db")
con.execute("pragma journal_mode=wal")
con.execute("pragma wal_autocheckpoint=0")
con.execute("create table notes(x)")
con.execute("insert into notes values ('precious')")
con.commit()
# a copy as a crash would leave it: the schema not yet checkpointed
shutil.copy(d + "/live.db", d + "/other.db")
shutil.copy(d + "/live.db-wal", d + "/other.db-wal")
PY
w=$T/wal/other.db
before="$(sum "$w") $(sum "$w-wal")"
for cmd in items poll; do
	"$TIDINGS" --config /dev/null --feeds "$T/ro.feeds" --cache "$w" $cmd >/dev/null 2>"$T/err"
	expect_eq "foreign WAL database: $cmd refuses it (exit 2)" $? 2
	check "foreign WAL database: $cmd says it is another program's" \
	    grep -q "cache $w: not a tidings cache (an SQLite database of another program)" "$T/err"
done
expect_eq "foreign WAL database: file and -wal untouched" "$(sum "$w") $(sum "$w-wal")" "$before"
check "foreign WAL database: no -shm made beside it" test ! -e "$w-shm"
expect_eq "foreign WAL database: still its own" \
    "$(sql "$w" "select name from sqlite_master")" notes

echo "# item 16: empty and mistyped file options"
timeout 60 "$TIDINGS" --cache "" --feeds "$T/ro.feeds" poll >/dev/null 2>"$T/err"
expect_eq "--cache \"\": usage error (exit 2)" $? 2
check "--cache \"\": says so" grep -q 'option --cache needs a file name, not ""' "$T/err"
"$TIDINGS" --feeds= feeds >/dev/null 2>"$T/err"
expect_eq "--feeds=: usage error (exit 2)" $? 2
"$TIDINGS" --feeds "$T/feeds-typo" --cache "$T/typo.db" feeds >/dev/null 2>"$T/err"
expect_eq "--feeds with a missing file: exit 2" $? 2
check "--feeds with a missing file: one line naming it" sh -c \
    "[ \$(wc -l <'$T/err') -eq 1 ] && grep -q '$T/feeds-typo: no such feeds file' '$T/err'"
check "--feeds with a missing file: nothing created" test ! -e "$T/feeds-typo"
"$TIDINGS" --feeds "$T/feeds-typo" --cache "$T/typo.db" poll >/dev/null 2>"$T/err"
expect_eq "poll --feeds with a missing file: exit 2" $? 2
"$TIDINGS" --feeds "$T/feeds-new" --cache "$T/typo.db" add "file://$S/kyiv-feed.xml" 2>/dev/null
expect_eq "add creates a named feeds file" "$(cat "$T/feeds-new")" "file://$S/kyiv-feed.xml"
XDG_CONFIG_HOME=$T/xdg "$TIDINGS" --cache "$T/xdg.db" feeds >/dev/null 2>"$T/err"
check "the default feeds file still gets the samples on first start" \
    grep -q "kyiv-feed.xml" "$T/xdg/tidings/feeds"

finish
