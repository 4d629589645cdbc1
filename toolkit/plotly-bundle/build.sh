#!/usr/bin/env bash
# Rebuild ../stancemap/vendor/plotly-figures.min.js (or the file given as $1): plotly.js with only the
# trace types stancemap's figures draw (entry.js), for the Chrome that renders PNG/SVG/PDF images
# (stancemap.imagebrowser). Needs Node.js and npm, and the npm registry (or npm's cache) for
# `npm ci`; `make plotly-bundle` runs it. The versions are pinned (package.json, package-lock.json):
# plotly.js must be the release the pinned Python plotly bundles (its package_data/plotly.min.js), or
# stancemap falls back to that full bundle. NPM_FLAGS passes more flags to npm ci (e.g. --offline).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-$here/../stancemap/vendor/plotly-figures.min.js}")
cd "$here"
# shellcheck disable=SC2086
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error ${NPM_FLAGS:-}
version=$(node -p "require('plotly.js/package.json').version")
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
npx --no-install esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
    --define:global=window --define:define.amd=false --loader:.css=empty --legal-comments=eof \
    --log-level=warning \
    --banner:js="/* plotly.js v$version (scatter, bar, heatmap, table), built by toolkit/plotly-bundle/build.sh. Copyright 2012-2026 Plotly, Inc. MIT license. */" \
    --outfile="$tmp" --allow-overwrite
chmod 644 "$tmp"
mv "$tmp" "$out"
sha256sum "$out"
