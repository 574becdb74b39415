#!/usr/bin/env bash
# `npm run infra:up`: starts (or finds running) the local PostgreSQL and Kafka and waits until both
# answer. Safe to run again: whatever already runs is left as it is.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$INFRA_DIR/postgres.sh"
. "$INFRA_DIR/kafka.sh"

take_lock
started=$SECONDS
pg_up
kafka_up
bash "$INFRA_DIR/env.sh" >/dev/null
log "infra ready in $((SECONDS - started))s; connection settings in .data/infra.env:"
sed '/^#/d; s/^/  /' "$DATA_DIR/infra.env" >&2
