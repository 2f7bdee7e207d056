#!/usr/bin/env bash
# Builds the standalone app: dist/bayan/, whose dist/bayan/bayan takes the same commands as
# `python main.py` and needs no Python on the machine that runs it (Linux x86_64).
# Alone on a fresh machine: it makes its own build environment (build/bundle-venv), installs
# the project (a wheel, as users get it) and PyInstaller there, and freezes packaging/bayan.spec.
# A second run reuses the build environment. Also writes dist/bayan-linux-x86_64.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
venv=build/bundle-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
fi
# pip builds and reinstalls the project from the folder on every run (its code changes between
# runs); the bundler and the dependencies only when missing. PyInstaller below 7: the spec
# uses its dependency lister (bindepend.get_imports).
"$venv/bin/python" -m pip install --quiet "pyinstaller>=6.10,<7" "pyinstaller-hooks-contrib>=2024.8" .
rm -rf dist/bayan
"$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/bayan.spec
# What the desktop needs, beside the app: bash dist/bayan/install-desktop.sh adds the menu
# entry and the .bayan file type for the user.
cp packaging/bayan.desktop packaging/bayan-mime.xml packaging/install-desktop.sh dist/bayan/
mkdir -p dist/bayan/icons && cp resources/icons/bayan.svg resources/icons/bayan-*.png dist/bayan/icons/
tar -C dist -czf dist/bayan-linux-x86_64.tar.gz bayan
echo "bundle: dist/bayan ($(du -sh dist/bayan | cut -f1) unpacked, $(du -h dist/bayan-linux-x86_64.tar.gz | cut -f1) as tar.gz) in $((SECONDS - started)) s"
