// Shared jest settings: swc for speed (type-checking is `npm run typecheck`), tsconfig paths mirrored.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@opensts/sts-core$': '<rootDir>/libs/sts-core/src',
    '^@opensts/sts-core/(.*)$': '<rootDir>/libs/sts-core/src/$1',
    '^@opensts/platform$': '<rootDir>/libs/platform/src',
    '^@opensts/platform/(.*)$': '<rootDir>/libs/platform/src/$1',
    '^@opensts/access$': '<rootDir>/libs/access/src',
    '^@opensts/access/(.*)$': '<rootDir>/libs/access/src/$1',
    '^@opensts/grpc-api$': '<rootDir>/libs/grpc-api/src',
    '^@opensts/grpc-api/(.*)$': '<rootDir>/libs/grpc-api/src/$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};
