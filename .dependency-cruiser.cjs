/**
 * The layers of the project, enforced on every `npm test` (docs/architecture.md explains them).
 *
 *   contracts, money                     → nothing in shared/ but each other (contracts may use money)
 *   platform                             → contracts, money
 *   wallet                               → platform, contracts, money
 *   payments                             → wallet, platform, contracts, money
 *   privacy (the pure anonymizer)        → contracts, money; no Node built-ins (it runs in the app)
 *   llm                                  → platform, contracts, money
 *   chat                                 → privacy, llm, payments, wallet, platform, contracts, money
 *   app (the composition root)           → any domain
 *   miniprogram-bundle.ts                → contracts, privacy, money (what the Mini Program gets)
 *   cloudfunctions/                      → shared/, its own folder, cloudfunctions/manifest.ts
 *   local/                               → shared/, cloudfunctions/, local/
 *   test/, scripts/                      → anything but miniprogram/ pages at run time
 *   miniprogram/                         → only miniprogram/ (the generated bundle included)
 */
const domain = (name, allowed) => ({
  name: `layer-${name}`,
  comment: `shared/${name} may import only: ${allowed.join(', ') || 'nothing else in shared/'}`,
  severity: 'error',
  from: { path: `^shared/${name}/` },
  to: { path: '^shared/', pathNot: [`^shared/${name}/`, ...allowed.map((a) => `^shared/${a}/`)] },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules form no cycles: a cycle means two modules are one idea, or a layer points upwards.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    domain('money', []),
    domain('contracts', ['money']),
    domain('platform', ['contracts', 'money']),
    domain('wallet', ['platform', 'contracts', 'money']),
    domain('payments', ['wallet', 'platform', 'contracts', 'money']),
    domain('privacy', ['contracts', 'money']),
    domain('llm', ['platform', 'contracts', 'money']),
    domain('chat', ['privacy', 'llm', 'payments', 'wallet', 'platform', 'contracts', 'money']),
    {
      name: 'pure-core-no-node',
      comment: 'contracts, money and privacy are bundled into the Mini Program: no Node built-ins there.',
      severity: 'error',
      from: { path: '^shared/(contracts|money|privacy)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'miniprogram-bundle',
      comment: 'The Mini Program bundle carries only the contracts, the anonymizer and money formatting.',
      severity: 'error',
      from: { path: '^shared/miniprogram-bundle\\.ts$' },
      to: { path: '^shared/', pathNot: '^shared/(contracts|privacy|money)/' },
    },
    {
      name: 'shared-stays-below',
      comment: 'The core never imports the functions, the local cloud, the app, tests or scripts.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(local|cloudfunctions|miniprogram|test|scripts)/' },
    },
    {
      name: 'functions-below-local',
      comment: 'Cloud functions are deployed: they never import the local cloud, tests, scripts or the app.',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: '^(local|miniprogram|test|scripts)/' },
    },
    {
      name: 'function-folders-apart',
      comment: 'Each function folder is deployed on its own: it may share code only through shared/.',
      severity: 'error',
      from: { path: '^cloudfunctions/([^/]+)/' },
      to: { path: '^cloudfunctions/[^/]+/', pathNot: '^cloudfunctions/$1/' },
    },
    {
      name: 'local-below-tests',
      comment: 'The local cloud never imports tests or the app.',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: '^(test|miniprogram)/' },
    },
    {
      name: 'miniprogram-self-contained',
      comment: 'DevTools packs only miniprogram/: the app imports its own files and the generated bundle, nothing else.',
      severity: 'error',
      from: { path: '^miniprogram/', pathNot: '^miniprogram/generated/.*\\.d\\.ts$' },
      to: { pathNot: '^miniprogram/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'miniprogram-no-packages',
      comment: 'The app has no npm packages at run time (no miniprogram_npm build step).',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'core'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.data|coverage)/|^cloudfunctions/[^/]+/index\\.js$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json', '.d.ts'] },
    moduleSystems: ['cjs', 'es6'],
  },
};
