#!/usr/bin/env bash
# Lays out a new @tsumiki/<name> package with the shared build, typecheck and test setup. Its inner layout (src/
# holds index.ts and folders, one per middleware, adapters/<source>/, errors/; test/ mirrors src/) is the one
# docs/design.md draws ("Layout"), which test/layout.test.ts checks: add the package to that drawing.
set -euo pipefail
name="$1"; description="$2"
dir="packages/$name"
mkdir -p "$dir/src" "$dir/test"
# npm ships a LICENSE only from the package's own directory.
cp LICENSE "$dir/LICENSE"
cat > "$dir/package.json" <<JSON
{
  "name": "@tsumiki/$name",
  "version": "0.1.0",
  "description": "$description",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "main": "./dist/index.cjs",
  "module": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "exports": {
    ".": {
      "import": { "types": "./dist/index.d.ts", "default": "./dist/index.js" },
      "require": { "types": "./dist/index.d.cts", "default": "./dist/index.cjs" }
    },
    "./package.json": "./package.json"
  },
  "files": ["dist", "README.md", "LICENSE"],
  "engines": { "node": ">=20" },
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc -p tsconfig.json",
    "test": "vitest run"
  }
}
JSON
cat > "$dir/tsconfig.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "include": ["src", "test", "*.config.ts"]
}
JSON
cat > "$dir/tsup.config.ts" <<'TS'
import { packageBuild } from '../../tsup.config.base.js'

export default packageBuild()
TS
cat > "$dir/vitest.config.ts" <<'TS'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
TS
[ -f "$dir/src/index.ts" ] || echo "export {}" > "$dir/src/index.ts"
# The repository's own checks depend on every package, so each is built before they run.
node -e "
const fs = require('fs')
const manifest = JSON.parse(fs.readFileSync('test/package.json', 'utf8'))
manifest.devDependencies['@tsumiki/$name'] = 'workspace:*'
manifest.devDependencies = Object.fromEntries(Object.entries(manifest.devDependencies).sort())
fs.writeFileSync('test/package.json', JSON.stringify(manifest, null, 2) + '\\n')
"
