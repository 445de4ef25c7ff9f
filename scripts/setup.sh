#!/bin/sh
# One command from a bare Debian machine to a running tidings or a tested one.
#
#   sh scripts/setup.sh run [ARGS...]   install what is missing, build, start tidings
#   sh scripts/setup.sh check           install, build with ASan+UBSan, run every test,
#                                       the unit tests under valgrind, then make distcheck
#   sh scripts/setup.sh build           install and build only
#
# Packages come from scripts/debian-packages (the only install list); they are
# installed with apt-get as root, or through sudo.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mode=${1:-run}
[ $# -gt 0 ] && shift

say() { printf 'setup: %s\n' "$*" >&2; }

install_packages() {
	missing=
	for p in $(grep -v '^#' scripts/debian-packages); do
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
	quoted="'-q'"
	for f in $want; do quoted="$quoted '$f'"; done
	if [ ! -f config.status ] || [ "$(./config.status --config)" != "$quoted" ]; then
		say "configure $want"
		# shellcheck disable=SC2086
		./configure -q $want
	fi
	say "make"
	make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
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
	if [ $status -ne 0 ]; then
		for log in $(grep -l -E '^(FAIL|ERROR)' tests/*/*.trs 2>/dev/null | sed 's/\.trs$/.log/'); do
			say "---- $log"
			cat "$log"
		done
		exit $status
	fi
	make distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-sanitizers >distcheck.log 2>&1 || {
		tail -n 60 distcheck.log
		say "make distcheck failed (full log in distcheck.log)"
		exit 1
	}
	grep -E '^=+$|archives ready|tidings-.*\.tar\.gz' distcheck.log | tail -3
	# the unit tests again under valgrind, in a plain build of the tarball
	# (valgrind cannot run sanitized programs; this tree is configured with
	# sanitizers, so the plain build goes elsewhere)
	vdir=$(mktemp -d "${TMPDIR:-/tmp}/tidings-valgrind.XXXXXX")
	tar -xzf "$(ls tidings-*.tar.gz | head -n 1)" -C "$vdir"
	(cd "$vdir"/tidings-* && ./configure -q && make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null &&
	    make check-valgrind) >valgrind.log 2>&1 || {
		tail -n 60 valgrind.log
		say "make check-valgrind failed (full log in valgrind.log)"
		rm -rf "$vdir"
		exit 1
	}
	rm -rf "$vdir"
	grep -E '^# (TOTAL|PASS|FAIL)' valgrind.log | sed 's/^/valgrind: /'
	;;
*)
	say "usage: sh scripts/setup.sh run|check|build"
	exit 2
	;;
esac
