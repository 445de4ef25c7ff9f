#!/bin/sh
# One command from a bare Debian machine to a running tidings or a tested one.
#
#   sh scripts/setup.sh run [ARGS...]   install what is missing, build, start tidings
#   sh scripts/setup.sh check           install, build with ASan+UBSan, run every test,
#                                       the unit tests under valgrind, then make distcheck
#   sh scripts/setup.sh build           install and build only
#   sh scripts/setup.sh bench           install the benchmarks' peers only
#                                       (scripts/debian-packages-bench)
#
# Packages come from scripts/debian-packages (the only install list for
# building and testing) and, for `bench` alone, scripts/debian-packages-bench;
# they are installed with apt-get as root, or through sudo.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mode=${1:-run}
[ $# -gt 0 ] && shift

say() { printf 'setup: %s\n' "$*" >&2; }

# install_packages [LIST]: what LIST (default scripts/debian-packages) names
# and dpkg does not have
install_packages() {
	list=${1:-scripts/debian-packages}
	missing=
	for p in $(grep -v '^#' "$list"); do
		status=$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null || true)
		case $status in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
	done
	[ -z "$missing" ] && return 0
	say "installing:$missing"
	if [ "$(id -u)" = 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		say "not root and no sudo: run as root: apt-get install$missing"
		exit 2
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

configure_build() {
	want="$1"
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		say "autoreconf"
		autoreconf -fi
	fi
	# reconfigure when the wanted flags differ from the last configure
	# config.status records the flags space-separated, without -q (and
	# quotes only those with special characters, which ours never have)
	if [ ! -f config.status ] || [ "$(./config.status --config)" != "$want" ]; then
		say "configure $want"
		# shellcheck disable=SC2086
		./configure -q $want
		# objects built with other flags (a sanitizer build after a plain
		# one, or the reverse) do not depend on the flags: make alone
		# would keep them, so start from clean objects
		say "make clean (the configure flags changed)"
		make clean >/dev/null
	fi
	say "make"
	make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
}

# tally KIND LOG...: add up the test logs of one kind:
# cmocka programs' "[  PASSED  ] N" lines, shell tests' "N passed, M failed"
# line; a program skipped as a whole (exit 77) counts one skip, and one
# that failed or crashed before printing its counts counts one failure.
# Prints "KIND PASSED FAILED SKIPPED".
tally() {
	kind=$1
	shift
	p=0 f=0 s=0
	for log in "$@"; do
		[ -f "$log" ] || continue
		trs=${log%.log}.trs
		res=$(sed -n 's/^:test-result: //p' "$trs" 2>/dev/null | head -n 1)
		set -- $(awk '
			/^\[  PASSED  \] [0-9]+ test/ { p += $4 }
			/^\[  FAILED  \] [0-9]+ test/ { f += $4 }
			/^\[  SKIPPED \] [0-9]+ test/ { s += $4 }
			/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
			END { print p + 0, f + 0, s + 0 }' "$log")
		case $res in
		SKIP) s=$((s + 1)) ;;
		PASS | XFAIL) p=$((p + $1)) f=$((f + $2)) s=$((s + $3)) ;;
		*) p=$((p + $1)) s=$((s + $3))
		   f=$((f + ($2 > 0 ? $2 : 1))) ;;
		esac
	done
	echo "$kind $p $f $s"
}

# summary LINE...: "setup: check: P passed, F failed, S skipped (cmocka
# p/f/s, ...)" from tally's lines
summary() {
	printf '%s\n' "$@" | awk '
		{ p += $2; f += $3; s += $4
		  parts = parts sep $1 " " $2 "/" $3 "/" $4; sep = ", " }
		END { printf "setup: check: %d passed, %d failed, %d skipped (passed/failed/skipped: %s)\n", p, f, s, parts }'
}

case $mode in
run)
	install_packages
	configure_build ""
	exec ./src/tidings "$@"
	;;
build)
	install_packages
	configure_build ""
	;;
check)
	install_packages
	# tt-rss for tests/e2e/sync-ttrss.sh: on PostgreSQL, its database
	# made by dbconfig, no question asked
	printf '%s\n' 'tt-rss tt-rss/database-type select pgsql' \
	    'tt-rss tt-rss/dbconfig-install boolean true' \
	    'tt-rss tt-rss/pgsql/app-pass password tidings-test' |
	    ${sudo:-} debconf-set-selections 2>/dev/null || true
	# tt-rss's postinst makes its database: where no service starts by
	# itself (a container) PostgreSQL is down then; start it, configure again
	install_packages scripts/debian-packages-sync || {
		${sudo:-} pg_ctlcluster "$(ls /etc/postgresql | sort -n | tail -n 1)" main start
		${sudo:-} env DEBIAN_FRONTEND=noninteractive dpkg --configure -a
	}
	configure_build "--enable-sanitizers"
	status=0
	make -j"$(nproc 2>/dev/null || echo 2)" check || status=$?
	# cmocka's own summaries, then any failing log in full
	for log in tests/unit/*.log; do
		[ -f "$log" ] || continue
		printf '%s: ' "${log%.log}"
		grep -E '^\[  (PASSED|FAILED) +\]' "$log" | tr '\n' ' ' || true
		echo
	done
	t_unit=$(tally cmocka tests/unit/*.log)
	t_e2e=$(tally e2e tests/e2e/*.log tests/build/*.log)
	t_tui=$(tally tmux tests/tui/*.log)
	if [ $status -ne 0 ]; then
		for log in $(grep -l -E '^:test-result: (FAIL|ERROR)' tests/*/*.trs 2>/dev/null | sed 's/\.trs$/.log/'); do
			say "---- $log"
			cat "$log"
		done
		summary "$t_unit" "$t_e2e" "$t_tui"
		exit $status
	fi
	make distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-sanitizers >distcheck.log 2>&1 || {
		tail -n 60 distcheck.log
		say "make distcheck failed (full log in distcheck.log)"
		summary "$t_unit" "$t_e2e" "$t_tui"
		exit 1
	}
	grep -E '^=+$|archives ready|tidings-.*\.tar\.gz' distcheck.log | tail -3
	# the unit tests again under valgrind, in a plain build of the tarball
	# (valgrind cannot run sanitized programs; this tree is configured with
	# sanitizers, so the plain build goes elsewhere)
	vdir=$(mktemp -d "${TMPDIR:-/tmp}/tidings-valgrind.XXXXXX")
	tar -xzf "$(ls tidings-*.tar.gz | head -n 1)" -C "$vdir"
	vstatus=0
	(cd "$vdir"/tidings-* && ./configure -q && make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null &&
	    make check-valgrind) >valgrind.log 2>&1 || vstatus=$?
	t_vg=$(tally valgrind "$vdir"/tidings-*/tests/unit/*.log)
	if [ $vstatus -ne 0 ]; then
		tail -n 60 valgrind.log
		say "make check-valgrind failed (full log in valgrind.log)"
	fi
	rm -rf "$vdir"
	grep -E '^# (TOTAL|PASS|FAIL)' valgrind.log | sed 's/^/valgrind: /'
	# the tarball again with libcurl linked (--disable-lazy-curl): curl's
	# compile-time option type checks apply there (they need -O2) and are
	# errors; its whole suite runs
	ldir=$(mktemp -d "${TMPDIR:-/tmp}/tidings-linked.XXXXXX")
	tar -xzf "$(ls tidings-*.tar.gz | head -n 1)" -C "$ldir"
	ln -s "$here/../shared" "$ldir/shared" 2>/dev/null || true
	lstatus=0
	(cd "$ldir"/tidings-* && ./configure -q --disable-lazy-curl &&
	    make -j"$(nproc 2>/dev/null || echo 2)" CFLAGS='-g -O2 -Werror' >/dev/null &&
	    make -j"$(nproc 2>/dev/null || echo 2)" CFLAGS='-g -O2 -Werror' check) >linked.log 2>&1 || lstatus=$?
	t_ln=$(tally linked "$ldir"/tidings-*/tests/*/*.log)
	if [ $lstatus -ne 0 ]; then
		tail -n 60 linked.log
		say "the --disable-lazy-curl build failed (full log in linked.log)"
	fi
	rm -rf "$ldir"
	summary "$t_unit" "$t_e2e" "$t_tui" "$t_vg" "$t_ln"
	[ $vstatus -eq 0 ] && [ $lstatus -eq 0 ]
	;;
bench)
	install_packages scripts/debian-packages-bench
	;;
*)
	say "usage: sh scripts/setup.sh run|check|build|bench"
	exit 2
	;;
esac
