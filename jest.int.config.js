// Integration tests (*.int-spec.ts): real PostgreSQL and/or real Kafka from `npm run infra:up`.
const base = require('./jest.base');
module.exports = { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], testTimeout: 60000, forceExit: true };
