#!/usr/bin/env bash
# Makes sure a Chromium for the end-to-end tests exists: $CHROMIUM_PATH, Debian's /usr/bin/chromium
# (installed with apt-get when missing, as on a fresh CI machine), or Playwright's own browser on
# a developer's laptop. Playwright's browser download is not used: it is unavailable here.
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" ]] || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; }
  exit 0
fi
[[ -x /usr/bin/chromium ]] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the end-to-end tests…"
  sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  [[ -x /usr/bin/chromium ]] && exit 0
fi

if compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium-*" >/dev/null; then
  exit 0 # Playwright's own Chromium (a developer machine); tests/harness/browser.ts falls back to it.
fi
echo "No Chromium found. Install Debian's 'chromium' package, or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
