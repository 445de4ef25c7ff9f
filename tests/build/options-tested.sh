#!/bin/sh
# Every option of src/app/settings_table.h (SETTINGS_VALUES and
# SETTINGS_LISTS; and those of settings.c's settings_options, and the
# commands browser, bind-key, unbind-key, color, include) is either written as a config line in a test that
# checks what it does (a unit test, a tmux test of the reader, an e2e test
# of the binary), or named in ACCEPTED below: the options the man page's
# CONFIG OPTIONS calls "accepted", which tidings reads and keeps and which
# do nothing, each with that reason.  The census config and its test
# (tests/data/newsboat/census-config, tests/e2e/config-census.sh) only show
# that every name loads, so they do not count.  An option of the table
# that is not ACCEPTED must be read by some code in src/, and one that is
# must be read by none.  And every option is named in man/tidings.1.  The
# test fails naming every option that breaks one of these rules.
. "$top_srcdir/tests/lib.sh"
command -v "$PYTHON3" >/dev/null 2>&1 || cannot_run "python3 reads the option table"

"$PYTHON3" - "$top_srcdir" >"$T/options.out" 2>&1 <<'PY'
import glob, os, re, sys

top = sys.argv[1]

# Options with no effect in tidings, with the man page's reason.  A name
# here must be read by no code in src/ and set by no test (either means it
# has gained an effect: a stale entry); keep it in step with CONFIG OPTIONS.
server_unused = "a server tidings does not speak in this version"
server_flags = "tidings syncs the star itself, every item newer than the last, no special feeds"
ACCEPTED = {
    "cache-file": "the cache is --cache or tidings' own default, never newsboat's cache.db",
    "html-renderer": "tidings renders HTML itself, from the extracted article",
    "pager": "articles open in the reader's own article view",
    "history-limit": "the search history keeps its own bound",
    "download-full-page": "tidings downloads and extracts every item's page anyway (download-articles)",
    "keep-forever-if-flagged-with": "retention never deletes a starred item, and newsboat's flags are tidings' star",
    "dialogs-title-format": "tidings names the open screens on the message line, not in a view",
    "filebrowser-title-format": "tidings has no file browser",
    "dirbrowser-title-format": "tidings has no directory browser",
    "selecttag-format": "tidings chooses a tag on the command line, not in a view",
    "selecttag-title-format": "tidings chooses a tag on the command line, not in a view",
}
for srv in ("feedbin", "feedhq", "newsblur", "ocnews"):
    for opt in ("url", "login", "password", "passwordfile", "passwordeval",
                "flag-star", "flag-share", "min-items", "show-special-feeds"):
        ACCEPTED[srv + "-" + opt] = server_unused
for srv in ("miniflux", "freshrss", "oldreader", "inoreader", "ttrss"):
    for opt in ("flag-star", "flag-share", "flag-save", "flag-publish",
                "min-items", "show-special-feeds", "mode"):
        ACCEPTED[srv + "-" + opt] = server_flags

table = open(os.path.join(top, "src/app/settings_table.h")).read()
names = re.findall(r'^\s*X\([A-Z0-9_]+, "([a-z0-9-]+)"', table, re.M)
# ... and the options with fields of their own in struct settings
# (settings.c's settings_options) and the commands of the language
own = open(os.path.join(top, "src/app/settings.c")).read()
names += re.findall(r'SETTINGS_OPT\("([a-z0-9-]+)"', own)
names += ["browser", "bind-key", "unbind-key", "color", "include"]
if len(names) < 100:
    print("not ok - read only %d names from settings_table.h" % len(names))
    sys.exit(1)
# the loops above make names per server; only real options count
ACCEPTED = {n: r for n, r in ACCEPTED.items() if n in names}

skip = {os.path.join(top, "tests/e2e/config-census.sh")}
files = [f for pat in ("tests/unit/*.c", "tests/tui/*.sh", "tests/e2e/*.sh")
         for f in sorted(glob.glob(os.path.join(top, pat))) if f not in skip]
comment = re.compile(r'^\s*(#|\*|/\*|//)')
lines = []
for f in files:
    for no, line in enumerate(open(f, encoding="utf-8", errors="replace"), 1):
        if not comment.match(line):
            lines.append((os.path.relpath(f, top), no, line))

def config_line(name):
    # the name where a config line starts (a line, a quoted string, after
    # \n in a C string or printf), followed by a value: "scrolloff 3",
    # "highlight article ...", printf 'text-width 40\n'
    return re.compile(r'(?:^|[\s"\'(/]|\\n)' + re.escape(name) + r'(?:[ \t]+\S|\\t)')

man = open(os.path.join(top, "man/tidings.1"), encoding="utf-8").read()
man = man.replace("\\-", "-").replace("\\&", "").replace("\\%", "").replace("\\(dq", '"')

# an ACCEPTED option some code reads has gained an effect: it wants a test
ids = dict((n, i) for i, n in re.findall(r'^\s*X\(([A-Z0-9_]+), "([a-z0-9-]+)"', table, re.M))
# ... and one that is not ACCEPTED must be read by some code (by its id,
# or by its name as keymap_config reads bind, macro and run-on-startup):
# an option that is tested and read by nothing cannot work
readers = {}
for f in sorted(glob.glob(os.path.join(top, "src/**/*.c"), recursive=True)):
    text = open(f, encoding="utf-8", errors="replace").read()
    for n, i in ids.items():
        if re.search(r'\b(?:SETTINGS_[VL]_%s|V\(%s\))' % (i, i), text) or \
                (n not in ACCEPTED and '"%s"' % n in text):
            readers.setdefault(n, os.path.relpath(f, top))

bad = 0
for n in names:
    rx = config_line(n)
    where = [(f, no) for f, no, line in lines if rx.search(line)]
    if n in ACCEPTED:
        if where:
            print("not ok - %s is listed as accepted with no effect, but %s:%d "
                  "sets it: take it out of ACCEPTED" % ((n,) + where[0]))
            bad += 1
        elif n in readers:
            print("not ok - %s is listed as accepted with no effect, but %s reads "
                  "it: test what it does and take it out of ACCEPTED" % (n, readers[n]))
            bad += 1
        else:
            print("ok - %s: accepted, no effect (%s)" % (n, ACCEPTED[n]))
    elif n in ids and n not in readers:
        print("not ok - %s: no code in src/ reads it (a test cannot show it "
              "working; implement it or list it in ACCEPTED)" % n)
        bad += 1
    elif where:
        print("ok - %s: %s:%d" % ((n,) + where[0]))
    else:
        print("not ok - %s: no test sets it and checks what it does "
              "(nor is it in ACCEPTED)" % n)
        bad += 1
    if not re.search(r'(?<![a-z0-9-])' + re.escape(n) + r'(?![a-z0-9-])', man):
        print("not ok - %s is not in man/tidings.1" % n)
        bad += 1
print("%d options, %d accepted with no effect, %d problems"
      % (len(names), len(ACCEPTED), bad))
sys.exit(1 if bad else 0)
PY
rc=$?
cat "$T/options.out"
if [ "$rc" -eq 0 ]; then ok "every option tested or accepted, and in the man page"
else not_ok "options without a test or without a man page entry (above)"; fi
finish
