#!/usr/bin/env bash
# Runs every test of every module (real embedded PostgreSQL, ElasticMQ, S3Mock; LocalStack tests
# only where Docker runs) and builds each function's deployment jar. Extra arguments go to Maven,
# e.g. ./test.sh -pl shared-lib   or   ./test.sh -Dtest=LocalStackTest -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
cd "$(dirname "$0")"
source infra/local/toolchain.sh
echo "JDK: $JAVA_HOME (Java $JAVA_MAJOR, compiling with --release 21)"
# -T 1C: one module per core at a time (each module's tests run in their own JVM with their own
# PostgreSQL, S3Mock and ElasticMQ on free ports, so modules build side by side safely)
start=$SECONDS
"${MVN[@]}" -T 1C verify "$@"
echo
# tests per module and jar sizes, from the reports this run left (infra/figures.sh --write puts
# them in docs/figures.md)
bash infra/figures.sh --wall $((SECONDS - start)) | sed -n '/^## Tests/,$p'
exit 0
