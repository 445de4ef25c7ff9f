#!/bin/sh
# Every object the tests run was compiled with the flags this tree was
# configured with: after a reconfigure (say, `setup.sh run` and then
# `setup.sh check`) make alone rebuilds nothing, and the sanitizer suite
# would test uninstrumented product code.  With --enable-sanitizers every
# object must carry ASan's module constructor (__asan_init); without it,
# none may.
. "$top_srcdir/tests/lib.sh"

command -v nm >/dev/null 2>&1 || {
	not_ok "nm (binutils) is needed"
	finish
	exit 1
}
case $("$top_builddir/config.status" --config) in
*--enable-sanitizers*) want=instrumented ;;
*) want=plain ;;
esac
echo "# configured: $want"

# kind OBJECT-OR-ARCHIVE-MEMBER-SYMBOLS: instrumented or plain
kind() {
	if grep -q '__asan_init' "$1"; then echo instrumented; else echo plain; fi
}

n=0
bad=
for o in $(find "$top_builddir/src" "$top_builddir/tests" -name '*.o' | sort); do
	nm "$o" >"$T/syms" 2>/dev/null || continue
	n=$((n + 1))
	[ "$(kind "$T/syms")" = "$want" ] || bad="$bad ${o#"$top_builddir"/}"
done
lib=$top_builddir/libtidings.a
members=$(ar t "$lib" | wc -l)
for m in $(ar t "$lib"); do
	nm "$lib" 2>/dev/null | awk -v m="$m:" '$0 == m { on = 1; next } /:$/ { on = 0 } on' >"$T/syms"
	[ "$(kind "$T/syms")" = "$want" ] || bad="$bad libtidings.a($m)"
done
nm "$TIDINGS" >"$T/syms" 2>/dev/null
[ "$(kind "$T/syms")" = "$want" ] || bad="$bad src/tidings"
check "objects found ($n, $members in libtidings.a)" test "$n" -gt 0 -a "$members" -gt 0
expect_eq "every object and src/tidings $want" "${bad:-none}" none
finish
