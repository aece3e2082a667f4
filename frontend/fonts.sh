#!/usr/bin/env bash
# Rebuild static/fonts/ from Debian's fonts-noto-core package (SIL Open Font License 1.1).
#
#   bash frontend/fonts.sh
#
# Needs apt (Debian) and the project's virtualenv (fontTools and brotli are in requirements.txt).
# The outputs are committed: running the platform never needs this script. See docs/translations.md.
#
# Bengali and the Latin letters of Twi and Yoruba (ɛ ɔ Ɛ Ɔ ẹ ọ ṣ and the combining tone marks) are
# missing from many machines' fonts, and from every font WeasyPrint finds on a bare server. These
# are the two fonts the pages and the PDFs fall back on for them, cut down (subset) to what those
# languages need and compressed as WOFF2.
set -euo pipefail

NOTO_VERSION="20201225-1"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO_DIR/static/fonts"
PY="${PY:-$REPO_DIR/.venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
apt-get download "fonts-noto-core=$NOTO_VERSION"
dpkg-deb -x fonts-noto-core_*.deb deb
NOTO="$WORK/deb/usr/share/fonts/truetype/noto"

# The Bengali block, the Vedic marks Bengali uses, the danda, the joiners and the dotted circle.
BENGALI="U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0-1CFA,U+200B-200D,U+2010-2011,U+20B9,U+25CC,U+A8F1"
# Latin with its extensions for Twi and Yoruba: Ɔ Ɛ ɔ ɛ, the combining marks (tones, dot below),
# the precomposed ẹ ọ ṣ ǹ and tones (Latin Extended Additional, B), punctuation, the euro, dotted circle.
LATIN="U+0020-007E,U+00A0-017F,U+0186,U+0190,U+01CD-01DC,U+01F8-01F9,U+0254,U+025B,U+0300-036F,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+20AC,U+25CC"
# Arrows (→ in "before → after"), which Noto Sans leaves to Noto Sans Symbols.
ARROWS="U+2190-2193"

rm -rf "$OUT"
mkdir -p "$OUT"
subset() {  # source file, unicodes, output name
  "$PY" -m fontTools.subset "$NOTO/$1" --unicodes="$2" --layout-features='*' --no-hinting \
    --flavor=woff2 --output-file="$OUT/$3"
}
subset NotoSansBengali-Regular.ttf "$BENGALI" noto-sans-bengali-400.woff2
subset NotoSansBengali-Bold.ttf "$BENGALI" noto-sans-bengali-700.woff2
subset NotoSans-Regular.ttf "$LATIN" noto-sans-latin-400.woff2
subset NotoSans-Bold.ttf "$LATIN" noto-sans-latin-700.woff2
subset NotoSansSymbols-Regular.ttf "$ARROWS" noto-sans-arrows-400.woff2

# The licence: Debian's copyright file for the package, which carries the full OFL 1.1 text.
cp "$WORK/deb/usr/share/doc/fonts-noto-core/copyright" "$OUT/OFL.txt"
echo "fonts-noto-core $NOTO_VERSION (Debian), subset by frontend/fonts.sh" >"$OUT/VERSION"

echo "Wrote $OUT:"
(cd "$OUT" && find . -type f -printf '  %P (%s bytes)\n' | sort)
