#!/usr/bin/env bash
# Everything the test suite needs beyond npm packages, installed on a fresh machine by `npm test`
# itself (its pretest step): Debian's neovim (the second real LSP client) and, through
# install-e2e.sh, chromium and code-server for the browser and real-VS-Code tests.
# Idempotent and quiet when everything is present.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "${MLSD_SKIP_SYSTEM_SETUP:-}" = "1" ]; then
  echo "[setup] MLSD_SKIP_SYSTEM_SETUP=1: not installing system packages"
  exit 0
fi

if ! command -v nvim >/dev/null 2>&1; then
  echo "[setup] apt-get install neovim"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends neovim >/dev/null
fi

bash "$ROOT/scripts/install-e2e.sh"
