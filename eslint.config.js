// The code rules of Cadence; the import boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
// Both run in `npm test` before the unit tests and in `npm run lint` (docs/architecture.md, "The parts
// and their never-rules"). No formatting rules here: formatting is not lint's business.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.tmp/**', 'docs/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // `_name` says a parameter or binding is unused on purpose (a listener's signature, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The tool configs that must be CommonJS (.dependency-cruiser.cjs and what it loads).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only lib/platform/ touches the browser (docs/architecture.md: lib-browser-only-in-platform);
    // the imports are dependency-cruiser's to check, the globals are checked here.
    files: ['lib/**/*.ts'],
    ignores: ['lib/platform/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'Only lib/platform/ touches the browser: take what you need from BackgroundPorts (lib/platform/ports.ts).' },
        { name: 'chrome', message: 'Only lib/platform/ touches the browser: take what you need from BackgroundPorts (lib/platform/ports.ts).' },
      ],
    },
  },
  {
    // Views reach the store only through components/data/'s named hooks and mutations
    // (docs/architecture.md: views-through-the-data-layer), so each write that the background must
    // act on sends its one schedule.changed. useServices() gives views the messenger alone.
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['components/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/data/store-context', '@/components/data/store-context'],
              importNames: ['useStore', 'useLiveQuery'],
              message: 'Views read and write through a named hook in components/data/ (add one there), not the store itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every view uses components/ui (issue 24): no hand-styled control is left in a view. Inside
    // components/ui the native elements are what the components are made of.
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    ignores: ['components/ui/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          ['button', 'Button, IconButton, Toggle, SegmentedControl, Tabs or Menu'],
          ['input', 'TextField, Checkbox or Radio'],
          ['select', 'Select'],
          ['textarea', 'TextArea'],
        ].map(([element, instead]) => ({
          selector: `JSXOpeningElement[name.name='${element}']`,
          message: `Use ${instead} from components/ui/ instead of a bare <${element}> (issue 24: one design system).`,
        })),
      ],
    },
  },
);
