#!/usr/bin/env bash
# Prints what of the local infra runs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$INFRA_DIR/postgres.sh"
. "$INFRA_DIR/kafka.sh"

pg_status
kafka_status
