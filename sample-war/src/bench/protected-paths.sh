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
#                       (@StepUp(maxAge = "PT1H")), JAX-RS /api/plain and /api/step-up (two resource classes,
#                       the same but for @StepUp), and /bench/provision (gives a user a TOTP secret through the
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
#   CASES ["requires-mfa step-up jaxrs-step-up trusted-sign-in"]
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
die() { echo "protected-paths: $*" >&2; exit 1; }
say() { echo "== $*"; }

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
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
  case $c in requires-mfa|step-up|jaxrs-step-up|trusted-sign-in) ;;
    *) die "unknown case '$c' in CASES (requires-mfa step-up jaxrs-step-up trusted-sign-in)" ;; esac
done

ROOT=$PWD
APP_SRC=$ROOT/sample-war/src/bench/protected-app
LIBS=$ROOT/sample-war/target/sample-war/WEB-INF/lib
WORK=$ROOT/sample-war/target/bench-protected
SERVER=http://127.0.0.1:$PORT
PROTECTED=$SERVER/protected
PLAIN=$SERVER/plain

# --- tools -------------------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || die "wrk is not installed. This script installs nothing; on Debian/Ubuntu: apt-get install -y wrk"
for tool in java javac jar curl mvn awk getconf base32 base64; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not on the PATH"
done
CLK_TCK=$(getconf CLK_TCK)

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
PAYARA_VERSION=$(pom_property payara.version)
JAKARTAEE_VERSION=$(pom_property jakartaee.version)
[[ -n $PAYARA_VERSION && -n $JAKARTAEE_VERSION ]] || die "could not read payara.version / jakartaee.version from pom.xml"

# --- 1. build ----------------------------------------------------------------------------------------------
if (( BUILD )); then
  say "building the library and the sample (mvn -B -q -pl sample-war -am package -DskipTests)"
  mvn -B -q -Dstyle.color=never -pl sample-war -am package -DskipTests
fi
compgen -G "$LIBS/mfa-filter-*.jar" >/dev/null \
  || die "no mfa-filter jar in $LIBS: run without --no-build (or mvn -B -q -pl sample-war -am package -DskipTests)"
OTP_JARS=$(compgen -G "$LIBS/otp-java-*.jar"):$(compgen -G "$LIBS/commons-codec-*.jar") \
  || die "no otp-java / commons-codec jar in $LIBS (the library's TOTP dependencies)"

API_JAR=$M2_REPO/jakarta/platform/jakarta.jakartaee-web-api/$JAKARTAEE_VERSION/jakarta.jakartaee-web-api-$JAKARTAEE_VERSION.jar
[[ -f $API_JAR ]] || die "missing $API_JAR (the Maven build downloads it; set M2_REPO if your repository is elsewhere)"
if [[ -z ${PAYARA_JAR:-} ]]; then
  PAYARA_JAR=$ROOT/sample-war/target/payara-micro.jar
  [[ -f $PAYARA_JAR ]] || PAYARA_JAR=$M2_REPO/fish/payara/extras/payara-micro/$PAYARA_VERSION/payara-micro-$PAYARA_VERSION.jar
fi
[[ -f $PAYARA_JAR ]] || die "no Payara Micro jar: run 'mvn -B -pl sample-war -am verify' once or set PAYARA_JAR"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  die "something already listens on 127.0.0.1:$PORT; set BENCH_PORT to a free port"
fi

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
PAYARA_PID=
stop_payara() {
  if [[ -n $PAYARA_PID ]] && kill -0 "$PAYARA_PID" 2>/dev/null; then
    echo "== stopping Payara Micro (pid $PAYARA_PID)"
    kill "$PAYARA_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$PAYARA_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$PAYARA_PID" 2>/dev/null; then kill -9 "$PAYARA_PID" 2>/dev/null || true; fi
  fi
  PAYARA_PID=
}
trap stop_payara EXIT
trap 'exit 130' INT TERM

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
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }
body_of() { curl -s --max-time 10 "$@" || true; }
deadline=$((SECONDS + 180))
until [[ $(status_of "$PLAIN/hello") == 200 && $(status_of "$PROTECTED/hello") == 200 ]]; do
  if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
    tail -n 40 "$WORK/payara.log" >&2; PAYARA_PID=
    die "Payara Micro exited during startup (log above, full log in $WORK/payara.log)"
  fi
  (( SECONDS < deadline )) || { tail -n 40 "$WORK/payara.log" >&2; die "the apps did not answer 200 within 180 s"; }
  sleep 1
done
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
# past_mfa USER [trust] -> lines "JSESSIONID <v>" (and "stepwise-trust <v>"): signed in, login challenge passed
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
TRUST=stepwise-trust=$(past_mfa "$TRUST_USER" trust | cookie_value stepwise-trust)
[[ $TRUST != stepwise-trust= ]] || die "no trust cookie"
CHECK_USER=check-$RUN_ID
CHECK_SESSION=JSESSIONID=$(past_mfa "$CHECK_USER" | cookie_value JSESSIONID)
NOFACTOR_SESSION=$(signed_in_session "$PROTECTED" "nofactor-$RUN_ID")
TRUSTED_SESSION=$(signed_in_session "$PROTECTED" "$TRUST_USER" "$TRUST")
for app in "$PLAIN" "$PROTECTED"; do expect 200 "ok -" "$app/hello"; done
# past MFA: every endpoint answers, as the signed-in user
for path in /hello /requires-mfa /step-up /api/plain /api/step-up; do
  expect 200 "ok $CHECK_USER" "$PROTECTED$path" -H "Cookie: $CHECK_SESSION"
done
# no session: the annotated endpoints refuse (to the login page; the API: no caller, 403), their twins answer
for path in /requires-mfa /step-up; do expect "302 303" "" "$PROTECTED$path"; done
expect "302 303 401 403" "" "$PROTECTED/api/step-up"
expect 200 "ok -" "$PROTECTED/api/plain"
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
printf 'case\tround\tapp\trps\tp50_ms\tp99_ms\terrors\tload1\tcpu_us_per_req\tside\n' >"$RESULTS"
payara_ticks() { awk '{ print $14 + $15 }' "/proc/$PAYARA_PID/stat"; } # utime + stime, all threads

# run_wrk case round side label wrk-args... -> appends one line to $RESULTS and prints it
run_wrk() {
  local case=$1 round=$2 side=$3 label=$4 out load_before ticks_before ticks_after
  shift 4
  out=$WORK/wrk/$case-$round-$side.txt
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  ticks_before=$(payara_ticks)
  printf '%s\t%s\t%s\t%s' "$case" "$round" "$side" "$(date -u +%T.%3N)" >>"$WORK/wrk/times.tsv"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out"
  printf '\t%s\n' "$(date -u +%T.%3N)" >>"$WORK/wrk/times.tsv" # when each run was: to cut a profile by run
  ticks_after=$(payara_ticks)
  awk -v c="$case" -v r="$round" -v a="$label" -v side="$side" -v ld="$load_before" \
      -v ticks=$((ticks_after - ticks_before)) -v hz="$CLK_TCK" '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $2 == "requests" && $3 == "in" { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(/,/, "", v); err += v } }
    /^sign-ins:/ { err += $7 }
    END {
      cpu = (n > 0 ? ticks * 1000000 / hz / n : 0)
      printf "%s\t%s\t%s\t%.1f\t%.3f\t%.3f\t%d\t%s\t%.1f\t%s\n", c, r, a, rps, p50, p99, err, ld, cpu, side
    }
  ' "$out" | tee -a "$RESULTS" | awk -F'\t' '{
    printf "   %-15s round %s  %-16s %9.1f req/s   p50 %7.3f ms   p99 %8.3f ms   cpu %6.1f us/req   load %5s%s\n",
      $1, $2, $3, $4, $5, $6, $9, $8, ($7 > 0 ? "   ERRORS " $7 : "") }'
  if grep -q '^sign-ins:' "$out"; then echo "   $(grep '^sign-ins:' "$out")"; fi
}

# case_target CASE SIDE -> "label url"
case_target() {
  case $1:$2 in
    requires-mfa:A|step-up:A) echo "/hello $PROTECTED/hello" ;;
    requires-mfa:B) echo "@RequiresMfa $PROTECTED/requires-mfa" ;;
    step-up:B) echo "@StepUp $PROTECTED/step-up" ;;
    jaxrs-step-up:A) echo "/api/plain $PROTECTED/api/plain" ;;
    jaxrs-step-up:B) echo "/api/step-up $PROTECTED/api/step-up" ;;
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

if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  echo "!! NOTE: load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores: other work shares the machine" >&2
fi
# Before the first case: every endpoint once with a session past MFA, and a sign-in on both WARs, so that the
# code they share is compiled before any case is measured (without it the first case's first run came out slow).
say "warm-up: $WARMUP per endpoint, with a session past MFA (user warm-$RUN_ID)"
WARM_SESSION=JSESSIONID=$(past_mfa "warm-$RUN_ID" | cookie_value JSESSIONID)
for path in /hello /requires-mfa /step-up /api/plain /api/step-up; do
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
awk -F'\t' -v cores="$(nproc)" '
  NR == 1 { next }
  {
    c = $1; key = c SUBSEP $2
    if (!(c in seen)) { seen[c] = 1; order[++n] = c }
    if ($10 == "B") { b[c] += $4; bp50[c] += $5; bp99[c] += $6; bcpu[c] += $9; bn[c]++; rb[key] = $4; cb[key] = $9 }
    else             { a[c] += $4; ap50[c] += $5; ap99[c] += $6; acpu[c] += $9; an[c]++; ra[key] = $4; ca[key] = $9 }
    if ($2 > rounds[c]) rounds[c] = $2
    err[c] += $7
    if (NR == 2 || $8 < lmin) lmin = $8
    if (NR == 2 || $8 > lmax) lmax = $8
  }
  END {
    printf "%-15s %10s %10s %6s  %-20s %8s %8s %6s  %-20s %-13s %-13s\n", "case", "A req/s", "B req/s",
      "ratio", "per round", "A cpu us", "B cpu us", "ratio", "per round", "p50 ms A|B", "p99 ms A|B"
    for (i = 1; i <= n; i++) {
      c = order[i]; rr = ""; cr = ""
      for (r = 1; r <= rounds[c]; r++) {
        rr = rr sprintf("%s%.3f", (r > 1 ? " " : ""), rb[c SUBSEP r] / ra[c SUBSEP r])
        cr = cr sprintf("%s%.3f", (r > 1 ? " " : ""), cb[c SUBSEP r] / ca[c SUBSEP r])
      }
      printf "%-15s %10.1f %10.1f %6.3f  %-20s %8.1f %8.1f %6.3f  %-20s %-13s %-13s%s\n", c,
        a[c] / an[c], b[c] / bn[c], (b[c] / bn[c]) / (a[c] / an[c]), rr,
        acpu[c] / an[c], bcpu[c] / bn[c], (bcpu[c] / bn[c]) / (acpu[c] / an[c]), cr,
        sprintf("%.3f|%.3f", ap50[c] / an[c], bp50[c] / bn[c]), sprintf("%.2f|%.2f", ap99[c] / an[c], bp99[c] / bn[c]),
        (err[c] > 0 ? "  ERRORS " err[c] : "")
    }
    printf "goal: req/s ratio >= 0.95 and cpu ratio <= 1.05; trusted-sign-in: a sign-in is 2 requests (POST /login, GET /hello)\n"
    printf "1-minute load average at the start of the runs: %s to %s on %d cores", lmin, lmax, cores
    if (lmax > cores) printf "\n(other work shared the machine: trust a ratio only as far as its per-round ratios agree)"
    printf "\n"
  }
' "$RESULTS"
if awk -F'\t' 'NR > 1 && $7 > 0 { bad = 1 } END { exit !bad }' "$RESULTS"; then
  echo "!! some runs had errors or wrong answers (column errors in $RESULTS): their figures do not count" >&2
fi
echo "(raw wrk output: $WORK/wrk/, table: $RESULTS; elapsed $((SECONDS - START_SECONDS)) s)"
