#!/usr/bin/env bash
# `npm run infra:down`: stops the local Kafka and PostgreSQL; their data stays in .data/.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$INFRA_DIR/postgres.sh"
. "$INFRA_DIR/kafka.sh"

take_lock
kafka_down
pg_down
