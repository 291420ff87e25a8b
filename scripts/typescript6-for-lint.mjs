// The lint tools (typescript-eslint, dependency-cruiser) parse TypeScript with the compiler's JS API,
// which TypeScript 7, the project's `tsc` (the native compiler), no longer has: its main entry only
// says its version. TypeScript keeps the 6.0 API side by side as @typescript/typescript6, so in the
// lint's own process, and only there, `typescript` means that package (node:module registerHooks,
// Node 22.15+). Nothing that builds or type-checks Cadence runs with this hook.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript' || specifier.startsWith('typescript/')) {
      return nextResolve(`@typescript/typescript6${specifier.slice('typescript'.length)}`, context);
    }
    return nextResolve(specifier, context);
  },
});
