// Unit tests (*.spec.ts: pure code, no I/O) and embedded-mode integration tests
// (test/embedded: the whole STS in one process on SQLite, no external service).
const base = require('./jest.base');

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    { ...base, displayName: 'embedded', testMatch: ['<rootDir>/test/embedded/**/*.embedded-spec.ts'] },
  ],
};
