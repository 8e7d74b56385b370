#!/usr/bin/env bash
# Builds the shipped atlas and runs the browser tests against it in Debian's Chromium.
# Installs what it needs: chromium (apt) and playwright-core (npm ci). Never downloads a browser.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

site="$root/target/browser-site"
cargo run --quiet --release --locked --manifest-path "$root/Cargo.toml" -- --root "$root" build --output "$site"
cd "$here"
PORTOLAN_SITE="$site" node --test --test-concurrency=1 ./*.test.mjs
