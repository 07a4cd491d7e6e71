/**
 * The layers of src/, enforced in CI (`npm run lint:layers`). Lower layers
 * never import higher ones (type-only imports included: a type is a
 * dependency of the design too); within a layer, feature folders may use
 * each other's services. From the bottom:
 *   0 common, config
 *   1 database, documents (templates and the PDF renderer: no domain), access (roles, the
 *     Actor, @Roles/@Public: what every module checks access with)
 *   (1 also holds law: the legal texts and rule packs, data only; and jobs: the runner of long
 *   work, in process or on Redis queues, whose handlers the domain modules register)
 *   2 identity and organisation: auth, users, audit, authorities, units, people, calendar,
 *     notifications, files, awards (the award forms catalogue), health
 *   3 movements: movements, registrations, reports; imports (records from spreadsheets)
 *   4 nominations: dossiers (the workflow; the council registers itself through a port)
 *   5 council
 *   6 decisions (decisions, the award register, certificates), statistics (read-only figures),
 *     drafts (a dossier's documents drafted for the unit), publicity (lists published for opinion),
 *     signing (signed decisions, trusted CAs)
 *   7 the surfaces: web (the pages; the API's controllers live in their modules)
 *   8 the app: app.module, app.factory, server, main
 * demo and cli stand outside the app: nothing of the app imports them.
 */
const L = {
  0: ['common', 'config'],
  1: ['database', 'documents', 'access', 'law', 'jobs'],
  2: [
    'auth',
    'users',
    'audit',
    'authorities',
    'units',
    'people',
    'calendar',
    'notifications',
    'files',
    'awards',
    'health',
  ],
  3: ['movements', 'registrations', 'reports', 'imports'],
  4: ['dossiers'],
  5: ['council'],
  6: ['decisions', 'statistics', 'drafts', 'publicity', 'signing'],
  7: ['web'],
};
const folders = (names) => `^src/(${names.join('|')})/`;
const above = (n) =>
  Object.entries(L)
    .filter(([k]) => Number(k) > n)
    .flatMap(([, v]) => v);

module.exports = {
  forbidden: [
    ...Object.keys(L).map((n) => ({
      name: `layer-${n}-imports-no-higher-layer`,
      comment: `Layer ${n} (${L[n].join(', ')}) may not import from a higher layer.`,
      severity: 'error',
      from: { path: folders(L[n]) },
      to: { path: `${folders(above(Number(n)))}|^src/(app\\.|server|main)` },
    })),
    {
      name: 'documents-import-no-domain',
      comment: 'Documents render what they are given; they know no domain module.',
      severity: 'error',
      from: { path: '^src/documents/' },
      to: { path: '^src/', pathNot: '^src/(documents|common|config)/' },
    },
    {
      name: 'nothing-imports-demo',
      comment: 'The demo is loaded only by its commands (src/cli), never by the app.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(demo|cli)/' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'controllers-touch-no-data-access',
      comment: 'Controllers parse and delegate: no DataSource, repository or query builder.',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '(^|/)node_modules/(typeorm|@nestjs/typeorm)/' },
    },
    {
      name: 'no-circular',
      comment: 'No file imports itself through others (type-only imports aside).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
