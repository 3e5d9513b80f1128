#!/bin/sh
# Writes sample PDFs to look at into DIR: a plan that fits on A4, and one that does not fit on
# US Letter with a name the fonts can only partly show. Turn a page into an image with
# `pdftoppm -png -r 60 DIR/fits-a4.pdf DIR/fits-a4` (poppler-utils).
# Usage: scripts/pdf-samples.sh DIR
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
mkdir -p "$1"
dir=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet
bin=target/debug/pivot
export SOURCE_DATE_EPOCH=1798761600

"$bin" plan examples/software-engineer-to-ml-engineer.yaml --format pdf --paper a4 \
    -o "$dir/fits-a4.pdf"
sed "s/^name: .*/name: \"Zoë Ångström-Nguyễn 😀\"/" examples/career-changer-to-ml-engineer.yaml \
    > "$work/profile.yaml"
"$bin" plan "$work/profile.yaml" --format pdf --paper letter -o "$dir/overflow-letter.pdf"
echo "Wrote $dir/fits-a4.pdf and $dir/overflow-letter.pdf."
