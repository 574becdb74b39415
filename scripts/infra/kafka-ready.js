#!/usr/bin/env node
// One readiness probe of the local broker, as the apps will see it: a kafkajs admin connects,
// reads cluster metadata and creates the topics listed in deploy/kafka/topics.txt that are missing.
// Exit 0 when all that worked, 1 otherwise; scripts/infra/kafka.sh calls it in a loop.
// Usage: node kafka-ready.js <brokers> [topics-file]
'use strict';
const fs = require('node:fs');
const { Kafka, logLevel } = require('kafkajs');

const [brokers, topicsFile] = process.argv.slice(2);

function readTopics(file) {
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [topic, partitions] = line.split(/\s+/);
      return { topic, numPartitions: Number(partitions || 3), replicationFactor: 1 };
    });
}

async function main() {
  const kafka = new Kafka({
    clientId: 'opensts-infra-ready',
    brokers: brokers.split(','),
    connectionTimeout: 1500,
    requestTimeout: 5000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    if (!cluster.brokers.length || cluster.controller === null) throw new Error('no controller yet');
    const wanted = readTopics(topicsFile);
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length) {
      await admin.createTopics({ topics: missing, waitForLeaders: true, timeout: 10000 });
      process.stderr.write(`[infra] created topics: ${missing.map((t) => t.topic).join(', ')}\n`);
    }
  } finally {
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    if (process.env.INFRA_DEBUG) process.stderr.write(`[infra] kafka not ready: ${err.message}\n`);
    process.exit(1);
  },
);
