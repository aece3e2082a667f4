#!/usr/bin/env bash
# Rebuild static/vendor/govuk-frontend/ from the pinned govuk-frontend npm package.
#
#   bash frontend/build.sh
#
# Needs node >= 20 and npm. The outputs are committed, so running the platform
# (`make run`, the Docker image, CI) never needs npm: only run this to upgrade
# GOV.UK Frontend or change frontend/scss/application.scss. See docs/frontend.md.
#
# The GOV.UK crown, the Royal crest and the GDS Transport font are reserved for
# GOV.UK: this script ships none of them and fails if the CSS asks for them.
set -euo pipefail

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$FRONTEND_DIR/.." && pwd)"
OUT="$REPO_DIR/static/vendor/govuk-frontend"
PKG="$FRONTEND_DIR/node_modules/govuk-frontend"
DIST="$PKG/dist/govuk"

fail() {
  echo "build.sh: $*" >&2
  exit 1
}

cd "$FRONTEND_DIR"
npm ci --no-audit --no-fund

VERSION="$(node -p 'require("./node_modules/govuk-frontend/package.json").version')"
SASS_VERSION="$(node -p 'require("./node_modules/sass/package.json").version')"
echo "govuk-frontend $VERSION, sass $SASS_VERSION"

rm -rf "$OUT"
mkdir -p "$OUT"

# --- CSS ---------------------------------------------------------------------
# --quiet-deps hides deprecation warnings raised inside govuk-frontend itself;
# 'import' is silenced because GOV.UK Frontend 5 is designed to be @imported.
npx --no-install sass \
  --style=compressed \
  --no-source-map \
  --load-path=node_modules \
  --quiet-deps \
  --silence-deprecation=import \
  scss/application.scss "$OUT/govuk-frontend.min.css"
CSS="$OUT/govuk-frontend.min.css"

if grep -qi "GDS Transport" "$CSS"; then fail "CSS mentions GDS Transport"; fi
if grep -qi "@font-face" "$CSS"; then fail "CSS contains an @font-face rule"; fi

# --- JS ----------------------------------------------------------------------
# The ES module build, as published, less its trailing sourceMappingURL
# comment: we do not ship the .map, so browsers' devtools would request a
# missing file, and Django's manifest storage fails collectstatic on such a
# comment (when it starts a line) whose file is missing.
sed -E 's@//# sourceMappingURL=[^[:space:]]*$@@' "$DIST/govuk-frontend.min.js" >"$OUT/govuk-frontend.min.js"
grep -q 'export{' "$OUT/govuk-frontend.min.js" || fail "govuk-frontend.min.js is not an ES module"
grep -q 'initAll' "$OUT/govuk-frontend.min.js" || fail "govuk-frontend.min.js does not export initAll"
if grep -q 'sourceMappingURL' "$OUT/govuk-frontend.min.js"; then fail "sourceMappingURL left in JS"; fi

# --- Images: only what the CSS references, never the crown/crest ------------
# Every url(...) in the compiled CSS, quotes stripped, data: URIs skipped.
css_urls() {
  { grep -o 'url([^)]*)' "$CSS" || true; } |
    sed -E 's/^url\(//; s/\)$//; s/^[[:space:]]*["'\'']?//; s/["'\'']?[[:space:]]*$//' |
    { grep -v '^data:' || true; } |
    sort -u
}

FORBIDDEN='crown|crest|favicon|icon|opengraph|manifest|\.woff2?$|(^|/)fonts/'
while IFS= read -r url; do
  [ -n "$url" ] || continue
  path="${url%%[?#]*}"
  case "$path" in
    assets/images/*) ;;
    *) fail "unexpected url($url) in CSS: only assets/images/* is allowed" ;;
  esac
  name="${path#assets/images/}"
  if grep -qiE "$FORBIDDEN" <<<"$name"; then
    fail "CSS references a reserved GOV.UK asset: $url"
  fi
  [ -f "$DIST/assets/images/$name" ] || fail "no $name in govuk-frontend's images"
  mkdir -p "$OUT/assets/images"
  cp "$DIST/assets/images/$name" "$OUT/assets/images/$name"
done < <(css_urls)

# --- Licence and version -----------------------------------------------------
echo "$VERSION" >"$OUT/VERSION"
if [ -f "$PKG/LICENSE.txt" ]; then
  cp "$PKG/LICENSE.txt" "$OUT/LICENSE"
elif [ -f "$PKG/LICENSE" ]; then
  cp "$PKG/LICENSE" "$OUT/LICENSE"
else
  # The npm package declares "license": "MIT" but does not include the text;
  # this is the text of LICENSE.txt in the alphagov/govuk-frontend repository.
  [ "$(node -p 'require("./node_modules/govuk-frontend/package.json").license')" = "MIT" ] ||
    fail "govuk-frontend is no longer MIT-licensed: review before shipping"
  cat >"$OUT/LICENSE" <<'EOF'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF
fi

# --- Final checks --------------------------------------------------------------
# 1. Every url(...) in the CSS resolves to a file we ship.
while IFS= read -r url; do
  [ -n "$url" ] || continue
  [ -f "$OUT/${url%%[?#]*}" ] || fail "url($url) in the CSS does not resolve to a shipped file"
done < <(css_urls)

# 2. Nothing reserved for GOV.UK was shipped.
reserved="$(cd "$OUT" && find . -type f | grep -iE 'crown|crest|favicon|icon|opengraph|manifest|\.woff2?$|\.ttf$|\.eot$' || true)"
[ -z "$reserved" ] || fail "reserved GOV.UK assets in $OUT: $reserved"

gds_count="$(grep -c "GDS Transport" "$CSS" || true)"
[ "$gds_count" = "0" ] || fail "GDS Transport found $gds_count times"

echo "Wrote $OUT:"
(cd "$OUT" && find . -type f -printf '  %P (%s bytes)\n' | sort)
echo "url()s in the CSS: $(css_urls | wc -l | tr -d ' ') (all resolve); GDS Transport: $gds_count; @font-face: 0"
