export * from './health.http.controller';
export * from './readiness';
