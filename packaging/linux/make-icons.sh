#!/usr/bin/env bash
# Regenerates the hicolor icon theme files from assets/icon.svg, the one
# source icon. The PNGs are committed so that packaging needs no SVG tools;
# run this after changing the SVG and commit what it writes.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v rsvg-convert >/dev/null; then
  echo "make-icons.sh: rsvg-convert is missing; install it with: apt-get install librsvg2-bin" >&2
  exit 1
fi

id=io.github.unknot.Unknot
out=packaging/linux/icons/hicolor

mkdir -p "$out/scalable/apps"
cp assets/icon.svg "$out/scalable/apps/$id.svg"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$out/${size}x${size}/apps"
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
    --output "$out/${size}x${size}/apps/$id.png" assets/icon.svg
done
echo "make-icons.sh: wrote $out"
