#!/usr/bin/env bash
# How long the standalone app's window takes to show on the seeds (for the README's figures):
#   bash packaging/startup.sh [RUNS]
# Each run starts dist/bayan/bayan on a project of the seed statements under Xvfb and times it
# until the window is drawn on the screen (packaging/screen.py). "cold" runs first empty the
# kernel's page cache (root only: sync; echo 3 > /proc/sys/vm/drop_caches), so the app's files
# are read from disk; "warm" runs follow one another. Needs bundle.sh's dist/ and build/bundle-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
xvfb_pid=""
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT
source packaging/xvfb.sh
start_xvfb "$work"
app="$repo/dist/bayan/bayan"
clean=(env -i HOME="$work/home" BAYAN_HOME="$work/home/bayan" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display")
"${clean[@]}" "$app" init "$work/seeds.bayan" >/dev/null
"${clean[@]}" "$app" import "$work/seeds.bayan" seeds/statements.txt >/dev/null
shown() {
    DISPLAY="$display" build/bundle-venv/bin/python packaging/screen.py --settle 0.2 "$work/shot.png" -- \
        "${clean[@]}" "$app" gui "$work/seeds.bayan" --annotator timing | sed -n 's/.*drawn \([0-9.]*\) s.*/\1/p'
}
can_drop=0
if sync && echo 3 2>/dev/null > /proc/sys/vm/drop_caches; then can_drop=1; fi
for kind in cold warm; do
    if [ "$kind" = cold ] && [ "$can_drop" = 0 ]; then echo "cold: cannot drop the page cache (not root)"; continue; fi
    times=()
    for _ in $(seq "$runs"); do
        [ "$kind" = cold ] && { sync; echo 3 > /proc/sys/vm/drop_caches; }
        times+=("$(shown)")
    done
    echo "$kind: ${times[*]} s (until the window is drawn, $runs runs)"
done
