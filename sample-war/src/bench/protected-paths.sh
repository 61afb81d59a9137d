#!/usr/bin/env bash
# protected-paths.sh - what does a signed-in user pay for Stepwise MFA on the paths it protects?
#
# Run from the repository root:
#     bash sample-war/src/bench/protected-paths.sh [--no-build]
#
# Same method as filter-overhead.sh (one Payara Micro, alternating rounds, wrk, CPU per request from /proc);
# the app is sample-war/src/bench/protected-app. Everything it writes goes to sample-war/target/bench-protected/,
# which it recreates.
#   1. Builds the library and the sample (`mvn -B -q -pl sample-war -am package -DskipTests`; --no-build uses the
#      jars already in sample-war/target/sample-war/WEB-INF/lib).
#   2. Compiles the app against the jakartaee-web-api jar (and, for the classes that use the library, its jars)
#      and packages two WARs:
#        protected.war  the app with the library in WEB-INF/lib: form login (Jakarta Security, caller kept in the
#                       session), /hello (no annotation), /requires-mfa (@RequiresMfa), /step-up
#                       (@StepUp(maxAge = "PT1H")), JAX-RS /api/plain, /api/step-up and /api/intercepted (three
#                       resource classes, the same but for @StepUp or a do-nothing interceptor of the app's own), and /bench/provision (gives a user a TOTP secret through the
#                       library's public API, MfaAccounts.provisionTotp: benchmark only)
#        plain.war      the same form login and /hello, without the library
#      It also compiles the client in protected-app/client against otp-java (the library's TOTP dependency).
#   3. Deploys both into ONE Payara Micro bound to 127.0.0.1 (--nohazelcast), 1 GiB heap, a random key for the
#      library's secrets (stepwise.mfa.secret-key, this run only).
#   4. Checks before measuring, and stops when any answer is not the expected one: per case, that the annotated
#      endpoint answers 200 "ok <user>" with a session past MFA, and refuses (302/303; 403 from JAX-RS) without a session, and
#      refuses where the annotation adds something (a user without a factor on @RequiresMfa, a session let in by
#      a trust cookie on @StepUp), while the unannotated twin answers 200; that a sign-in with the trust cookie
#      reaches /hello in both WARs, and without it is sent to the challenge in protected.war only.
#   5. Warms every endpoint up once with a session past MFA (and the sign-in on both WARs). Per case: prepares
#      a fresh user and session (sign in, pass the login challenge with the TOTP code of
#      now), warms both sides up, then runs wrk (--latency) in alternating order per round (A B, B A, A B).
#      Cases (CASES), each A = without the annotation / the library, B = with it, in the same run:
#        requires-mfa     GET /requires-mfa vs GET /hello, both with the session past MFA (protected.war)
#        step-up          GET /step-up vs GET /hello, session past MFA, the factor proven minutes ago
#        jaxrs-step-up    GET /api/step-up vs GET /api/plain, session past MFA (the CDI interceptor)
#        jaxrs-interceptor  GET /api/intercepted vs GET /api/plain: the app's own do-nothing interceptor on the same
#                         resource (what CDI interception costs by itself, without the library's work)
#        jaxrs-step-up-own  GET /api/step-up vs GET /api/intercepted: what the library adds above interception
#        trusted-sign-in  a sign-in on a device with a valid trust cookie: POST /login (a new session each
#                         time) then GET /hello with it (where the login policy runs), protected.war vs
#                         plain.war (wrk script protected-app/sign-in.lua; a sign-in is 2 requests)
#      A session case shares one session between wrk's connections, like a browser's parallel requests.
#   6. Prints per run: requests/s, p50/p99 latency, Payara's CPU time per request (utime+stime from /proc over
#      the run / requests completed). Per case: B/A ratios of mean requests/s and mean CPU per request, with
#      the per-round ratios. Stops Payara on exit, also on error or Ctrl-C.
#
# Read the results as ratios from one run, never as absolute speeds (wrk and Payara share the cores); CPU per
# request is the steadier figure when other work shares the machine. Never turn them into a test assertion.
# No session id, trust cookie, secret or code is printed; the cookies are handed to wrk on its command line.
#
# Needs: java/javac/jar (JDK 17), mvn, curl, wrk, base32/base64 (coreutils), Linux /proc. Installs nothing.
#
# Settings (environment variables, defaults in brackets):
#   BENCH_PORT [18081]  ROUNDS [3]  DURATION [15s per run]  WARMUP [10s per URL]  THREADS [2]  CONNECTIONS [16]
#   CASES ["requires-mfa step-up jaxrs-step-up trusted-sign-in"], also jaxrs-interceptor jaxrs-step-up-own
#   M2_REPO [~/.m2/repository]  PAYARA_JAR [sample-war/target/payara-micro.jar, else the one in M2_REPO]
#   PASSWORD_HASH [none]  "pbkdf2": the app's identity store checks the password against a PBKDF2 hash (Jakarta
#                         Security's defaults, as the sample's users), so a sign-in costs what a real one does;
#                         by default it compares the password as it is (the cheapest sign-in: the worst case)
#   PAYARA_OPTS [none]  extra JVM options for Payara, e.g. a profiler:
#                       PAYARA_OPTS="-XX:StartFlightRecording=filename=pp.jfr,settings=profile,dumponexit=true"
#                       (protected-app/profile-by-run.py cuts such a recording by case and side)
# Time with the defaults: ~35 s build + 30-60 s boot + 70 s warm-up + 4 cases x (2 x 10 s warm-up + 3 x 2 x 15 s)
# = about 10 min (on a quiet machine; the boot alone took up to 3 min on a busy one).
set -euo pipefail
shopt -s inherit_errexit

START_SECONDS=$SECONDS
NAME=protected-paths
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

PORT=${BENCH_PORT:-18081}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
CASES=${CASES:-requires-mfa step-up jaxrs-step-up trusted-sign-in}
PASSWORD_HASH=${PASSWORD_HASH:-none}
case $PASSWORD_HASH in none|pbkdf2) ;; *) die "PASSWORD_HASH must be none or pbkdf2" ;; esac
M2_REPO=${M2_REPO:-$HOME/.m2/repository}

for c in $CASES; do
  case $c in requires-mfa|step-up|jaxrs-step-up|jaxrs-interceptor|jaxrs-step-up-own|trusted-sign-in) ;;
    *) die "unknown case '$c' in CASES (requires-mfa step-up jaxrs-step-up jaxrs-interceptor jaxrs-step-up-own trusted-sign-in)" ;; esac
done

ROOT=$PWD
APP_SRC=$ROOT/sample-war/src/bench/protected-app
WORK=$ROOT/sample-war/target/bench-protected
SERVER=http://127.0.0.1:$PORT
PROTECTED=$SERVER/protected
PLAIN=$SERVER/plain

# --- 1. tools, build, inputs --------------------------------------------------------------------------------
bench_tools base32 base64
bench_inputs "$BUILD"
OTP_JARS=$(compgen -G "$LIBS/otp-java-*.jar"):$(compgen -G "$LIBS/commons-codec-*.jar") \
  || die "no otp-java / commons-codec jar in $LIBS (the library's TOTP dependencies)"

# --- 2. the WARs and the client ------------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK"/{classes/plain,classes/protected,classes/client,stage,wrk,tmp}
say "compiling sample-war/src/bench/protected-app against $(basename "$API_JAR") (and the library's jars)"
APP_JAVA=$APP_SRC/java/dev/stepwise/bench/protect
javac --release 17 -cp "$API_JAR" -d "$WORK/classes/plain" "$APP_JAVA"/*.java
javac --release 17 -cp "$API_JAR:$LIBS/*" -d "$WORK/classes/protected" "$APP_JAVA"/*.java "$APP_JAVA"/mfa/*.java
javac --release 17 -cp "$OTP_JARS" -d "$WORK/classes/client" "$APP_SRC"/client/dev/stepwise/bench/client/*.java

make_war() { # name classes-dir with-library(0/1)
  local stage=$WORK/stage/$1
  mkdir -p "$stage/WEB-INF/classes"
  cp -R "$APP_SRC/webapp/." "$stage/"
  cp -R "$2/." "$stage/WEB-INF/classes/"
  if (( $3 )); then
    mkdir -p "$stage/WEB-INF/lib"
    cp "$LIBS"/*.jar "$stage/WEB-INF/lib/"
  fi
  jar --create --file "$WORK/$1.war" -C "$stage" .
}
make_war plain "$WORK/classes/plain" 0
make_war protected "$WORK/classes/protected" 1
say "WARs in $WORK: plain protected (WEB-INF/lib: $(cd "$LIBS" && echo *.jar))"

# --- 3. Payara Micro -----------------------------------------------------------------------------------------
printf '%s\n' 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
  >"$WORK/preboot.txt"
say "starting Payara Micro $PAYARA_VERSION on 127.0.0.1:$PORT (log: $WORK/payara.log)"
# shellcheck disable=SC2086 # PAYARA_OPTS is a list of options
java -Xms1g -Xmx1g -Djava.io.tmpdir="$WORK/tmp" -Dbench.password-hash="$PASSWORD_HASH" ${PAYARA_OPTS:-} \
  -Dstepwise.mfa.secret-key="$(head -c 32 /dev/urandom | base64)" \
  -jar "$PAYARA_JAR" --nohazelcast --disablephonehome \
  --prebootcommandfile "$WORK/preboot.txt" --rootdir "$WORK/payara-root" --port "$PORT" \
  --deploy "$WORK/plain.war" --deploy "$WORK/protected.war" \
  >"$WORK/payara.log" 2>&1 &
PAYARA_PID=$!

# status [curl args...] URL -> the HTTP status; body ... -> the body
body_of() { curl -s --max-time 10 "$@" || true; }
both_up() { [[ $(status_of "$PLAIN/hello") == 200 && $(status_of "$PROTECTED/hello") == 200 ]]; }
await_payara 180 both_up
say "both apps answer ($((SECONDS - START_SECONDS)) s since start)"
started=$(grep -c "Stepwise MFA: factors" "$WORK/payara.log" || true)
[[ $started == 1 ]] || die "expected the library to start in exactly 1 app, its log line appears $started times"

# --- 4. users, sessions and checks ---------------------------------------------------------------------------
RUN_ID=$(date +%s)
# provision USER -> the user's new base32 TOTP secret (kept in a shell variable only)
provision() {
  local secret answer
  secret=$(head -c 20 /dev/urandom | base32)
  answer=$(body_of -X POST --data-urlencode "user=$1" --data-urlencode "secret=$secret" "$PROTECTED/bench/provision")
  [[ $answer == provisioned ]] || die "provisioning TOTP for $1 answered '$answer'"
  printf '%s' "$secret"
}
# past_mfa USER [trust] -> lines "JSESSIONID <v>" (and "trust <name>=<v>", the name being stepwise-trust-protected:
# the library puts the context path in it): signed in, login challenge passed
past_mfa() {
  local secret
  secret=$(provision "$1")
  java -cp "$WORK/classes/client:$OTP_JARS" dev.stepwise.bench.client.BenchVisitor "$PROTECTED" "$1" "$secret" \
    ${2:+"$2"} || die "could not sign $1 in past the login challenge (see above)"
}
cookie_value() { awk -v n="$1" '$1 == n { print $2 }'; }
# signed_in_session BASE USER [cookie] -> the JSESSIONID of a fresh sign-in (form login), sending [cookie]
signed_in_session() {
  local headers
  headers=$(curl -s -D - -o /dev/null --max-time 10 -X POST -d "username=$2&password=bench" \
    ${3:+-H "Cookie: $3"} "$1/login")
  [[ $(head -n 1 <<<"$headers") == *" 303"* ]] || die "POST $1/login as $2 did not answer 303"
  sed -n 's/^[Ss]et-[Cc]ookie: \(JSESSIONID=[^;]*\).*/\1/p' <<<"$headers" | tr -d '\r' | head -n 1
}
# expect STATUSES BODY URL [curl args...]: the status is one of STATUSES (e.g. "302 303"); BODY '' = not checked
expect() {
  local want=$1 body=$2 url=$3 got text
  shift 3
  text=$(curl -s --max-time 10 -w '\n%{http_code}' "$@" "$url" || true)
  got=${text##*$'\n'}
  text=${text%$'\n'*}
  text=${text%$'\n'}
  [[ " $want " == *" $got "* ]] || die "$url answered $got, expected $want"
  if [[ -n $body && $text != "$body" ]]; then die "$url answered '$text', expected '$body'"; fi
}

say "checks: each case exercises what it claims"
TRUST_USER=trust-$RUN_ID
TRUST=$(past_mfa "$TRUST_USER" trust | cookie_value trust)
[[ $TRUST == stepwise-trust-protected=?* ]] || die "no trust cookie"
CHECK_USER=check-$RUN_ID
CHECK_SESSION=JSESSIONID=$(past_mfa "$CHECK_USER" | cookie_value JSESSIONID)
NOFACTOR_SESSION=$(signed_in_session "$PROTECTED" "nofactor-$RUN_ID")
TRUSTED_SESSION=$(signed_in_session "$PROTECTED" "$TRUST_USER" "$TRUST")
for app in "$PLAIN" "$PROTECTED"; do expect 200 "ok -" "$app/hello"; done
# past MFA: every endpoint answers, as the signed-in user
for path in /hello /requires-mfa /step-up /api/plain /api/step-up /api/intercepted; do
  expect 200 "ok $CHECK_USER" "$PROTECTED$path" -H "Cookie: $CHECK_SESSION"
done
# no session: the annotated endpoints refuse (to the login page; the API: no caller, 403), their twins answer
for path in /requires-mfa /step-up; do expect "302 303" "" "$PROTECTED$path"; done
expect "302 303 401 403" "" "$PROTECTED/api/step-up"
expect 200 "ok -" "$PROTECTED/api/plain"
expect 200 "ok -" "$PROTECTED/api/intercepted"
# signed in without a factor (the login policy asks nothing): only @RequiresMfa asks (enrolment)
expect 200 "ok nofactor-$RUN_ID" "$PROTECTED/hello" -H "Cookie: $NOFACTOR_SESSION"
expect "303" "" "$PROTECTED/requires-mfa" -H "Cookie: $NOFACTOR_SESSION"
# let in by the trust cookie (login policy satisfied, no factor proven in this session): @StepUp asks
expect 200 "ok $TRUST_USER" "$PROTECTED/hello" -H "Cookie: $TRUSTED_SESSION; $TRUST"
# (the library renews the session id when the trust cookie lets the user in: a new sign-in per check)
TRUSTED_SESSION=$(signed_in_session "$PROTECTED" "$TRUST_USER" "$TRUST")
expect 200 "ok $TRUST_USER" "$PROTECTED/requires-mfa" -H "Cookie: $TRUSTED_SESSION; $TRUST"
TRUSTED_SESSION=$(signed_in_session "$PROTECTED" "$TRUST_USER" "$TRUST")
expect "303" "" "$PROTECTED/step-up" -H "Cookie: $TRUSTED_SESSION; $TRUST"
TRUSTED_SESSION=$(signed_in_session "$PROTECTED" "$TRUST_USER" "$TRUST")
expect "303 401" "" "$PROTECTED/api/step-up" -H "Cookie: $TRUSTED_SESSION; $TRUST"
TRUSTED_SESSION=$(signed_in_session "$PROTECTED" "$TRUST_USER" "$TRUST")
expect 200 "ok $TRUST_USER" "$PROTECTED/api/plain" -H "Cookie: $TRUSTED_SESSION; $TRUST"
# a sign-in with the trust cookie reaches /hello in both WARs; without it the library sends it to the challenge
for app in "$PLAIN" "$PROTECTED"; do
  expect 200 "ok $TRUST_USER" "$app/hello" -H "Cookie: $(signed_in_session "$app" "$TRUST_USER" "$TRUST"); $TRUST"
done
expect 200 "ok $TRUST_USER" "$PLAIN/hello" -H "Cookie: $(signed_in_session "$PLAIN" "$TRUST_USER")"
expect 303 "" "$PROTECTED/hello" -H "Cookie: $(signed_in_session "$PROTECTED" "$TRUST_USER")"
say "checked: past MFA all 200; without a session the annotated endpoints refuse; without a factor only" \
  "@RequiresMfa asks; a trusted sign-in passes the login policy but not @StepUp; without the trust cookie the" \
  "library asks, the app without it does not"

# --- 5. load -------------------------------------------------------------------------------------------------
RESULTS=$WORK/results.tsv
results_header "$RESULTS"

run_wrk() {
  local case=$1 round=$2 side=$3 label=$4
  shift 4
  printf '%s\t%s\t%s\t%s' "$case" "$round" "$side" "$(date -u +%T.%3N)" >>"$WORK/wrk/times.tsv"
  measured_wrk "$WORK/wrk/$case-$round-$side.txt" "$case" "$round" "$side" "$label" "$RESULTS" 15 -d"$DURATION" "$@"
  printf '\t%s\n' "$(date -u +%T.%3N)" >>"$WORK/wrk/times.tsv" # when each run was: to cut a profile by run
}

case_target() {
  case $1:$2 in
    requires-mfa:A|step-up:A) echo "/hello $PROTECTED/hello" ;;
    requires-mfa:B) echo "@RequiresMfa $PROTECTED/requires-mfa" ;;
    step-up:B) echo "@StepUp $PROTECTED/step-up" ;;
    jaxrs-step-up:A|jaxrs-interceptor:A) echo "/api/plain $PROTECTED/api/plain" ;;
    jaxrs-step-up:B|jaxrs-step-up-own:B) echo "/api/step-up $PROTECTED/api/step-up" ;;
    jaxrs-interceptor:B|jaxrs-step-up-own:A) echo "/api/intercepted $PROTECTED/api/intercepted" ;;
    trusted-sign-in:A) echo "plain.war $SERVER" ;;
    trusted-sign-in:B) echo "protected.war $SERVER" ;;
  esac
}
# wrk_call CASE ROUND SIDE SESSION-COOKIE [warm-up]: one wrk run (the cookies go on wrk's command line only)
wrk_call() {
  local label url args
  read -r label url < <(case_target "$1" "$3")
  if [[ $1 == trusted-sign-in ]]; then
    args=(-s "$APP_SRC/sign-in.lua" "$url" -- "$([[ $3 == A ]] && echo /plain || echo /protected)" "$TRUST_USER" "$TRUST")
  else
    args=(-H "Cookie: $4" "$url")
  fi
  if [[ -n ${5:-} ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${args[@]}" >"$WORK/wrk/warmup-$1-$3.txt"
  else
    run_wrk "$1" "$2" "$3" "$label" "${args[@]}"
  fi
}

note_load
say "warm-up: $WARMUP per endpoint, with a session past MFA (user warm-$RUN_ID)"
WARM_SESSION=JSESSIONID=$(past_mfa "warm-$RUN_ID" | cookie_value JSESSIONID)
for path in /hello /requires-mfa /step-up /api/plain /api/step-up /api/intercepted; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Cookie: $WARM_SESSION" "$PROTECTED$path" >"$WORK/wrk/warmup-all${path//\//-}.txt"
done
for side in A B; do wrk_call trusted-sign-in 0 "$side" "" warm-up; done

say "per case: a fresh session past MFA, $WARMUP warm-up per side, $ROUNDS rounds of $DURATION; wrk -t$THREADS -c$CONNECTIONS --latency"
for c in $CASES; do
  session=
  if [[ $c != trusted-sign-in ]]; then
    session=JSESSIONID=$(past_mfa "$c-$RUN_ID" | cookie_value JSESSIONID)
  fi
  say "case $c: $(case_target "$c" A | cut -d' ' -f1) (A) vs $(case_target "$c" B | cut -d' ' -f1) (B)"
  for side in A B; do wrk_call "$c" 0 "$side" "$session" warm-up; done
  for round in $(seq 1 "$ROUNDS"); do
    if (( round % 2 )); then order="A B"; else order="B A"; fi
    for side in $order; do wrk_call "$c" "$round" "$side" "$session"; done
  done
done

stop_payara

# --- 6. summary ----------------------------------------------------------------------------------------------
echo
say "summary: B/A (B = with the annotation, or with the library for trusted-sign-in), means of $ROUNDS runs each, one Payara, $(nproc) cores, password hash: $PASSWORD_HASH"
summarize "$RESULTS" "goal: req/s ratio >= 0.95 and cpu ratio <= 1.05; trusted-sign-in: a sign-in is 2 requests (POST /login, GET /hello)"
echo "(raw wrk output: $WORK/wrk/, table: $RESULTS; elapsed $((SECONDS - START_SECONDS)) s)"
