// How dependency-cruiser (.dependency-cruiser.cjs) resolves `@/…`: the repository root, as WXT's alias
// in .wxt/tsconfig.json says. Given as a webpack-style `resolve` because its own options take no alias.
const { resolve } = require('node:path');

module.exports = { resolve: { alias: { '@': resolve(__dirname, '..') } } };
