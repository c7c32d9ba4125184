#!/usr/bin/env bash
# Runs the whole system on this machine — no Docker, no cloud account — and walks a short demo.
#
#   ./run.sh                 build if needed, start everything, run the demo, stay in the foreground
#   ./run.sh --fresh         the same, after wiping .local/ (database, objects, keys)
#   ./run.sh --no-demo       start without the demo walk-through
#   ./run.sh invoke <FunctionLogicalId> -e events/<file>.json
#                            run one function once in a fresh JVM against the running stack
#
# Ctrl-C (or TERM) stops taking work, lets running invocations end (15 s at most), then stops every
# part. After a kill -9, the next start stops the PostgreSQL (and S3Mock) the killed run left on
# .local/ (--fresh too, before wiping); a port held by anything else is named in one line.
# Addresses of the parts: .local/stack.json. Variables that swap an embedded part or an emulator
# for an existing service (DATABASE_URL, TOSS_API_BASE_URL, …) are listed in the README ("Local stack").
set -euo pipefail
cd "$(dirname "$0")"
source infra/local/toolchain.sh

build_if_needed

jvm=(-XX:TieredStopAtLevel=1 -Dnoshowping.repo.root="$PWD" -Dlogback.configurationFile=logback-local.xml)
[ "$JAVA_MAJOR" -ge 24 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)
cp="infra/system/target/lib/*"

if [ "${1:-}" = invoke ]; then
  exec "$JAVA" "${jvm[@]}" -cp "$cp" dev.noshowping.local.LocalStack "$@"
fi

demo=1
args=()
for a in "$@"; do
  case "$a" in
    --no-demo) demo=0 ;;
    --fresh) args+=("$a") ;;
    *) echo "unknown option: $a (see the top of run.sh)" >&2; exit 2 ;;
  esac
done
rm -f "${LOCAL_DIR:-.local}/stack.json"
if [ "$demo" = 1 ]; then
  bash infra/local/demo.sh &
fi
exec "$JAVA" "${jvm[@]}" -cp "$cp" dev.noshowping.local.LocalStack "${args[@]}"
