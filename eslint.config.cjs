// CommonJS, so test/project/import-layers.test.ts can load this very configuration (jest runs CommonJS).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/** A relative import of these src/ folders or files (from src/ itself or a folder of it). */
const outsideOf = (names) => `^(\\.\\.?/)+(${names.join('|')})(/|$)`;

/** Which way imports go (docs/architecture.md): each layer imports only the layers below it. */
const layers = [
  {
    files: ['src/planning/**/*.ts', 'src/network/**/*.ts'],
    message: 'The domain core stays pure: it imports only src/planning and src/network, never an adapter.',
    // Anything above src/planning and src/network, and anything outside src/.
    regex: '^(\\.\\./)+(?!(planning|network)(/|$))',
  },
  {
    files: ['src/use-cases/**/*.ts'],
    message: 'A use case imports only the domain core: the surface gives it what it reads (the inventory).',
    regex: '^(\\.\\./)+(?!(planning|network)(/|$))',
  },
  {
    files: ['src/azure/**/*.ts', 'src/storage/**/*.ts', 'src/diagram/**/*.ts', 'src/connector/**/*.ts'],
    message: 'Adapters do not import the surfaces (bot, CLI, HTTP) or the composition root.',
    regex: outsideOf(['bot', 'cli', 'http', 'server', 'index']),
  },
  {
    files: ['src/bot/**/*.ts'],
    message: 'The bot does not import the CLI, the HTTP server or the composition root.',
    regex: outsideOf(['cli', 'cli\\.ts', 'http', 'server', 'index']),
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts'],
    message: 'The CLI does not import the bot, its HTTP server or its storage.',
    regex: outsideOf(['bot', 'http', 'server', 'index', 'storage', 'connector', 'adapter']),
  },
];

const PURE_PACKAGES = ['botbuilder*', '@microsoft/*', '@azure/*', 'restify', 'fs', 'node:*', 'http', 'https', 'pino'];

module.exports = tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '.data/', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['eslint.config.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layers.map(({ files, message, regex }, i) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex, message },
            // The core also names no package of I/O, bot or Azure.
            ...(i === 0
              ? [{ group: PURE_PACKAGES, message: 'The domain core stays pure: no bot, Azure SDK or I/O imports.' }]
              : []),
          ],
        },
      ],
    },
  })),
);
