#!/usr/bin/env node
// `npm run start:distributed`: every service its own process over Kafka + PostgreSQL
// (start them first with `npm run infra:up`). Ctrl-C stops the fleet.
const { ServiceFleet } = require('../dist/libs/platform/src/launcher');

const fleet = new ServiceFleet({ dataDir: process.env.STS_DATA_DIR || '.data/distributed', echo: true, env: process.env });
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await fleet.stopAll();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
fleet.startAll().then(
  () => console.log(`OpenSTS distributed: gateway http://127.0.0.1:${fleet.port('gateway', 'http')} https://127.0.0.1:${fleet.port('gateway', 'https')}, gRPC 127.0.0.1:${fleet.port('token-issuance', 'grpc')}`),
  async (err) => {
    console.error(err.message);
    await fleet.stopAll();
    process.exit(1);
  },
);
