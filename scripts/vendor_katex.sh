#!/usr/bin/env bash
# Refresh the vendored KaTeX under docs/assets/vendor/katex (math rendering with no CDN).
# Needs npm; the result is committed, so building the site never needs npm.
# Keeps only what the site loads: katex.min.js/css, the auto-render extension and
# the woff2 fonts (every browser the theme supports reads woff2), and the license.
set -euo pipefail
version=${1:-0.16.22}
dest=docs/assets/vendor/katex
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "katex@$version" >/dev/null && tar xzf "katex-$version.tgz")
rm -rf "$dest"
mkdir -p "$dest/contrib" "$dest/fonts"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
cp "$tmp/package/dist/katex.min.js" "$dest/"
cp "$tmp/package/dist/contrib/auto-render.min.js" "$dest/contrib/"
cp "$tmp/package/dist/fonts/"*.woff2 "$dest/fonts/"
# Drop the woff/ttf fallbacks from the stylesheet: their files are not shipped.
sed -E 's/,url\(fonts\/[A-Za-z0-9_-]+\.(woff|ttf)\) format\("(woff|truetype)"\)//g' \
  "$tmp/package/dist/katex.min.css" > "$dest/katex.min.css"
echo "$version" > "$dest/VERSION"
echo "vendored KaTeX $version into $dest"
