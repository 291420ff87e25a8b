#!/usr/bin/env bash
# Runs a command under Node 22 or newer, which Cadence's demo, tests and benchmarks need (the local
# AT Protocol network imports undici 8, which needs zstd in zlib). Used by `npm run demo`, `npm test`,
# `npm run bench` and .ci/run, so the README's two commands work on a machine whose Node is older:
#
#   - a Node >= 22 already first on PATH is used as it is;
#   - otherwise Node 22 comes from the npm registry (the `node-linux-<arch>` package: its bin/node
#     and the headers native modules build against), kept in ~/.cache/cadence/node22
#     (CADENCE_NODE22_HOME), outside the repository;
#   - native modules (better-sqlite3) are rebuilt when they were built for another Node (ABI), as
#     `npm install` under an older Node leaves them.
#
#   bash scripts/with-node22.sh node demo/run.ts    run a command
#   source scripts/with-node22.sh                   only put Node 22 first on PATH (.ci/run)
set -euo pipefail

cadence_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(cadence_node_major)" -lt 22 ]; then
  case "$(uname -m)" in
    x86_64) cadence_arch=x64 ;;
    aarch64 | arm64) cadence_arch=arm64 ;;
    *) echo "Cadence needs Node 22 or newer, and there is no Node 22 package for $(uname -m) to fetch: install Node 22 from https://nodejs.org and put it first on PATH." >&2; exit 1 ;;
  esac
  N22_HOME="${CADENCE_NODE22_HOME:-$HOME/.cache/cadence/node22}"
  N22="$N22_HOME/node_modules/node-linux-$cadence_arch"
  if [ ! -x "$N22/bin/node" ]; then
    if ! command -v npm >/dev/null; then
      echo "Cadence needs Node 22 or newer (this machine has $(node -v 2>/dev/null || echo no Node)) and npm to fetch it: install npm, or Node 22 from https://nodejs.org." >&2
      exit 1
    fi
    echo "[cadence] this is Node $(node -v); fetching Node 22 into $N22_HOME (once, about 30 MB)…" >&2
    mkdir -p "$N22_HOME"
    # Its own package.json, so npm installs there and not into the nearest project above it.
    [ -f "$N22_HOME/package.json" ] || echo '{"name":"cadence-node22","private":true}' > "$N22_HOME/package.json"
    npm install --prefix "$N22_HOME" --no-save --no-package-lock --no-audit --no-fund "node-linux-$cadence_arch@22" >/dev/null
  fi
  export PATH="$N22/bin:$PATH"
fi

CADENCE_NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
# node-gyp builds against the headers of the Node that runs the module. Some machines' ~/.npmrc
# points it elsewhere (here: nodedir=/usr, the system Node 20's headers).
if [ -d "$CADENCE_NODE_HOME/include/node" ]; then export npm_config_nodedir="$CADENCE_NODE_HOME"; fi

# Sourced without a command (.ci/run): stop here, with PATH set.
if [ "${BASH_SOURCE[0]}" != "$0" ] && [ $# -eq 0 ]; then return 0; fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -d node_modules/better-sqlite3 ] && ! node -e 'new (require("better-sqlite3"))(":memory:").close()' >/dev/null 2>&1; then
  echo "[cadence] better-sqlite3 was built for another Node; rebuilding it for Node $(node -v) (about a minute, once)…" >&2
  npm rebuild better-sqlite3 >/dev/null
fi
exec "$@"
