# Sourced by run.sh, bench.sh and test.sh: finds a JDK >= 21 and Maven, installing Maven with
# apt-get when it is missing and we may. Sets JAVA_HOME, JAVA, JAVA_MAJOR, MVN and MAVEN_OPTS.
# Defines build_if_needed (run.sh, bench.sh): run from the repository root.

find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  # newest first: the machine image ships Temurin 25 beside an older default java
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
    v=${v#1.}
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c" JAVA="$c/bin/java" JAVA_MAJOR="$v"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, and java on PATH)." >&2
  echo "       Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME." >&2
  return 1
}

find_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Maven not found: installing it with apt-get…" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
    else
      echo "error: Maven (mvn) not found; install Apache Maven 3.8 or newer." >&2
      return 1
    fi
  fi
  MVN=(mvn -B -ntp)
  # Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about at every start.
  if [ "${JAVA_MAJOR:-21}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# Packages the modules (tests skipped) when a source, pom, migration or the template changed since
# the last build, so infra/system/target/lib holds a runnable local stack: every module's jar and
# what they need.
build_if_needed() {
  local stamp=infra/system/target/lib/.built
  if [ ! -f "$stamp" ] || [ -n "$(find pom.xml template.yaml test-postgres emulators shared-lib testkit functions infra/local/pom.xml infra/local/src infra/system/pom.xml \
        -newer "$stamp" -type f \( -name '*.java' -o -name '*.xml' -o -name '*.sql' -o -name '*.yaml' -o -name '*.properties' \) \
        -not -path '*/target/*' -print -quit 2>/dev/null)" ]; then
    echo "building (mvn package, tests skipped: ./test.sh runs them)…"
    "${MVN[@]}" -q package -DskipTests
    touch "$stamp"
  fi
}

find_jdk && find_maven
