// The jest setup of every Angular project (apps/web and libs/web/*): the repository preset with jest-preset-angular.
// A project's jest.config.cts is `module.exports = require('<root>/jest.angular.cjs')(__dirname, '<project name>');`.
const { relative } = require('path');

module.exports = function angularJestConfig(projectDir, displayName) {
  // Jest takes a preset only as a path relative to the project (or a package name).
  const root = relative(projectDir, __dirname);
  return {
    displayName,
    preset: `${root}/jest.preset.js`,
    setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
    coverageDirectory: `${root}/coverage/${relative(__dirname, projectDir)}`,
    transform: {
      '^.+\\.(ts|mjs|js|html)$': ['jest-preset-angular', { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' }],
    },
    transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
    snapshotSerializers: [
      'jest-preset-angular/build/serializers/no-ng-attributes',
      'jest-preset-angular/build/serializers/ng-snapshot',
      'jest-preset-angular/build/serializers/html-comment',
    ],
  };
};
