#!/bin/sh
# End-to-end: faults (issue 7).  tidings poll killed with SIGKILL at random
# moments, two polls and a reader at once, a full disk, a read-only cache
# directory, a corrupt cache file, servers that reset or send garbage.
# After each: the cache passes PRAGMA integrity_check, no item is
# duplicated, read/starred state set before is intact, and errors are one
# clear line.
. "$top_srcdir/tests/lib.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || cannot_run "python3 is needed for the test server"

# The body is one function, read whole before it runs: the shell reads a
# script as it goes, and this tree's files may be rewritten (a checkout)
# while a long test runs.
main() {

MNT=
faults_cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	cleanup
}
trap faults_cleanup EXIT INT TERM

www=$T/www
mkdir -p "$www"
# a loaded machine with sanitizers can take minutes: keep the server
HTTPD_LIFETIME=${HTTPD_LIFETIME:-900}
httpd_start "$www" || { not_ok "test server starts"; finish; exit 1; }
U=$HTTPD_URL
NFEEDS=3
PER=40

# gen ROUND: write feed0..feedN-1.xml holding the items of ROUND and of
# ROUND-1 (PER items a feed a round; the older ones with a changed
# summary), so every poll has inserts and updates to write
gen() {
	"$PYTHON3" - "$www" "$NFEEDS" "$1" "$PER" <<'PY'
import os, sys
www, nfeeds, rnd, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
for f in range(nfeeds):
    items = []
    for r in range(max(0, rnd - 1), rnd + 1):
        for i in range(per):
            body = " ".join(words[(i + k + r) % len(words)] for k in range(30))
            items.append(
                "<item><guid>f%d-r%d-i%d</guid><title>Feed %d item %d of round %d</title>"
                "<link>http://127.0.0.1/f%d/r%d/i%d</link><description>%s (seen in round %d)</description>"
                "<pubDate>Thu, 11 Jul 2024 %02d:%02d:00 GMT</pubDate></item>"
                % (f, r, i, f, i, r, f, r, i, body, rnd, (r % 24), i % 60))
    doc = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title>'
           "<link>http://127.0.0.1/</link>%s</channel></rss>\n" % (f, "".join(items)))
    tmp = os.path.join(www, "feed%d.xml.tmp" % f)
    open(tmp, "w").write(doc)
    os.rename(tmp, os.path.join(www, "feed%d.xml" % f))
PY
}

now_ms() {
	"$PYTHON3" -c 'import time; print(int(time.time() * 1000))'
}

feeds=$T/feeds
: >"$feeds"
i=0
while [ "$i" -lt "$NFEEDS" ]; do
	echo "$U/feed$i.xml" >>"$feeds"
	i=$((i + 1))
done
# every round brings new guids: keep them all (max-items 0), or the
# default retention would take old rounds' items (and their read state)
printf 'download-articles no\nreload-threads 2\nmax-items 0\n' >"$T/config"
db=$T/cache.db
tid() { "$TIDINGS" --feeds "$feeds" --cache "$db" --config "$T/config" "$@"; }

# one-line STDERR-FILE: exactly one line, naming what failed
one_line() {
	[ "$(wc -l <"$1")" -eq 1 ] || { sed 's/^/  | /' "$1"; return 1; }
}

echo "# $(date +%T) kills"
# --- 1. SIGKILL at random moments ---------------------------------------
gen 0
tid poll --quiet >/dev/null 2>"$T/err0"
expect_eq "first poll exits 0" $? 0
n0=$(sql "$db" "select count(*) from items")
expect_eq "first poll stored every item" "$n0" $((NFEEDS * PER))
# state a person set: every 7th item read, every 11th starred
sql "$db" "update items set read = 1 where id % 7 = 0" >/dev/null
sql "$db" "update items set starred = 1 where id % 11 = 0" >/dev/null
sql "$db" "select guid || ' ' || read || ' ' || starred from items where read = 1 or starred = 1 order by guid" >"$T/state.before"

# how long an uninterrupted poll takes here, so the kills can land
# anywhere in it (start-up, fetches, parsing, the writes, the end)
gen 1
span=
for k in 1 2; do
	t0=$(now_ms)
	tid poll --force --quiet >/dev/null 2>>"$T/err.kill"
	t=$(($(now_ms) - t0))
	[ -z "$span" ] || [ "$t" -lt "$span" ] && span=$t
done
echo "# an uninterrupted poll takes $span ms"

# at least KILLS rounds, and more (up to MAXROUNDS) until a third of the
# kills have landed while a poll was running; a poll that was over before
# its kill shortens the span the next moments are drawn from (the machine
# may have been busier while the span was measured)
KILLS=24
MAXROUNDS=60
alive=0
kills=0
round=2
seed=$$
while [ "$kills" -lt $KILLS ] || { [ "$alive" -lt $((KILLS / 3)) ] && [ "$kills" -lt $MAXROUNDS ]; }; do
	gen "$round"
	# a random moment in the poll (at most 2.5 s in, to bound the test's
	# time on a slow machine)
	ms=$(awk -v s="$seed" -v r="$round" -v span="$span" \
	    'BEGIN { if (span > 2500) span = 2500; srand(s + r); printf "%d", 10 + rand() * span * 0.7 }')
	tid poll --force --quiet >/dev/null 2>>"$T/err.kill" &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	if kill -0 "$pid" 2>/dev/null; then
		alive=$((alive + 1))
		kill -KILL "$pid" 2>/dev/null
	else
		span=$((span * 3 / 4))
		[ "$span" -ge 40 ] || span=40
	fi
	wait "$pid" 2>/dev/null
	kills=$((kills + 1))
	round=$((round + 1))
done
last=$((round - 1))
echo "# $alive of $kills kills landed while the poll was running"
check "kills landed mid-poll ($alive of $kills)" test "$alive" -ge $((KILLS / 3))
expect_eq "integrity after $kills kills" "$(sql "$db" "pragma integrity_check")" ok
check "full-text index consistent after the kills" \
    sql "$db" "insert into items_fts(items_fts) values('integrity-check')"
expect_eq "no duplicated items" "$(sql "$db" "select count(*) - count(distinct feed_id || ' ' || guid) from items")" 0
sql "$db" "select guid || ' ' || read || ' ' || starred from items where guid in (select guid from items where read = 1 or starred = 1) and (read = 1 or starred = 1) order by guid" >"$T/state.after"
check "read/starred state intact" cmp -s "$T/state.before" "$T/state.after"
check "no 'database is locked' after a kill" sh -c "! grep -qi 'locked' '$T/err.kill'"
grep -i 'locked' "$T/err.kill" | head -n 5 | sed 's/^/  | /'
# every feed is all or nothing: a round's PER items of a feed are there
# completely or not at all (one transaction a feed)
partial=$(sql "$db" "select count(*) from (select feed_id, substr(guid, 1, instr(substr(guid, 4), '-') + 3) as rnd, count(*) as n from items group by feed_id, rnd having n != $PER)")
expect_eq "no half-written feed" "$partial" 0
tid poll --quiet >/dev/null 2>"$T/err.after"
expect_eq "a poll after the kills completes" $? 0
echo "# $(date +%T) final poll done"
expect_eq "every item of the last two rounds is there" \
    "$(sql "$db" "select count(*) from items where guid like '%-r$last-%' or guid like '%-r$((last - 1))-%'")" \
    $((NFEEDS * PER * 2))
expect_eq "integrity after the final poll" "$(sql "$db" "pragma integrity_check")" ok

echo "# $(date +%T) concurrency"
# --- 2. two polls and a reader at once ----------------------------------
gen $((last + 1))
: >"$T/reader.err"
(
	end=$(($(date +%s) + 60))
	while [ ! -e "$T/stop" ] && [ "$(date +%s)" -lt "$end" ]; do
		tid items --limit 50 >/dev/null 2>>"$T/reader.err" || echo "reader exit $?" >>"$T/reader.err"
		tid feeds >/dev/null 2>>"$T/reader.err" || echo "feeds exit $?" >>"$T/reader.err"
	done
) &
reader=$!
tid poll --force --quiet >/dev/null 2>"$T/p1.err" &
p1=$!
tid poll --force --quiet >/dev/null 2>"$T/p2.err" &
p2=$!
wait "$p1"
rc1=$?
wait "$p2"
rc2=$?
: >"$T/stop"
wait "$reader"
expect_eq "first concurrent poll exits 0" "$rc1" 0
expect_eq "second concurrent poll exits 0" "$rc2" 0
check "no poll error while another poll ran" sh -c "! cat '$T/p1.err' '$T/p2.err' | grep -q ."
check "the reader never failed ('database is locked')" sh -c "! grep -q . '$T/reader.err'"
expect_eq "no duplicated items after concurrent polls" \
    "$(sql "$db" "select count(*) - count(distinct feed_id || ' ' || guid) from items")" 0
expect_eq "integrity after concurrent polls" "$(sql "$db" "pragma integrity_check")" ok

echo "# $(date +%T) disk full"
# --- 3. a full disk ------------------------------------------------------
small=$T/small
mkdir -p "$small"
if mount -t tmpfs -o size=1m tmpfs "$small" 2>/dev/null; then
	MNT=$small
	how="a 1 MiB tmpfs"
	fsz=
else
	how="RLIMIT_FSIZE"
	fsz=1024
fi
sdb=$small/cache.db
sfeeds=$T/feeds.small
echo "$U/feed0.xml" >"$sfeeds"
gen 0
"$TIDINGS" --feeds "$sfeeds" --cache "$sdb" --config "$T/config" poll --quiet 2>"$T/full0.err"
expect_eq "a small poll fits ($how)" $? 0
before=$(sql "$sdb" "select count(*) from items")
gen 12
cp "$feeds" "$sfeeds"
(
	trap '' XFSZ
	[ -n "$fsz" ] && ulimit -f "$fsz"
	exec "$TIDINGS" --feeds "$sfeeds" --cache "$sdb" --config "$T/config" poll
) >/dev/null 2>"$T/full.err"
rc=$?
check "disk full: poll fails ($how, exit $rc)" test "$rc" -ge 1 -a "$rc" -le 2
check "disk full: the error says so" grep -Eqi "full|disk|space|too large" "$T/full.err"
check "disk full: errors name the cache file or feed" grep -q "cache" "$T/full.err"
expect_eq "disk full: cache still sound" "$(sql "$sdb" "pragma integrity_check")" ok
partial=$(sql "$sdb" "select count(*) from (select feed_id, substr(guid, 1, instr(substr(guid, 4), '-') + 3) as rnd, count(*) as n from items group by feed_id, rnd having n != $PER)")
expect_eq "disk full: nothing half-written" "$partial" 0
check "disk full: what was there is still there" \
    test "$(sql "$sdb" "select count(*) from items where guid like 'f0-r0-%'")" -eq "$before"
# the summary (when the disk filled during the poll, not before it) counts
# as ok only the feeds that were stored
said=$(sed -n 's/^tidings: [0-9]* feeds: \([0-9]*\) ok.*/\1/p' "$T/full.err")
stored=$(sql "$sdb" "select count(distinct feed_id) from items where guid like '%-r12-%'")
check "disk full: no feed counted ok that was not stored (${said:-no summary}, $stored stored)" \
    test "${said:-0}" -eq "$stored"
sed 's/^/  | /' "$T/full.err" | head -n 5

echo "# $(date +%T) read-only"
# --- 4. a read-only cache directory ---------------------------------------
# As root, permissions do not stop writes: use a read-only mount when we
# can make one, else run as nobody.
sql "$sdb" "pragma wal_checkpoint(truncate)" >/dev/null 2>&1
if [ -n "$MNT" ]; then
	rodir=$small
	mount -o remount,ro "$MNT" 2>/dev/null && ro_ok=1 || ro_ok=0
	as=
elif [ "$(id -u)" -ne 0 ]; then
	rodir=$T/ro
	mkdir -p "$rodir"
	cp "$sdb" "$rodir/cache.db"
	chmod 555 "$rodir"
	ro_ok=1
	as=
elif command -v setpriv >/dev/null 2>&1; then
	rodir=$T/ro
	mkdir -p "$rodir"
	cp "$sdb" "$rodir/cache.db"
	chmod 755 "$T" "$rodir"
	chmod 644 "$rodir/cache.db" "$feeds" "$T/config"
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	ro_ok=1
else
	ro_ok=0
fi
if [ "$ro_ok" -eq 1 ]; then
	sum=$(cksum <"$rodir/cache.db")
	# a new cache in a read-only directory
	$as "$TIDINGS" --feeds "$feeds" --cache "$rodir/new/cache.db" --config "$T/config" \
	    poll --quiet >/dev/null 2>"$T/ro1.err"
	rc=$?
	check "read-only dir, new cache: poll fails (exit $rc)" test "$rc" -ge 1 -a "$rc" -le 2
	check "read-only dir, new cache: one line" one_line "$T/ro1.err"
	check "read-only dir, new cache: names the file" grep -q "$rodir/new" "$T/ro1.err"
	check "read-only dir: nothing created" test ! -e "$rodir/new"
	# an existing cache in a read-only directory
	$as "$TIDINGS" --feeds "$feeds" --cache "$rodir/cache.db" --config "$T/config" \
	    poll --quiet >/dev/null 2>"$T/ro2.err"
	rc=$?
	check "read-only dir, existing cache: poll fails (exit $rc)" test "$rc" -ge 1 -a "$rc" -le 2
	check "read-only dir, existing cache: one clear line" one_line "$T/ro2.err"
	check "read-only dir, existing cache: names the file" grep -q "$rodir/cache.db" "$T/ro2.err"
	expect_eq "read-only dir: cache file untouched" "$(cksum <"$rodir/cache.db")" "$sum"
	sed 's/^/  | /' "$T/ro1.err" "$T/ro2.err"
else
	# root with neither a remountable tmpfs nor setpriv (util-linux): the
	# read-only checks cannot run, and that must not pass quietly
	not_ok "read-only directory checks: no way to make a read-only directory here"
fi
if [ -n "$MNT" ]; then
	umount "$MNT" && MNT=
fi

echo "# $(date +%T) corrupt"
# --- 5. a corrupt cache file ----------------------------------------------
bad=$T/corrupt
mkdir -p "$bad"
head -c 65536 /dev/urandom >"$bad/random.db"
printf 'SQLite format 3\000' >"$bad/header.db"
head -c 4080 /dev/urandom >>"$bad/header.db"
printf 'these are my notes, not a cache\n' >"$bad/text.db"
head -c 8192 "$db" >"$bad/truncated.db"
"$PYTHON3" - "$bad/other.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("create table notes(x)")
con.execute("insert into notes values ('precious')")
con.commit()
PY
cp "$db" "$bad/newer.db"
sql "$bad/newer.db" "pragma user_version = 99" >/dev/null
for f in random header text truncated other newer; do
	sum=$(cksum <"$bad/$f.db")
	"$TIDINGS" --feeds "$feeds" --cache "$bad/$f.db" --config "$T/config" items >"$T/c.out" 2>"$T/c.err"
	rc=$?
	check "corrupt cache ($f): items fails (exit $rc)" test "$rc" -ge 1 -a "$rc" -le 2
	check "corrupt cache ($f): one line naming the file" sh -c \
	    "[ \$(wc -l <'$T/c.err') -eq 1 ] && grep -q '$bad/$f.db' '$T/c.err'"
	"$TIDINGS" --feeds "$feeds" --cache "$bad/$f.db" --config "$T/config" poll --quiet >/dev/null 2>"$T/c2.err"
	check "corrupt cache ($f): poll refuses it too" test $? -ge 1
	expect_eq "corrupt cache ($f): file untouched" "$(cksum <"$bad/$f.db")" "$sum"
	check "corrupt cache ($f): no -wal/-journal left" sh -c "! ls '$bad/$f.db'-* >/dev/null 2>&1"
	sed 's/^/  | /' "$T/c.err"
done

echo "# $(date +%T) servers"
# --- 6. servers that reset the connection or send garbage -------------------
gfeeds=$T/feeds.bad
cat >"$gfeeds" <<EOF2
$U/reset
$U/garbage
$U/truncated
$U/feed0.xml
EOF2
gdb=$T/bad-server.db
"$TIDINGS" --feeds "$gfeeds" --cache "$gdb" --config "$T/config" poll >/dev/null 2>"$T/g.err"
expect_eq "bad servers: poll exits 1" $? 1
"$TIDINGS" --feeds "$gfeeds" --cache "$gdb" --config "$T/config" feeds >"$T/g.out"
gst() { awk -F'\t' -v u="$U/$1" '$5 == u { print $6 }' "$T/g.out"; }
expect_eq "connection reset recorded" "$(gst reset)" "network error"
expect_eq "garbage answer recorded" "$(gst garbage)" "network error"
expect_eq "truncated answer recorded" "$(gst truncated)" "network error"
expect_eq "the good feed beside them is fine" "$(gst feed0.xml)" ok
expect_eq "the good feed's items are stored" \
    "$(sql "$gdb" "select count(*) from items i join feeds f on f.id = i.feed_id where f.url = '$U/feed0.xml'")" \
    $((PER * 2))
check "one error line a failing feed" test "$(grep -c "^tidings: $U/" "$T/g.err")" -eq 3

finish
}
main
