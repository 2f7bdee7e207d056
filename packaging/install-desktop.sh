#!/usr/bin/env bash
# Installs Bayan in the user's desktop (no root): the menu entry, the icon, and the file type
# application/x-bayan, so that a double click on a .bayan file opens it in Bayan.
#   bash install-desktop.sh [BAYAN]
# BAYAN is the command to run: by default the `bayan` beside this script (the unpacked app:
# dist/bayan/bayan, where bundle.sh copies this script), else `bayan` on the PATH (a pip install).
# Run it again after moving the app folder. `bash install-desktop.sh --uninstall` removes it all.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"
mime="$data/mime"

# The files: beside this script in the app folder, or in the repository (packaging/, resources/icons/).
share="$here"
icon_dir="$here/icons"
[ -d "$icon_dir" ] || icon_dir="$here/../resources/icons"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/bayan.desktop" "$mime/packages/bayan-mime.xml" "$icons/scalable/apps/bayan.svg" \
        "$icons"/*/apps/bayan.png "$icons"/*/mimetypes/application-x-bayan.png
    command -v update-mime-database >/dev/null && update-mime-database "$mime" || true
    command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
    echo "Bayan removed from the desktop"
    exit 0
fi

if [ -n "${1:-}" ]; then
    bayan="$(realpath "$1")"
elif [ -x "$here/bayan" ]; then
    bayan="$here/bayan"
elif command -v bayan >/dev/null; then
    bayan="$(command -v bayan)"
else
    echo "install-desktop.sh: no bayan command found; give its path: bash install-desktop.sh /path/to/bayan" >&2
    exit 2
fi

mkdir -p "$apps" "$mime/packages" "$icons/scalable/apps"
# Exec with the full path (quoted per the desktop entry spec), so no PATH change is needed.
sed "s|^Exec=bayan %f|Exec=\"$bayan\" %f|" "$share/bayan.desktop" > "$apps/bayan.desktop"
cp "$share/bayan-mime.xml" "$mime/packages/bayan-mime.xml"
cp "$icon_dir/bayan.svg" "$icons/scalable/apps/bayan.svg"
for png in "$icon_dir"/bayan-*.png; do
    size="$(basename "$png" .png)"; size="${size#bayan-}"
    mkdir -p "$icons/${size}x${size}/apps" "$icons/${size}x${size}/mimetypes"
    cp "$png" "$icons/${size}x${size}/apps/bayan.png"
    cp "$png" "$icons/${size}x${size}/mimetypes/application-x-bayan.png"
done

# The caches the desktop reads; each tool is optional (a minimal system may lack it).
command -v update-mime-database >/dev/null && update-mime-database "$mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" || true
command -v xdg-mime >/dev/null && xdg-mime default bayan.desktop application/x-bayan || true
echo "Bayan installed in the desktop: $apps/bayan.desktop runs $bayan; .bayan files open in it"
