#!/usr/bin/env bash
# Regenerates the TypeScript types and grpc-js service definitions from proto/ (committed output).
set -euo pipefail
cd "$(dirname "$0")/../proto"
rm -rf ../libs/grpc-api/src/generated
../node_modules/.bin/buf lint
../node_modules/.bin/buf generate
