/**
 * The import boundaries of docs/architecture.md ("The parts and their never-rules"), checked on
 * every `npm test` and `npm run lint`. Each rule's name is the one the document uses; a rule
 * changes here and there together.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle is a type kept in the wrong file: move it where both sides can import it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-browser-only-in-platform',
      severity: 'error',
      comment: 'Only lib/platform/ touches the browser; the rest of lib/ runs under vitest in Node and gets the browser through BackgroundPorts.',
      from: { path: '^lib/', pathNot: '^lib/platform/' },
      to: { path: ['^node_modules/(webextension-polyfill|wxt)/', '^wxt/'] },
    },
    {
      name: 'lib-platform-only-ports-type',
      severity: 'error',
      comment:
        'Outside lib/platform/, lib/ may import nothing from lib/platform/ but the BackgroundPorts types (lib/platform/ports.ts), and those as types only.',
      from: { path: '^lib/', pathNot: '^lib/platform/' },
      to: { path: '^lib/platform/', pathNot: '^lib/platform/ports[.]ts$' },
    },
    {
      name: 'lib-ports-as-types-only',
      severity: 'error',
      comment: 'Services receive their ports from the composition root; importing the implementation would bring the browser back in.',
      from: { path: '^lib/', pathNot: '^lib/platform/' },
      to: { path: '^lib/platform/ports[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runner-no-browser',
      severity: 'error',
      comment:
        'The runner (runner/) is a Node process: it shares lib/ with the extension but never the browser parts, the views or the entrypoints, and lib/ never imports it.',
      from: { path: '^runner/' },
      to: { path: ['^lib/platform/', '^(components|entrypoints)/', '^node_modules/(webextension-polyfill|wxt)/'] },
    },
    {
      name: 'lib-not-runner',
      severity: 'error',
      comment: 'lib/ is shared by the extension and the runner: it never imports runner/.',
      from: { path: '^(lib|components|entrypoints)/' },
      to: { path: '^runner/' },
    },
    {
      name: 'lib-no-ui',
      severity: 'error',
      comment: 'lib/ is domain code: it never imports the side panel or the entrypoints.',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'views-no-networks-or-publisher',
      severity: 'error',
      comment: 'The side panel asks the background to reach networks and to publish; the network clients and the publisher stay out of its bundle.',
      from: { path: '^components/' },
      to: { path: '^lib/(networks|publish)/' },
    },
    {
      name: 'views-no-team-server',
      severity: 'error',
      comment:
        'The side panel never talks to the team server: the background does, with the member’s CouchDB credentials (issue 23). Views may use lib/team/ schemas, never its client, set-up or leases.',
      from: { path: '^components/' },
      to: { path: '^lib/team/(couch|server-setup|lease)[.]ts$' },
    },
    {
      name: 'views-store-through-data-layer',
      severity: 'error',
      comment: 'Views read and write IndexedDB through components/data/ only (hooks and mutations per resource).',
      from: { path: '^components/', pathNot: '^components/data/' },
      to: { path: '^lib/store/' },
    },
    {
      name: 'content-scripts-no-store-or-networks',
      severity: 'error',
      comment:
        'What runs in web pages (the site script, the capture script) reaches neither the database nor the network clients, not even through another module.',
      from: { path: '^entrypoints/(social[.]content|capture)[.]ts$' },
      to: { path: '^lib/(store|networks)/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|[.]output|[.]wxt|tests|bench|demo)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    webpackConfig: { fileName: 'scripts/depcruise-resolve.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
