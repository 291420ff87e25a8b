#!/usr/bin/env bash
# `npm run lint` (and the lint step of `npm test`): the formatting (Prettier, .prettierrc.json), the
# code rules (eslint.config.js), then the import
# boundaries (.dependency-cruiser.cjs), both as docs/architecture.md states them. Either failing
# fails the whole. Both tools get TypeScript 6's API (./typescript6-for-lint.mjs says why).
set -euo pipefail
cd "$(dirname "$0")/.."
hook=(--import ./scripts/typescript6-for-lint.mjs)
node node_modules/prettier/bin/prettier.cjs --check --log-level warn . || { echo 'Formatting differs from Prettier (.prettierrc.json): run `npm run format`.' >&2; exit 1; }
node "${hook[@]}" node_modules/eslint/bin/eslint.js --max-warnings 0 .
node "${hook[@]}" node_modules/dependency-cruiser/bin/dependency-cruiser.mjs --config .dependency-cruiser.cjs --output-type err lib components entrypoints runner
