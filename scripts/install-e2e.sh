#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian's chromium (driven by playwright-core),
# the native toolchain code-server's modules build with, and code-server itself under
# .e2e/code-server (gitignored). Idempotent: each step is skipped when its result is present.
# Nothing here downloads from outside the npm registry and Debian's archive.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$ROOT/.e2e"
CODE_SERVER_VERSION="4.100.3"         # VS Code 1.100: the newest code-server that runs on Node 20
RIPGREP_PACKAGE_VERSION="1.15.11"     # @vscode/ripgrep version pinned by that code-server
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
CODE_SERVER_PREFIX="$E2E_DIR/code-server"
CODE_SERVER_BIN="$CODE_SERVER_PREFIX/node_modules/code-server/out/node/entry.js"
started=$(date +%s)

log() { printf '[install-e2e] %s\n' "$*"; }

apt_packages=(chromium fonts-liberation ripgrep build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

if [ -f "$CODE_SERVER_BIN" ] && [ -e "$CODE_SERVER_PREFIX/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_PREFIX"
  mkdir -p "$CODE_SERVER_PREFIX" "$E2E_DIR/tmp"
  # @vscode/ripgrep's postinstall fetches rg from GitHub, which is unreachable here:
  # seed its download cache with a tarball of Debian's rg so it unpacks that instead.
  export TMPDIR="$E2E_DIR/tmp"
  cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  mkdir -p "$cache"
  if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
    staging="$(mktemp -d)"
    cp "$(command -v rg)" "$staging/rg"
    tar czf "$cache/$RIPGREP_ASSET" -C "$staging" rg
    rm -rf "$staging"
  fi
  [ -f "$CODE_SERVER_PREFIX/package.json" ] || echo '{"name":"mlsd-e2e-code-server","private":true}' > "$CODE_SERVER_PREFIX/package.json"
  # Root needs unsafe-perm for the postinstall; node-pty's postinstall calls npx, which must not prompt.
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
    npm install --prefix "$CODE_SERVER_PREFIX" --no-save "code-server@$CODE_SERVER_VERSION"
fi

log "done in $(( $(date +%s) - started )) s"
