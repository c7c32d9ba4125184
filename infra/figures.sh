#!/usr/bin/env bash
# Prints the build's figures from what the last `./test.sh` left in the targets: tests run, failed,
# skipped and their time per module (surefire reports), and each deployment jar's size. With
# --write it also writes them to docs/figures.md, which the README and docs/build.md link to, so no
# test count or jar size in the docs is typed by hand.
#
#   infra/figures.sh [--write] [--wall SECONDS]   (--wall: the wall time of the run, for the page)
set -euo pipefail
cd "$(dirname "$0")/.."
# the JDK the build used (test.sh has set it; run alone, find it as the build does)
[ -n "${JAVA:-}" ] || source infra/local/toolchain.sh

write=0
wall=""
while [ $# -gt 0 ]; do
  case "$1" in
    --write) write=1 ;;
    --wall) wall="$2"; shift ;;
    *) echo "unknown option: $1 (see the top of infra/figures.sh)" >&2; exit 2 ;;
  esac
  shift
done

# one line per module: module tests failures errors skipped seconds
module_rows() {
  for dir in */target/surefire-reports functions/*/target/surefire-reports infra/*/target/surefire-reports; do
    [ -d "$dir" ] || continue
    module=${dir%/target/surefire-reports}
    cat "$dir"/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*>' | awk -v m="$module" '
      function attr(s, name,   r) { r = s; if (!match(r, name "=\"[^\"]*\"")) return 0
                                    r = substr(r, RSTART + length(name) + 2, RLENGTH - length(name) - 3); return r }
      { t += attr($0, "tests"); f += attr($0, "failures"); e += attr($0, "errors")
        s += attr($0, "skipped"); sec += attr($0, "time") }
      END { if (t > 0) printf "%s %d %d %d %d %.1f\n", m, t, f, e, s, sec }'
  done
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
rows=$(module_rows)
if [ -z "$rows" ]; then
  echo "no surefire reports: run ./test.sh first" >&2
  exit 1
fi

{
  echo "# Build figures (generated)"
  echo
  echo "Written by \`infra/figures.sh --write\` from the surefire reports and jars of the last \`./test.sh\`"
  echo "on $(date -u +%Y-%m-%d) ($(nproc) cores, Java $("${JAVA:-java}" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'));"
  echo "do not edit by hand. What the figures mean and how they moved: [build.md](build.md)."
  echo
  echo "## Tests"
  echo
  echo "| module | tests | failed | skipped | seconds in tests |"
  echo "|---|---:|---:|---:|---:|"
  echo "$rows" | awk '{ printf "| `%s` | %d | %d | %d | %.1f |\n", $1, $2, $3 + $4, $5, $6 }'
  echo "$rows" | awk -v wall="$wall" '{ t += $2; f += $3 + $4; s += $5; sec += $6 }
    END { printf "| **all** | **%d** | **%d** | **%d** | **%.1f** |\n", t, f, s, sec
          if (wall != "") printf "\nWall time of `./test.sh`: %d min %02d s.\n", wall / 60, wall % 60 }'
  echo
  echo "## Deployment jars (goal ≤ 15 MB each)"
  echo
  echo "| jar | MB |"
  echo "|---|---:|"
  for jar in functions/*/target/*-aws.jar; do
    [ -f "$jar" ] && awk -v j="$jar" -v b="$(stat -c %s "$jar")" 'BEGIN { printf "| `%s` | %.1f |\n", j, b / 1048576 }'
  done
} > "$out"

cat "$out"
if [ "$write" = 1 ]; then
  cp "$out" docs/figures.md
  echo "(written to docs/figures.md)"
fi
