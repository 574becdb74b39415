// End-to-end tests: every service its own OS process over the real broker and database.
const base = require('./jest.base');
module.exports = { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 180000, maxWorkers: 1, forceExit: true };
