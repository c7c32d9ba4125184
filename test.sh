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
"${MVN[@]}" -T 1C verify "$@"
echo
echo "deployment jars (goal: 15 MB each):"
for jar in functions/*/target/*-aws.jar; do
  [ -f "$jar" ] && awk -v j="$jar" -v b="$(stat -c %s "$jar")" 'BEGIN { printf "  %-55s %6.1f MB\n", j, b / 1048576 }'
done
exit 0
