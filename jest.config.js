// Unit tests (*.spec.ts: pure code, no I/O) and embedded-mode integration tests
// (*.embedded-spec.ts: real SQLite and the in-process bus, no external service).
const base = require('./jest.base');

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    { ...base, displayName: 'embedded', testMatch: ['<rootDir>/{apps,libs,test}/**/*.embedded-spec.ts'] },
  ],
};
