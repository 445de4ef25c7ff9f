#!/bin/sh
# A test may skip (exit 77) only when optional data is absent: the corpora
# in ../shared (not in a tarball) or a git checkout.  Anything the suite
# needs and scripts/setup.sh installs (tmux, python3, the test server) must
# fail when it is missing, never skip: a skip there once hid every tmux test
# behind a grep of --help.
. "$top_srcdir/tests/lib.sh"

bad=
n=0
for f in $(cd "$top_srcdir" && ls tests/*.sh tests/*/*.sh tests/unit/*.c tests/unit/*.h 2>/dev/null); do
	[ "$f" = tests/build/skips.sh ] && continue
	# line numbers of every skip: `skip "..."` in shell, 77 in C
	for l in $(grep -n -E '(^|[;|&{ 	])skip "|return 77|exit\(77\)' "$top_srcdir/$f" |
	    grep -v -E '^[0-9]+:[[:space:]]*(#|\*|/\*)' | cut -d: -f1); do
		n=$((n + 1))
		from=$((l > 4 ? l - 4 : 1))
		sed -n "${from},${l}p" "$top_srcdir/$f" |
		    grep -q -E 'SHARED_DIR|corpus|corpora|git checkout' ||
		    bad="$bad $f:$l"
	done
done
echo "# $n skip sites"
expect_eq "skips other than absent optional data" "${bad:-none}" none
finish
