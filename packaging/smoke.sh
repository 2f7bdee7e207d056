#!/usr/bin/env bash
# Smoke test of the standalone app that packaging/bundle.sh built (CI runs both, once per run).
# The app runs with an emptied environment (no PATH to a Python, no PYTHONPATH, a fresh HOME),
# from a temporary folder:
#   1. --help, and `init`, `import`, `export` on the seed statements; the export imported into
#      a second project and exported again gives the same file (a round trip);
#      then the same with every Python of the machine hidden (root only: a mount namespace);
#   2. install-desktop.sh for a user in a temporary HOME;
#   3. the GUI on that project under Xvfb: the window shows, a screenshot is taken and must be
#      a drawn window (packaging/screen.py); then `bayan FILE.bayan` alone opens the GUI too.
# Part 3 needs Xvfb: installed with apt-get when missing and allowed (root), else skipped with a
# message saying so. The screenshots stay in build/smoke/ for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
app="$repo/dist/bayan/bayan"
shots="$repo/build/smoke"
helper_python="$repo/build/bundle-venv/bin/python"  # has PySide6, for the screenshots only
[ -x "$app" ] || { echo "smoke: $app is missing: run bash packaging/bundle.sh first" >&2; exit 1; }
work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$shots"
cd "$work"

# The app alone: nothing of the build's or the caller's Python reaches it.
run() { env -i HOME="$work/home" BAYAN_HOME="$work/home/bayan" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
passed=0
check() { passed=$((passed + 1)); echo "smoke: $*"; }

run "$app" --help | grep -q "import" || { echo "smoke: --help lacks the commands" >&2; exit 1; }
check "--help lists the commands"
run "$app" init seeds.bayan >/dev/null
run "$app" import seeds.bayan "$repo/seeds/statements.txt" >/dev/null
run "$app" export seeds.bayan first.jsonl --status all 2>/dev/null
statements=$(grep -cv '^\s*$' "$repo/seeds/statements.txt")
[ "$(wc -l < first.jsonl)" -eq "$statements" ] || { echo "smoke: export has $(wc -l < first.jsonl) lines, not $statements" >&2; exit 1; }
run "$app" init again.bayan >/dev/null
run "$app" import again.bayan first.jsonl >/dev/null
run "$app" export again.bayan second.jsonl --status all 2>/dev/null
cmp -s first.jsonl second.jsonl || { echo "smoke: the round trip changed the export" >&2; diff first.jsonl second.jsonl | head >&2; exit 1; }
run "$app" stats seeds.bayan | grep -q "statements  $statements" || { echo "smoke: stats disagree" >&2; exit 1; }
check "init, import, export, stats on the seeds: $statements statements, round trip identical"

# No Python on the machine: as root, in a mount namespace where every Python's library folder
# is an empty tmpfs (so python3 itself cannot start there), the app still runs.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
    hide=$(ls -d /usr/lib/python3* /usr/local/lib/python3* "$HOME/.pyenv" /opt/python* 2>/dev/null || true)
    base=$(python3 -c 'import sys; print(sys.base_prefix)' 2>/dev/null || true)
    [ -n "$base" ] && [ "$base" != /usr ] && [ "$base" != /usr/local ] && hide="$hide $base"
    # shellcheck disable=SC2086  # $hide: one folder per word
    unshare -m --propagation private sh -c '
        work=$1 app=$2 seeds=$3
        shift 3
        for d in "$@"; do [ -d "$d" ] && mount -t tmpfs none "$d"; done
        if env -i PATH=/usr/bin:/bin python3 -c "" 2>/dev/null; then echo "a python3 still runs" >&2; exit 1; fi
        run() { env -i HOME="$work/nopy" PATH=/usr/bin:/bin LANG=C.UTF-8 "$app" "$@"; }
        cd "$work" && run init nopy.bayan >/dev/null && run import nopy.bayan "$seeds" >/dev/null &&
            run export nopy.bayan nopy.jsonl --status all 2>/dev/null
    ' sh "$work" "$app" "$repo/seeds/statements.txt" $hide || { echo "smoke: the app needs a Python of the machine" >&2; exit 1; }
    cmp -s first.jsonl nopy.jsonl || { echo "smoke: without Python the export differs" >&2; exit 1; }
    check "with every Python of the machine hidden, init/import/export give the same export"
else
    echo "smoke: no-Python check SKIPPED (needs root and unshare)"
fi

# The desktop entry, for a user whose HOME is $work/desktop: it runs this app, and when the
# machine has shared-mime-info, *.bayan is application/x-bayan.
env -i HOME="$work/desktop" PATH=/usr/bin:/bin bash "$repo/dist/bayan/install-desktop.sh" >/dev/null
grep -qx "Exec=\"$app\" %f" "$work/desktop/.local/share/applications/bayan.desktop" \
    || { echo "smoke: the desktop entry does not run $app" >&2; exit 1; }
if command -v update-mime-database >/dev/null; then
    grep -q "application/x-bayan:\*\.bayan" "$work/desktop/.local/share/mime/globs2" \
        || { echo "smoke: *.bayan is not application/x-bayan after install-desktop.sh" >&2; exit 1; }
fi
check "install-desktop.sh: the menu entry runs the app; .bayan files are application/x-bayan"

# --- the GUI under Xvfb
if ! command -v Xvfb >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "smoke: installing Xvfb (apt-get install xvfb)"
        apt-get install -y -q xvfb >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q xvfb >/dev/null 2>&1; } || true
    fi
fi
if ! command -v Xvfb >/dev/null; then
    echo "smoke: GUI part SKIPPED: no Xvfb on this machine and it could not be installed (apt-get install xvfb)"
    echo "smoke: $passed passed, 0 failed, 3 skipped"
    exit 0
fi
if [ ! -x "$helper_python" ]; then
    echo "smoke: GUI part SKIPPED: no build/bundle-venv (made by bundle.sh) to take screenshots with"
    echo "smoke: $passed passed, 0 failed, 3 skipped"
    exit 0
fi
source "$repo/packaging/xvfb.sh"
start_xvfb "$work" || { echo "smoke: no X display" >&2; exit 1; }
screenshot() {  # OUT.png COMMAND...: the app shows a drawn window (see packaging/screen.py)
    local out="$1"; shift
    env -u QT_QPA_PLATFORM DISPLAY="$display" "$helper_python" "$repo/packaging/screen.py" "$out" -- \
        env -i HOME="$work/home" BAYAN_HOME="$work/home/bayan" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" "$@"
}
screenshot "$shots/gui.png" "$app" gui seeds.bayan --annotator smoke
check "the GUI showed on the seeds; screenshot $shots/gui.png"
# The annotator's name is remembered now, so the file alone opens without asking.
screenshot "$shots/open-file.png" "$app" seeds.bayan
check "bayan FILE.bayan opened the GUI; screenshot $shots/open-file.png"
# The Arabic UI (View → Language, remembered): the app's and Qt's translations and the
# right-to-left layout come from the bundle.
printf '\n[ui]\nlanguage=ar\n' >> "$work/home/.config/Bayan/Bayan.conf"
screenshot "$shots/arabic.png" "$app" seeds.bayan
check "the Arabic UI opened; screenshot $shots/arabic.png"
echo "smoke: $passed passed, 0 failed"
