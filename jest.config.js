/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/{unit,integration,e2e}/**/*.test.ts'],
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      setupFiles: ['<rootDir>/test/support/quiet-console.ts'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/miniprogram/tsconfig.json', diagnostics: false }] },
      moduleFileExtensions: ['ts', 'js', 'json'],
      // The app imports the generated bundle; tests use the sources it is built from.
      moduleNameMapper: { '^(?:\\.\\./)+generated/shared$': '<rootDir>/shared/miniprogram-bundle.ts' },
      setupFiles: ['<rootDir>/test/miniprogram/support/wx.ts', '<rootDir>/test/support/quiet-console.ts'],
    },
  ],
};
