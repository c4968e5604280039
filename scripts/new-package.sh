#!/usr/bin/env bash
# Lays out a new @tsumiki/<name> package with the shared build, typecheck and test setup.
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
