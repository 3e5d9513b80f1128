#!/bin/sh
# Makes the subset fonts embedded in the PDF renderer (data/fonts/PivotSans-*.ttf) from
# Liberation Sans 2 (SIL Open Font License 1.1).
#
# Needs: Debian's fonts-liberation2 package and fonttools (`pip install fonttools`).
# "Liberation", "Arimo", "Tinos" and "Cousine" are Reserved Font Names under the OFL, so the
# subset (a Modified Version) is renamed "Pivot Sans"; the copyright and licence entries of the
# name table are kept as they are.
set -eu

src=${LIBERATION_DIR:-/usr/share/fonts/truetype/liberation2}
out=$(dirname "$0")/../data/fonts

# Latin, Latin-1, Latin Extended-A/B and Additional, IPA-free; Greek; Cyrillic; general
# punctuation; currency; letterlike symbols; arrows; the math minus; geometric shapes.
unicodes="U+0020-007E,U+00A0-024F,U+0259,U+02BB-02BC,U+02C6-02C7,U+02D8-02DD,U+0300-0308,U+030A-030C,U+0327-0328,\
U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,\
U+2212,U+2215,U+2219,U+221E,U+2248,U+2260,U+2264-2265,U+25A0-25FF"

for style in Regular Bold Italic BoldItalic; do
    pyftsubset "$src/LiberationSans-$style.ttf" \
        --unicodes="$unicodes" \
        --layout-features='' \
        --legacy-kern \
        --drop-tables+=GDEF,GPOS,GSUB,FFTM \
        --no-hinting \
        --desubroutinize \
        --name-IDs='*' \
        --name-languages='*' \
        --output-file="$out/PivotSans-$style.ttf"
    python3 - "$out/PivotSans-$style.ttf" "$style" <<'PY'
import sys
from fontTools.ttLib import TTFont

path, style = sys.argv[1], sys.argv[2]
subfamily = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[style]
font = TTFont(path)
names = font["name"]
for record in list(names.names):
    if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
        names.removeNames(nameID=record.nameID)
for platform in ((3, 1, 0x409), (1, 0, 0)):
    names.setName("Pivot Sans", 1, *platform)
    names.setName(subfamily, 2, *platform)
    names.setName("Pivot Sans " + subfamily + "; subset of Liberation Sans 2", 3, *platform)
    names.setName(("Pivot Sans " + subfamily).replace(" Regular", ""), 4, *platform)
    names.setName("PivotSans-" + style, 6, *platform)
names.setName("Subset of Liberation Sans 2, renamed as the SIL OFL 1.1 requires for Reserved Font Names.", 10, 3, 1, 0x409)
font.save(path)
PY
done

awk '/^License: SIL-OFL-1.1/{on=1} on && /^Files: /{exit} on' \
    /usr/share/doc/fonts-liberation2/copyright | sed -e 's/^ \.$//' -e 's/^ //' > "$out/OFL.txt.tmp"
{
    echo "Pivot Sans is a subset of Liberation Sans 2 made by scripts/subset-fonts.sh."
    echo
    echo "Digitized data copyright (c) 2010 Google Corporation with Reserved Font Arimo, Tinos and Cousine."
    echo "Copyright (c) 2012 Red Hat, Inc. with Reserved Font Name Liberation."
    echo
    tail -n +2 "$out/OFL.txt.tmp"
} > "$out/OFL.txt"
rm "$out/OFL.txt.tmp"
ls -l "$out"
