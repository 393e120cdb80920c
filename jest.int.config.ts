// Integration and database tests (*.int-spec.ts): real PostgreSQL and Redis, one database and key prefix per run.
import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { readFileSync } from 'node:fs';


const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8'));

// Dependencies that ship only ES modules; jest's CommonJS runtime needs them compiled.
const ESM_ONLY = ['@nestjs/bullmq', '@nestjs/bull-shared', 'glob', 'lru-cache', 'minimatch', 'path-scurry', '@isaacs', 'minipass', 'jackspeak', 'package-json-from-dist', 'content-disposition', '@fastify/static', 'jose', '@otplib', '@scure', '@noble'];

const config: Config = {
  displayName: 'integration',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,supabase,tools}/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.int.json' }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/tools/jest/int-setup.ts',
  globalTeardown: '<rootDir>/tools/jest/int-teardown.ts',
  testTimeout: 30_000,
};

export default config;
