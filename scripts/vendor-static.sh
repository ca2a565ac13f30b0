#!/usr/bin/env bash
# Re-fetch the vendored front-end files into styring/core/static/vendor/.
#
# Styring serves all JS/CSS itself (no CDN, no network calls at run time),
# so third-party files are copied into the repo. This script reproduces that
# copy from the npm registry with exact, pinned versions.
#
# To update: change a version below, run this script, check the diff, update
# the table in styring/core/static/vendor/README.md, and test the app.
#
# Requires: npm, tar, sed. Run from anywhere.
set -euo pipefail

HTMX_VERSION="2.0.11"       # stay on htmx 2.0.x (4.x is a breaking rewrite)
ALPINE_VERSION="3.17.5"     # alpinejs 3.x
BOOTSTRAP_VERSION="5.3.9"   # bootstrap 5.3.x

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_DIR="$REPO_ROOT/styring/core/static/vendor"

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT

# fetch <package> <version> -> prints the directory of the extracted package
fetch() {
    local pkg="$1" version="$2" dest="$WORK_DIR/$1"
    mkdir -p "$dest"
    local tarball
    tarball="$(cd "$dest" && npm pack --silent "${pkg}@${version}" | tail -n 1)"
    tar -xzf "$dest/$tarball" -C "$dest"
    echo "$dest/package"
}

# install_min <src> <dst>: copy a minified file and strip sourceMappingURL
# comments. The .map files are not vendored, and Django's
# ManifestStaticFilesStorage (whitenoise) fails on references to missing maps.
install_min() {
    local src="$1" dst="$2"
    mkdir -p "$(dirname "$dst")"
    sed -E -e '/^[[:space:]]*\/[/*][#@][[:space:]]*sourceMappingURL=.*$/d' "$src" > "$dst"
    if grep -q 'sourceMappingURL' "$dst"; then
        echo "error: sourceMappingURL still present in $dst" >&2
        exit 1
    fi
}

echo "Vendoring into $VENDOR_DIR"

# htmx
pkg="$(fetch htmx.org "$HTMX_VERSION")"
rm -rf "$VENDOR_DIR/htmx"
install_min "$pkg/dist/htmx.min.js" "$VENDOR_DIR/htmx/htmx.min.js"
cp "$pkg/LICENSE" "$VENDOR_DIR/htmx/LICENSE"

# Alpine.js (the CDN build self-initialises, which is what we want)
pkg="$(fetch alpinejs "$ALPINE_VERSION")"
rm -rf "$VENDOR_DIR/alpine"
install_min "$pkg/dist/cdn.min.js" "$VENDOR_DIR/alpine/alpine.min.js"
# The alpinejs npm tarball ships no licence file (package.json just says
# "MIT"), so use the packaged one if a future release adds it, else write the
# text of https://github.com/alpinejs/alpine/blob/main/LICENSE.md.
alpine_license=""
for f in LICENSE LICENSE.md LICENSE.txt; do
    if [[ -f "$pkg/$f" ]]; then alpine_license="$pkg/$f"; break; fi
done
if [[ -n "$alpine_license" ]]; then
    cp "$alpine_license" "$VENDOR_DIR/alpine/LICENSE"
else
    cat > "$VENDOR_DIR/alpine/LICENSE" <<'LICENSE_EOF'
# MIT License

Copyright © 2019-2021 Caleb Porzio and contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE_EOF
fi

# Bootstrap (bundle includes Popper)
pkg="$(fetch bootstrap "$BOOTSTRAP_VERSION")"
rm -rf "$VENDOR_DIR/bootstrap"
install_min "$pkg/dist/css/bootstrap.min.css" "$VENDOR_DIR/bootstrap/bootstrap.min.css"
install_min "$pkg/dist/js/bootstrap.bundle.min.js" "$VENDOR_DIR/bootstrap/bootstrap.bundle.min.js"
cp "$pkg/LICENSE" "$VENDOR_DIR/bootstrap/LICENSE"

echo "Done: htmx.org@$HTMX_VERSION alpinejs@$ALPINE_VERSION bootstrap@$BOOTSTRAP_VERSION"
