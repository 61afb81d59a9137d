#!/usr/bin/env bash
# filter-overhead.sh - does the Stepwise MFA filter add measurable work to requests it does not protect?
#
# Run from the repository root:
#     bash sample-war/src/bench/filter-overhead.sh [--no-build]
#
# What it does (everything it writes goes to sample-war/target/bench/, which it recreates):
#   1. Builds the library and the sample (`mvn -B -q -pl sample-war -am package -DskipTests`; --no-build
#      skips this and uses the jars already in sample-war/target/sample-war/WEB-INF/lib).
#   2. Compiles the tiny app in sample-war/src/bench/app with javac against the jakartaee-web-api jar in the
#      local Maven repository and packages it with `jar` into WARs that are the same app:
#        plain.war       HelloServlet (/hello), hello.txt, web.xml with Stepwise MFA context parameters
#        mfa.war         plain.war + WEB-INF/lib = the sample's libraries (mfa-filter, mfa-annotations, deps)
#        plain-cdi.war   plain.war + WEB-INF/beans.xml, so CDI is on as it is in mfa.war (the library jar
#                        is a bean archive): mfa.war against this one leaves the filter's own share
#        plain-noop.war  plain-cdi.war + a filter on /* that only calls chain.doFilter: mfa.war against
#                        this one leaves the cost of the Stepwise MFA filter's own logic
#        plain-auth.war  plain.war + an HTTP Basic mechanism and a one-user identity store (CDI beans)
#        mfa-auth.war    plain-auth.war + the same WEB-INF/lib
#        plain-filter.war plain.war + the same do-nothing filter as plain-noop.war, but no beans.xml: a filter
#                        on /* with CDI off (the classes hold no bean-defining annotation)
#        plain-cdi-quiet.war, mfa-quiet.war  plain-cdi.war, mfa.war with one more context parameter,
#                        org.jboss.weld.context.mapping = (?!) (a regex no path matches): Weld (the CDI
#                        implementation of Payara) then activates no request, session or conversation
#                        context for any request; CDI itself stays on (injection, @ApplicationScoped beans,
#                        interceptors on beans called outside a request context)
#      The web.xml is the same in all of them (but for the two quiet WARs); without the jar its context
#      parameters are inert. /hello and hello.txt match no protect pattern and carry no annotation: for the
#      filter they are unprotected.
#   3. Deploys the WARs the chosen cases compare (plain and mfa always) into ONE Payara Micro (the version in
#      the root pom) bound to 127.0.0.1 (preboot file sample-war/src/main/payara/preboot.txt), --nohazelcast
#      --disablephonehome, fixed 1 GiB heap.
#   4. Checks before measuring: each endpoint answers 200 with the expected caller ("ok -" anonymous,
#      "ok bench" with credentials), the library started in exactly the deployed mfa WARs (its log line), a
#      protect pattern is enforced in mfa.war and not in plain.war; notes any answer that sets a cookie.
#   5. Warms every measured URL up, then per case runs wrk (--latency) in alternating order per round
#      (round 1: without, with; round 2: with, without; ...) so drift (JIT, GC, other load) hits both.
#      Cases (CASES):
#        servlet  anonymous GET /hello                   plain.war      vs mfa.war       (default)
#        auth     GET /hello with Basic credentials      plain-auth.war vs mfa-auth.war  (default)
#        cdi      anonymous GET /hello                   plain-cdi.war  vs mfa.war       (opt-in)
#        static   anonymous GET /hello.txt (default servlet) plain.war  vs mfa.war       (opt-in)
#        noop     anonymous GET /hello                   plain-noop.war vs mfa.war       (opt-in)
#        cdi-cost anonymous GET /hello, no library:      plain.war      vs plain-cdi.war (opt-in; what
#                 switching CDI on costs by itself, to split the servlet case into CDI and filter)
#        cdi-quiet anonymous GET /hello, no library:     plain.war      vs plain-cdi-quiet.war (opt-in; what
#                 CDI costs when Weld activates no request context: the remainder of cdi-cost)
#        mfa-quiet anonymous GET /hello                  plain.war      vs mfa-quiet.war (opt-in; the library
#                 in an application that uses no CDI scope itself and says so with the Weld parameter)
#        cdi-mfa-quiet anonymous GET /hello              plain-cdi-quiet.war vs mfa-quiet.war (opt-in; the
#                 library alone, both with CDI on and the Weld parameter)
#        filter   anonymous GET /hello, no library:      plain.war      vs plain-filter.war (opt-in; what any
#                 filter on /* costs without CDI)
#        noop-quiet anonymous GET /hello                 plain-filter.war vs mfa-quiet.war (opt-in; the
#                 library with the Weld parameter against a do-nothing filter without CDI)
#        candidate anonymous GET /hello                  mfa.war vs mfa-candidate.war (needs CANDIDATE_JAR)
#        candidate-quiet anonymous GET /hello            plain.war vs mfa-quiet-candidate.war (needs CANDIDATE_JAR)
#                 mfa-candidate.war, mfa-quiet-candidate.war = mfa.war, mfa-quiet.war with CANDIDATE_JAR in place
#                 of the mfa-filter jar: another build of the library (a proposed change) in the same run
#   6. Prints per run: requests/s, p50 and p99 latency, and Payara's CPU time per request (utime+stime of
#      the Payara process from /proc over the run, divided by the requests wrk completed). Per case: the
#      ratios B/A (B = with the library, or with CDI for cdi-cost) of mean requests/s and of mean CPU per
#      request, with the per-round ratios (their spread is this machine's noise). Stops Payara on exit,
#      also on error or Ctrl-C.
#
# Read the results as ratios from one run on one JVM, not as absolute speeds: wrk and Payara share the
# machine's cores, and absolute numbers move with whatever else runs there. CPU per request is the steadier
# of the two when other work shares the machine (throughput then also measures the scheduler's share).
# Never turn these numbers into a test assertion.
#
# Needs: java/javac/jar (JDK 17), mvn, curl, wrk, Linux /proc. Installs nothing; if wrk is missing it says so
# (Debian: apt-get install -y wrk). Network: loopback only.
#
# Settings (environment variables, defaults in brackets):
#   BENCH_PORT [18080]  HTTP port on 127.0.0.1; the script stops if something already listens there
#   ROUNDS [3]  DURATION [20s] (servlet case)  EXTRA_DURATION [10s] (other cases)  WARMUP [5s per URL]
#   THREADS [2]  CONNECTIONS [16]  BOOT_TIMEOUT [180 s for all deployed WARs to answer]
#   CASES ["servlet auth"; any of servlet auth cdi noop static cdi-cost cdi-quiet mfa-quiet cdi-mfa-quiet filter
#     noop-quiet candidate candidate-quiet]
#   M2_REPO [~/.m2/repository]  PAYARA_JAR [sample-war/target/payara-micro.jar, else the one in M2_REPO]
#   CANDIDATE_JAR [none]  an mfa-filter jar built from a proposed change, for the candidate cases
#   PAYARA_JAVA_OPTS [empty]  extra JVM options for Payara, e.g. a flight recording:
#     PAYARA_JAVA_OPTS="-XX:StartFlightRecording=settings=profile,filename=sample-war/target/bench.jfr"
# Time with the defaults: ~35 s build + 30-60 s boot + 20 s warm-up + 3x2x20 s + 3x2x10 s = about 4-4.5 min;
# each opt-in case adds about 70 s.
set -euo pipefail

START_SECONDS=$SECONDS
NAME=filter-overhead
# shellcheck source=bench-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) bench_help "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done

[[ -f pom.xml && -d sample-war && -d mfa-filter ]] || die "run me from the repository root (where pom.xml is)"

PORT=${BENCH_PORT:-18080}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
EXTRA_DURATION=${EXTRA_DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
CASES=${CASES:-servlet auth}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-180}
M2_REPO=${M2_REPO:-$HOME/.m2/repository}

for c in $CASES; do
  case $c in
    servlet|auth|cdi|noop|static|cdi-cost|cdi-quiet|mfa-quiet|cdi-mfa-quiet|filter|noop-quiet) ;;
    candidate|candidate-quiet) [[ -f ${CANDIDATE_JAR:-} ]] || die "case $c needs CANDIDATE_JAR (an mfa-filter jar)" ;;
    *) die "unknown case '$c' in CASES (servlet auth cdi noop static cdi-cost cdi-quiet mfa-quiet cdi-mfa-quiet filter noop-quiet candidate candidate-quiet)" ;;
  esac
done

ROOT=$PWD
BENCH_SRC=$ROOT/sample-war/src/bench/app
PREBOOT=$ROOT/sample-war/src/main/payara/preboot.txt
WORK=$ROOT/sample-war/target/bench
BASE=http://127.0.0.1:$PORT
ALL_APPS=(plain mfa plain-cdi plain-noop plain-auth mfa-auth plain-filter plain-cdi-quiet mfa-quiet
  mfa-candidate mfa-quiet-candidate)
# What an application that uses no CDI scope itself may set (Weld's documented context activation filter):
# a regex of the paths whose requests get Weld's request context; (?!) matches none.
QUIET_PARAM='org.jboss.weld.context.mapping'
QUIET_REGEX='(?!)'

case_path() { case $1 in static) echo /hello.txt ;; *) echo /hello ;; esac; }
case_duration() { case $1 in servlet) echo "$DURATION" ;; *) echo "$EXTRA_DURATION" ;; esac; }
case_app() { # case A|B -> context root (A = without the library, B = with it; cdi-cost: B = with CDI)
  case $1 in
    auth) [[ $2 == A ]] && echo plain-auth || echo mfa-auth ;;
    cdi)  [[ $2 == A ]] && echo plain-cdi || echo mfa ;;
    noop) [[ $2 == A ]] && echo plain-noop || echo mfa ;;
    cdi-cost) [[ $2 == A ]] && echo plain || echo plain-cdi ;;
    cdi-quiet) [[ $2 == A ]] && echo plain || echo plain-cdi-quiet ;;
    mfa-quiet) [[ $2 == A ]] && echo plain || echo mfa-quiet ;;
    filter) [[ $2 == A ]] && echo plain || echo plain-filter ;;
    noop-quiet) [[ $2 == A ]] && echo plain-filter || echo mfa-quiet ;;
    cdi-mfa-quiet) [[ $2 == A ]] && echo plain-cdi-quiet || echo mfa-quiet ;;
    candidate) [[ $2 == A ]] && echo mfa || echo mfa-candidate ;;
    candidate-quiet) [[ $2 == A ]] && echo plain || echo mfa-quiet-candidate ;;
    *)    [[ $2 == A ]] && echo plain || echo mfa ;;
  esac
}
case_args() { if [[ $1 == auth ]]; then printf '%s\n' -H "$AUTH_HEADER"; fi; }

# Only the WARs the chosen cases compare are deployed (plain and mfa always, for the checks): each WAR adds boot time.
deployed() { local a; for a in "${APPS[@]}"; do [[ $a == "$1" ]] && return 0; done; return 1; }
APPS=(plain mfa)
for app in "${ALL_APPS[@]}"; do
  for c in $CASES; do
    if [[ $(case_app "$c" A) == "$app" || $(case_app "$c" B) == "$app" ]] && ! deployed "$app"; then APPS+=("$app"); fi
  done
done

# --- 1. tools, build, inputs ----------------------------------------------------------------------------------
bench_tools
bench_inputs "$BUILD"

# --- 2. the WARs ---------------------------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK"/{classes/plain,classes/noop,classes/auth,stage,wrk,tmp}
say "compiling sample-war/src/bench/app against $(basename "$API_JAR")"
javac --release 17 -cp "$API_JAR" -d "$WORK/classes/plain" "$BENCH_SRC/java/dev/stepwise/bench/HelloServlet.java"
javac --release 17 -cp "$API_JAR" -d "$WORK/classes/noop" \
  "$BENCH_SRC/java/dev/stepwise/bench/HelloServlet.java" "$BENCH_SRC"/java/dev/stepwise/bench/noop/*.java
javac --release 17 -cp "$API_JAR" -d "$WORK/classes/auth" \
  "$BENCH_SRC/java/dev/stepwise/bench/HelloServlet.java" "$BENCH_SRC"/java/dev/stepwise/bench/auth/*.java

make_war() { # name classes-dir with-library(0/1) with-beans-xml(0/1) [quiet(0/1)]
  local name=$1 classes=$2 with_lib=$3 with_beans=$4 quiet=${5:-0} stage=$WORK/stage/$1
  mkdir -p "$stage/WEB-INF/classes"
  cp -R "$BENCH_SRC/webapp/." "$stage/"
  if (( quiet )); then
    awk -v p="$QUIET_PARAM" -v r="$QUIET_REGEX" '
      /<\/web-app>/ { printf "  <context-param>\n    <param-name>%s</param-name>\n    <param-value>%s</param-value>\n  </context-param>\n", p, r }
      { print }' "$BENCH_SRC/webapp/WEB-INF/web.xml" >"$stage/WEB-INF/web.xml"
    grep -q "$QUIET_PARAM" "$stage/WEB-INF/web.xml" || die "could not add $QUIET_PARAM to the web.xml of $name"
  fi
  cp -R "$classes/." "$stage/WEB-INF/classes/"
  if (( with_lib )); then
    mkdir -p "$stage/WEB-INF/lib"
    cp "$LIBS"/*.jar "$stage/WEB-INF/lib/"
  fi
  if (( with_beans )); then
    printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
      '<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="all"/>' \
      >"$stage/WEB-INF/beans.xml"
  fi
  jar --create --file "$WORK/$name.war" -C "$stage" .
}
make_war plain "$WORK/classes/plain" 0 0
make_war mfa "$WORK/classes/plain" 1 0
make_war plain-cdi "$WORK/classes/plain" 0 1
make_war plain-noop "$WORK/classes/noop" 0 1
make_war plain-auth "$WORK/classes/auth" 0 0
make_war mfa-auth "$WORK/classes/auth" 1 0
make_war plain-filter "$WORK/classes/noop" 0 0
make_war plain-cdi-quiet "$WORK/classes/plain" 0 1 1
make_war mfa-quiet "$WORK/classes/plain" 1 0 1
if [[ -n ${CANDIDATE_JAR:-} ]]; then
  for w in mfa mfa-quiet; do
    cp -R "$WORK/stage/$w" "$WORK/stage/$w-candidate"
    rm "$WORK/stage/$w-candidate"/WEB-INF/lib/mfa-filter-*.jar
    cp "$CANDIDATE_JAR" "$WORK/stage/$w-candidate/WEB-INF/lib/"
    jar --create --file "$WORK/$w-candidate.war" -C "$WORK/stage/$w-candidate" .
  done
fi
say "WARs in $WORK: ${ALL_APPS[*]}; deployed: ${APPS[*]}"
say "WEB-INF/lib of the mfa WARs: $(cd "$LIBS" && echo *.jar)"

# --- 3. Payara Micro -----------------------------------------------------------------------------------------
deploys=()
for app in "${APPS[@]}"; do deploys+=(--deploy "$WORK/$app.war"); done
say "starting Payara Micro $PAYARA_VERSION on 127.0.0.1:$PORT (log: $WORK/payara.log)"
# shellcheck disable=SC2086 # PAYARA_JAVA_OPTS is a list of options
java -Xms1g -Xmx1g -Djava.io.tmpdir="$WORK/tmp" ${PAYARA_JAVA_OPTS:-} -jar "$PAYARA_JAR" \
  --nohazelcast --disablephonehome \
  --prebootcommandfile "$PREBOOT" \
  --rootdir "$WORK/payara-root" \
  --port "$PORT" \
  "${deploys[@]}" \
  >"$WORK/payara.log" 2>&1 &
PAYARA_PID=$!

AUTH_HEADER="Authorization: Basic $(printf %s bench:bench | base64)"

all_up() {
  local app
  for app in "${APPS[@]}"; do
    [[ $(status_of "$BASE/$app/hello") == 200 ]] || return 1
  done
}

await_payara "$BOOT_TIMEOUT" all_up
say "all apps answer ($((SECONDS - START_SECONDS)) s since start)"

# --- 4. checks: the comparison is what it claims to be -------------------------------------------------------
expect_body() { # expected-body url [curl args...]
  local expected=$1 url=$2 body
  shift 2
  body=$(curl -s --max-time 5 "$@" "$url")
  [[ $body == "$expected" ]] || die "$url answered '$body', expected '$expected'"
}
for app in plain mfa plain-cdi plain-noop plain-filter plain-cdi-quiet mfa-quiet mfa-candidate mfa-quiet-candidate; do
  deployed "$app" || continue
  expect_body "ok -" "$BASE/$app/hello"
  expect_body "ok static" "$BASE/$app/hello.txt"
done
for app in plain-auth mfa-auth; do
  if deployed "$app"; then expect_body "ok bench" "$BASE/$app/hello" -H "$AUTH_HEADER"; fi
done

started=$(grep -c "Stepwise MFA: factors" "$WORK/payara.log" || true)
with_library=0
for app in "${APPS[@]}"; do if [[ $app == mfa* ]]; then with_library=$((with_library + 1)); fi; done
[[ $started == "$with_library" ]] \
  || die "expected the library to start in exactly $with_library apps, its log line appears $started times"
plain_admin=$(status_of "$BASE/plain/admin/x")
mfa_admin=$(status_of "$BASE/mfa/admin/x")
quiet_admin=$mfa_admin
if deployed mfa-quiet; then quiet_admin=$(status_of "$BASE/mfa-quiet/admin/x"); fi
[[ $plain_admin == 404 && $mfa_admin != 404 && $quiet_admin == "$mfa_admin" ]] \
  || die "protect pattern /admin/*: plain.war answered $plain_admin (want 404), mfa.war $mfa_admin (want not 404), mfa-quiet.war $quiet_admin (want as mfa.war)"
say "checked: library active in the mfa WARs only (protected /admin/x: plain $plain_admin, mfa $mfa_admin, mfa-quiet $quiet_admin)"

sets_cookie() { curl -s -D - -o /dev/null --max-time 5 "$@" | grep -qi '^set-cookie'; }
for app in plain mfa mfa-quiet; do
  deployed "$app" || continue
  for path in /hello /hello.txt; do
    if sets_cookie "$BASE/$app$path"; then echo "!! NOTE: anonymous GET /$app$path sets a cookie" >&2; fi
  done
done
for app in plain-auth mfa-auth; do
  deployed "$app" || continue
  if sets_cookie -H "$AUTH_HEADER" "$BASE/$app/hello"; then
    echo "!! NOTE: Basic-authenticated GET /$app/hello sets a cookie" >&2
  fi
done

# --- 5. load -------------------------------------------------------------------------------------------------
RESULTS=$WORK/results.tsv
results_header "$RESULTS"

# run_wrk case round side app duration url [wrk args...] -> appends one line to $RESULTS and prints it
run_wrk() {
  local case=$1 round=$2 side=$3 app=$4 duration=$5 url=$6
  shift 6
  measured_wrk "$WORK/wrk/$case-$round-$app.txt" "$case" "$round" "$side" "$app" "$RESULTS" 8 -d"$duration" "$@" "$url"
}

note_load
say "warm-up: $WARMUP per URL, then $ROUNDS rounds per case; wrk -t$THREADS -c$CONNECTIONS --latency"
for c in $CASES; do
  mapfile -t extra < <(case_args "$c")
  for side in A B; do
    app=$(case_app "$c" "$side")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${extra[@]+"${extra[@]}"} "$BASE/$app$(case_path "$c")" >/dev/null
  done
done

for c in $CASES; do
  mapfile -t extra < <(case_args "$c")
  say "case $c: GET $(case_path "$c")$([[ $c == auth ]] && echo ' with Basic credentials'), $(case_app "$c" A) vs $(case_app "$c" B), $(case_duration "$c") per run"
  for round in $(seq 1 "$ROUNDS"); do
    if (( round % 2 )); then order="A B"; else order="B A"; fi
    for side in $order; do
      app=$(case_app "$c" "$side")
      run_wrk "$c" "$round" "$side" "$app" "$(case_duration "$c")" "$BASE/$app$(case_path "$c")" ${extra[@]+"${extra[@]}"}
    done
  done
done

stop_payara

# --- 6. summary ----------------------------------------------------------------------------------------------
echo
say "summary: B/A (B = with the library; cdi-cost: with CDI), means of $ROUNDS runs each, one Payara, one run, $(nproc) cores"
summarize "$RESULTS" "req/s ratio < 1 and cpu ratio > 1: B costs more than A"
echo "(raw wrk output: $WORK/wrk/, table: $RESULTS; elapsed $((SECONDS - START_SECONDS)) s)"
