/**
 * Jest compiles with SWC: our TypeScript (with decorator metadata for Nest and
 * class-validator) and the ESM-only packages (NestJS 12, ...), which Jest on
 * Node 20 cannot require() as they are. Type-checking is `npm run typecheck`.
 * @type {import('jest').Config}
 */
const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: {
      parser:
        syntax === 'ts' ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const ESM_PACKAGES = [
  '@nestjs',
  'sql-template-tag',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  '@libpdf',
  '@noble',
  '@scure',
  'lru-cache',
  'path-to-regexp',
  'content-disposition',
  'cookie',
];

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  resolver: '<rootDir>/test/esm-resolver.js',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc('ts'), '^.+\\.m?js$': swc('js') },
  // Only ESM packages are compiled (also a package's own copy of one, as Fastify's plugins keep); everything else is required as is.
  transformIgnorePatterns: [
    `/node_modules/(?!((@[^/]+/)?[^/]+/node_modules/)?(${ESM_PACKAGES.join('|')})/)`,
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
