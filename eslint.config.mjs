import nx from '@nx/eslint-plugin';

// Who may import whom (../shared/STYLE.md "Boundaries"): by layer and by side of the wire. Every constraint whose
// source tags a project carries must hold, so a web feature is held by both `type:feature` and its own row.
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util'] },
  // The one exception: an api feature may import another api feature's index.ts (the graph stays acyclic).
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
  { allSourceTags: ['scope:web', 'type:feature'], onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:sandbox', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

const boundaries = (allow = []) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', ...allow],
    depConstraints,
  },
];

// Test-only crossings between the stand-ins and the production adapters they must satisfy; nothing else may cross.
const API_ADAPTERS = ['@raptorflow/api-bcm', '@raptorflow/api-email', '@raptorflow/api-payments'];
const SANDBOX_TESTING = '@raptorflow/sandbox/testing';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/tmp', '**/test-results'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': boundaries() },
  },
  // Patterns are relative to each project's eslint.config.mjs, which spreads this one.
  {
    // Integration specs start the stand-ins through their testing entry.
    files: ['**/*.int-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries([SANDBOX_TESTING]) },
  },
  {
    // The stand-ins' contract specs run the real adapters against them.
    files: ['**/*.contract.int-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(API_ADAPTERS) },
  },
];
