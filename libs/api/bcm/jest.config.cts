// Specs here may import @raptorflow/api-platform, whose BullMQ dependencies ship only ES modules (as jest.int.config.ts).
const ESM_ONLY = ['@nestjs/bullmq', '@nestjs/bull-shared'];

module.exports = {
  displayName: 'api-bcm',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/bcm'
};
