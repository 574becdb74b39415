-- The OpenSTS role and databases: one database per service, opensts_nonces (the SignatureNonce
-- replay cache the gateway and token-issuance share, ADR 0006), and opensts_test for integration tests.
-- Run by the postgres container of docker-compose.yml on its first start and by
-- scripts/infra/postgres.sh on every `npm run infra:up`, so it must stay idempotent (psql \gexec).
-- Development credentials: a real deployment creates its own role and password.
SELECT 'CREATE ROLE opensts LOGIN CREATEDB PASSWORD ''opensts'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opensts') \gexec

SELECT format('CREATE DATABASE %I OWNER opensts', name)
  FROM unnest(ARRAY['opensts_identity', 'opensts_policy', 'opensts_issuance',
                    'opensts_gateway', 'opensts_audit', 'opensts_nonces', 'opensts_test']) AS name
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name) \gexec
