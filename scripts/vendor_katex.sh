#!/usr/bin/env bash
# Refresh KaTeX's stylesheet and fonts under docs/assets/vendor/katex from the KaTeX that
# package.json pins (node_modules/katex, after npm ci): the build renders every formula
# with that KaTeX (engine/math.py), and a page loads only its stylesheet and the woff2
# fonts (every browser the theme supports reads woff2). A test keeps the two versions equal.
set -euo pipefail
src=node_modules/katex
dest=docs/assets/vendor/katex
version=$(node -p "require('./$src/package.json').version")
rm -rf "$dest"
mkdir -p "$dest/fonts"
cp "$src/LICENSE" "$dest/LICENSE"
cp "$src/dist/fonts/"*.woff2 "$dest/fonts/"
# Drop the woff/ttf fallbacks from the stylesheet: their files are not shipped.
sed -E 's/,url\(fonts\/[A-Za-z0-9_-]+\.(woff|ttf)\) format\("(woff|truetype)"\)//g' \
  "$src/dist/katex.min.css" > "$dest/katex.min.css"
echo "$version" > "$dest/VERSION"
echo "vendored KaTeX $version's stylesheet and fonts into $dest"
