#!/bin/sh
# Makes the three subset fonts embedded in the PDF renderer (data/fonts/PivotSans-*.ttf) from
# Liberation Sans 2 (SIL Open Font License 1.1).
#
# Needs: Debian's fonts-liberation2 package and fonttools (`pip install fonttools`).
# "Liberation", "Arimo", "Tinos" and "Cousine" are Reserved Font Names under the OFL, so the
# subset (a Modified Version) is renamed "Pivot Sans"; the copyright and licence entries of the
# name table are kept as they are.
set -eu

src=${LIBERATION_DIR:-/usr/share/fonts/truetype/liberation2}
out=$(dirname "$0")/../data/fonts

# Basic Latin, Latin-1, Latin Extended-A, the Latin Extended-B letters of Romanian, pinyin and
# Vietnamese, Vietnamese from Latin Extended Additional, capital sharp s; modern Greek; Cyrillic
# (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian, Kazakh); general punctuation;
# currency; letterlike symbols; arrows; a few maths signs; geometric shapes. About 50 KB a face.
# Anything else is transliterated or replaced by the renderer, with a warning.
unicodes="U+0020-007E,U+00A0-017F,U+0192,U+01A0-01A1,U+01AF-01B0,U+01CD-01DC,U+01E6-01E7,U+01FA-01FF,\
U+0218-021B,U+0237,U+0259,U+02BB-02BC,U+02C6-02C7,U+02C9,U+02D8-02DD,U+0300-0304,U+0306-0308,U+030A-030C,\
U+0327-0328,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03CE,U+0400-045F,U+0490-0493,U+049A-049B,U+04A2-04A3,\
U+04AE-04B1,U+04BA-04BB,U+04D8-04D9,U+04E8-04E9,U+1E9E,U+1EA0-1EF9,U+2010-2027,U+2030-203A,U+2044,\
U+20AC,U+20A3-20A4,U+20A6-20A9,U+20AA-20AB,U+20B1,U+20B4,U+20B8-20BA,U+20BD,U+2116,U+2122,U+2126,\
U+2190-2195,U+2212,U+2215,U+2219,U+221E,U+2248,U+2260,U+2264-2265,U+25A0-25A1,U+25AA-25AB,U+25CB,U+25CF"

for style in Regular Bold Italic; do
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
subfamily = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic"}[style]
# Keep the source font's dates, so the same sources give the same bytes.
font = TTFont(path, recalcTimestamp=False)
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
sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$out/OFL.txt"
ls -l "$out"
