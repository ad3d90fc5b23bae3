// Layer rules of ARCHITECTURE.md: each layer imports only the layers below it (STYLE.md H2).
module.exports = {
  forbidden: [
    // A cycle made only of type imports costs nothing at run time.
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'api-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/(?!api/)' },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: '^src/(?!util/)' },
    },
    {
      name: 'runtime-imports-api-only',
      severity: 'error',
      from: { path: '^src/runtime/' },
      to: { path: '^src/(?!runtime/|api/|util/)' },
    },
    {
      name: 'transport-imports-runtime-types',
      severity: 'error',
      from: { path: '^src/transport/' },
      to: { path: '^src/(?!transport/|runtime/|api/|util/)' },
    },
    {
      name: 'local-imports-runtime-and-transport',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: '^src/(?!local/|runtime/|transport/|metrics/|multilang/|api/|util/)' },
    },
    {
      name: 'cluster-worker-imports-runtime-and-transport',
      severity: 'error',
      from: { path: '^src/cluster/worker/' },
      to: {
        path: '^src/(?!cluster/worker/|cluster/store/|runtime/|transport/|metrics/|multilang/|api/|util/)',
      },
    },
    {
      name: 'multilang-imports-runtime',
      severity: 'error',
      from: { path: '^src/multilang/' },
      to: { path: '^src/(?!multilang/|runtime/|api/|util/)' },
    },
    {
      name: 'metrics-imports-runtime',
      severity: 'error',
      from: { path: '^src/metrics/' },
      to: { path: '^src/(?!metrics/|runtime/|api/|util/)' },
    },
    {
      name: 'ui-imports-metrics-local-and-store',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/(?!ui/|metrics/|local/|cluster/store/|runtime/|api/|util/)' },
    },
    {
      name: 'cluster-store-imports-api-only',
      severity: 'error',
      from: { path: '^src/cluster/store/' },
      to: { path: '^src/(?!cluster/store/|api/|util/)' },
    },
    {
      name: 'nimbus-imports-store-and-api',
      severity: 'error',
      from: { path: '^src/cluster/nimbus/' },
      to: { path: '^src/(?!cluster/nimbus/|cluster/store/|runtime/|api/|util/)' },
    },
    {
      name: 'supervisor-imports-store',
      severity: 'error',
      from: { path: '^src/cluster/supervisor/' },
      to: { path: '^src/(?!cluster/supervisor/|cluster/store/|runtime/|api/|util/)' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { path: '^src/(?!cli/)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^test/|\\.test\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
