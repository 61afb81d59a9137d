#!/usr/bin/env bash
# cluster-soak.sh - two nodes on one PostgreSQL under mixed load, with the database connections killed half-way:
# does anything get through without MFA, is any code accepted twice, is anything committed lost?
#
# Run from the repository root:
#     bash sample-war/src/bench/cluster-soak.sh [--duration PT5M] [--users 8]
#
# It runs exactly one test, ClusterSoakIT (sample-war/src/test/java/dev/stepwise/sample/it/ClusterSoak*.java),
# through Maven: `mvn -B -pl sample-war -am verify` with every other test and IT skipped, in the failsafe
# execution `cluster` (two Payara Micro 6 nodes of the sample on one fresh PostgreSQL schema, ClusterNodes).
#   1. Builds the library and the sample (as part of the verify; the library's own tests are skipped).
#   2. Provisions accounts with authenticator-app secrets the client knows, and lets a few new users set theirs up
#      through the pages (for recovery codes). Not timed.
#   3. Runs the virtual users for the duration against both nodes: TOTP sign-ins (each followed at once by the
#      same code on the other node, which must be refused), trusted-device sign-ins with a step-up transfer,
#      protected reads (/statements), wrong codes (accounts of their own, which lock), recovery codes, enrolments.
#      A user's visits alternate between the nodes; each browser session stays on its node.
#   4. Half-way, for 5 s, terminates the nodes' PostgreSQL connections every 100 ms (pg_terminate_backend, only
#      the connections with the nodes' application_name).
#   5. Checks, and fails the build on any: a server error (5xx, or no answer) outside the fault window; anything but
#      the library's 503 inside it; protected content for a session without MFA; a code accepted twice (the
#      replays, the database's last TOTP step and recovery codes, the audit lines of both nodes); more counted
#      failures than the lockout allows across the nodes; an enrolment or trusted device the client saw that the
#      database lacks; a node that does not accept sign-ins again after the window.
#   6. Prints the report, sample-war/target/cluster-soak-report.md: p50/p99/max per request kind, the answers in
#      the fault window, the counts of the checks. Latencies are reported, never asserted: the machine is shared.
#
# Settings: --duration (ISO-8601, default PT60S as in CI), --users (virtual users, default 8); the environment
# variable SOAK_OPTS adds Maven options, e.g. SOAK_OPTS="-Dsoak.accounts=300 -Dsoak.fault=PT10S"
# (soak.accounts 150, soak.trusting 40, soak.wrong-code-accounts 6, soak.recovery-accounts 4, soak.enrolments 30,
# soak.fault PT5S). PostgreSQL: the server named by -Dstepwise.test.postgres.url (in SOAK_OPTS), else the one the
# cluster fixture finds or starts itself.
#
# Needs: JDK 17, Maven (the dependencies in the local repository or reachable). Installs nothing.
# Time: about 1 min build + 1-3 min for the two nodes to start + the duration + 1 min checks.
set -euo pipefail
shopt -s inherit_errexit

NAME=cluster-soak
# shellcheck source=bench-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

DURATION=PT60S
USERS=8
while (( $# )); do
  case "$1" in
    --duration) [[ $# -ge 2 ]] || die "--duration needs a value, e.g. PT5M"; DURATION=$2; shift 2 ;;
    --users) [[ $# -ge 2 ]] || die "--users needs a number"; USERS=$2; shift 2 ;;
    -h|--help) bench_help "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

[[ -f pom.xml && -d sample-war && -d mfa-filter ]] || die "run me from the repository root (where pom.xml is)"
[[ $DURATION =~ ^P(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)$ && $DURATION != PT ]] \
  || die "--duration must be an ISO-8601 duration such as PT60S or PT5M, was '$DURATION'"
[[ $USERS =~ ^[1-9][0-9]*$ ]] || die "--users must be a positive number, was '$USERS'"
for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not on the PATH"
done

REPORT=sample-war/target/cluster-soak-report.md
rm -f "$REPORT"
say "ClusterSoakIT for $DURATION with $USERS virtual users (mvn -B -pl sample-war -am verify, other tests skipped)"
status=0
# shellcheck disable=SC2086 # SOAK_OPTS is a list of options
mvn -B -Dstyle.color=never -pl sample-war -am verify \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ClusterSoakIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dits.payara.skip=true -Dits.wildfly.skip=true -Dits.payara7.skip=true \
  -Dsoak.duration="$DURATION" -Dsoak.users="$USERS" ${SOAK_OPTS:-} || status=$?

if [[ -f $REPORT ]]; then
  say "report ($REPORT)"
  cat "$REPORT"
else
  echo "$NAME: no report was written (the test did not get to the end; see the Maven output above)" >&2
fi
(( status == 0 )) || die "ClusterSoakIT failed (Maven exit status $status): see the findings above"
say "ClusterSoakIT passed"
