/**
 * The hexagonal dependency rule (docs/architecture.md), checked in `npm test`.
 * Pure libraries listed in DOMAIN_PURE_LIBS may be used by the domain: they do
 * no I/O and read no clock or environment.
 */
const DOMAIN_PURE_LIBS = ['entities', 'minisearch', 'stopword', 'stopwords-iso', 'vader-sentiment'];
const FRAMEWORKS = '^(koa|@koa/.*|inversify|reflect-metadata|pino|dotenv|commander)$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain imports only domain and a few pure libraries (and port types, in the services)',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^src/ports/', ...DOMAIN_PURE_LIBS.map((lib) => `node_modules/${lib}/`)],
      },
    },
    {
      name: 'domain-uses-ports-as-types-only',
      comment: 'ports are interfaces: the domain may depend on their types, never on code',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/ports/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-node-builtins-in-domain-or-ports',
      comment: 'no I/O, clock or randomness in the core: those come through ports',
      severity: 'error',
      from: { path: '^src/(domain|ports)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'ports-import-only-domain',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { pathNot: ['^src/domain/', '^src/ports/'] },
    },
    {
      name: 'adapters-never-import-app',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'only-app-knows-frameworks',
      comment: 'Koa, inversify, pino, dotenv and commander belong to src/app',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/app/' },
      to: { dependencyTypes: ['npm', 'npm-dev'], path: `node_modules/${FRAMEWORKS.slice(1, -1)}/` },
    },
    {
      name: 'library-entry-never-exports-app',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
