/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`; tests only transpile (tsconfig.test.json), which keeps them fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
  testTimeout: 30000,
};
