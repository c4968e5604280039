#!/usr/bin/env bash
# Runs every package's tests on another Node.js major (Lambda runs 22 and 24), with that Node's binary
# installed from the npm registry into .ci/.node/<major>. Expects `pnpm install` and a build to have run.
set -euo pipefail
major="${1:?usage: test-on-node.sh <node major, e.g. 22>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/.ci/.node/$major"
if [ ! -x "$prefix/node_modules/node/bin/node" ]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund "node@$major" >/dev/null
fi
export PATH="$prefix/node_modules/node/bin:$PATH"
echo "== tests on $(node --version)"
cd "$root"
pnpm -r --workspace-concurrency=1 --filter "./packages/**" --filter "./examples/**" --filter "./demo" run test
