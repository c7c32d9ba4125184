#!/usr/bin/env bash
# Runs every test of every module (real embedded PostgreSQL, ElasticMQ, S3Mock; LocalStack tests
# only where Docker runs) and builds each function's deployment jar. Extra arguments go to Maven,
# e.g. ./test.sh -pl shared-lib   or   ./test.sh -Dtest=LocalStackTest -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
cd "$(dirname "$0")"
source infra/local/toolchain.sh
# One S3Mock for every test JVM of the build (each uses a bucket of its own, TestStorage): a start
# costs ~6 s of CPU, which every module using S3 paid before. It starts beside Maven (the first
# module that needs it is a minute away); a JVM that finds its process gone starts its own. A run
# stopped by kill -9 leaves it serving its folder; the next run stops it first.
start_shared_s3mock() {
  local version jar root port tries
  version=$(sed -n 's:.*<s3mock.version>\(.*\)</s3mock.version>.*:\1:p' pom.xml)
  root="$PWD/target/test-s3"
  jar="$root/s3mock-exec.jar"
  mkdir -p "$root"
  # from the local Maven repository when an earlier build fetched it (a Maven start costs ~5 s)
  local cached="$HOME/.m2/repository/com/adobe/testing/s3mock/$version/s3mock-$version-exec.jar"
  if [ ! -f "$jar" ] && [ -f "$cached" ]; then
    cp "$cached" "$jar"
  fi
  if [ ! -f "$jar" ]; then
    "${MVN[@]}" -q dependency:copy -Dartifact="com.adobe.testing:s3mock:$version:jar:exec" \
      -DoutputDirectory="$root" >/dev/null
    mv "$root/s3mock-$version-exec.jar" "$jar"
  fi
  pkill -f -- "--com.adobe.testing.s3mock.store.root=$root/data" 2>/dev/null || true
  for tries in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  "$JAVA" -XX:TieredStopAtLevel=1 -Xmx256m -jar "$jar" --com.adobe.testing.s3mock.httpPort="$port" \
    --server.port=0 --com.adobe.testing.s3mock.store.root="$root/data" --spring.main.banner-mode=off \
    > "$root/s3mock.log" 2>&1 &
  s3mock_pid=$!
  trap 'kill "$s3mock_pid" 2>/dev/null || true' EXIT
  export NOSHOWPING_TEST_S3_ENDPOINT="http://localhost:$port" NOSHOWPING_TEST_S3_PID="$s3mock_pid"
}

echo "JDK: $JAVA_HOME (Java $JAVA_MAJOR, compiling with --release 21)"
# One ElasticMQ for every test JVM too (BuildSqs): the first JVM that needs SQS starts it in this
# folder, and it stops when this script ends, however it ends.
export NOSHOWPING_TEST_SQS_HOME="$PWD/target/test-sqs" NOSHOWPING_TEST_SQS_OWNER=$$
rm -rf "$NOSHOWPING_TEST_SQS_HOME"
# -T 1.5C: three modules at a time on two cores; their tests wait on sockets, timeouts and child
# processes often enough that the third fills the gaps (docs/build.md). Each module's tests run in
# their own JVM with their own PostgreSQL on a free port and their own queues and bucket, so
# modules build side by side safely.
start=$SECONDS
start_shared_s3mock
"${MVN[@]}" -T 1.5C verify "$@"
echo
# tests per module and jar sizes, from the reports this run left (infra/figures.sh --write puts
# them in docs/figures.md)
bash infra/figures.sh --wall $((SECONDS - start)) | sed -n '/^## Tests/,$p'
exit 0
