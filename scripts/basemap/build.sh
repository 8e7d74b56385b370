#!/usr/bin/env bash
# Regenerates themes/harbor/geo/basemap.json from Natural Earth data (npm world-atlas).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node build.mjs
