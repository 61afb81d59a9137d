# bench-lib.sh - what filter-overhead.sh and protected-paths.sh share; sourced by them, not run on its own.
#
# Before sourcing, a script sets: NAME (its name, for messages), PORT, WORK (its output folder), ROOT (the
# repository root), M2_REPO. The functions read THREADS, CONNECTIONS, CLK_TCK and PAYARA_PID as the scripts
# set them. Everything runs on 127.0.0.1 only.

die() { echo "$NAME: $*" >&2; exit 1; }
say() { echo "== $*"; }

# The help text: the comment block at the top of the calling script.
bench_help() { sed -n '2,/^set -euo/p' "$1" | sed '$d; s/^# \{0,1\}//'; }

# bench_tools tool... : wrk and the given tools must be on the PATH; sets CLK_TCK.
bench_tools() {
  command -v wrk >/dev/null 2>&1 \
    || die "wrk is not installed. This script installs nothing; on Debian/Ubuntu: apt-get install -y wrk"
  local tool
  for tool in java javac jar curl mvn awk getconf "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not on the PATH"
  done
  CLK_TCK=$(getconf CLK_TCK)
}

# bench_inputs build(0/1): builds the library and the sample when asked, then finds what the WARs and the
# server need: LIBS (the sample's WEB-INF/lib), API_JAR (the Jakarta EE Web API), PAYARA_JAR, PAYARA_VERSION.
# Stops if something already listens on PORT (it would answer the checks and take the load).
bench_inputs() {
  local jakartaee_version
  PAYARA_VERSION=$(pom_property payara.version)
  jakartaee_version=$(pom_property jakartaee.version)
  [[ -n $PAYARA_VERSION && -n $jakartaee_version ]] || die "could not read payara.version / jakartaee.version from pom.xml"
  LIBS=$ROOT/sample-war/target/sample-war/WEB-INF/lib
  if (( $1 )); then
    say "building the library and the sample (mvn -B -q -pl sample-war -am package -DskipTests)"
    mvn -B -q -Dstyle.color=never -pl sample-war -am package -DskipTests
  fi
  compgen -G "$LIBS/mfa-filter-*.jar" >/dev/null \
    || die "no mfa-filter jar in $LIBS: run without --no-build (or mvn -B -q -pl sample-war -am package -DskipTests)"
  API_JAR=$M2_REPO/jakarta/platform/jakarta.jakartaee-web-api/$jakartaee_version/jakarta.jakartaee-web-api-$jakartaee_version.jar
  [[ -f $API_JAR ]] || die "missing $API_JAR (the Maven build downloads it; set M2_REPO if your repository is elsewhere)"
  if [[ -z ${PAYARA_JAR:-} ]]; then
    PAYARA_JAR=$ROOT/sample-war/target/payara-micro.jar
    [[ -f $PAYARA_JAR ]] || PAYARA_JAR=$M2_REPO/fish/payara/extras/payara-micro/$PAYARA_VERSION/payara-micro-$PAYARA_VERSION.jar
  fi
  [[ -f $PAYARA_JAR ]] \
    || die "no Payara Micro jar: run 'mvn -B -pl sample-war -am verify' once (the ITs copy it to sample-war/target/payara-micro.jar) or set PAYARA_JAR"
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "something already listens on 127.0.0.1:$PORT; set BENCH_PORT to a free port"
  fi
}

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1; }

# Payara Micro: started by the script (PAYARA_PID), stopped on exit, also on error or Ctrl-C.
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

# await_payara timeout-seconds predicate...: waits until the predicate (a command) succeeds; stops with the
# end of Payara's log if Payara exits or the time runs out.
await_payara() {
  local timeout=$1 deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    if ! kill -0 "$PAYARA_PID" 2>/dev/null; then
      tail -n 40 "$WORK/payara.log" >&2
      PAYARA_PID=
      die "Payara Micro exited during startup (log above, full log in $WORK/payara.log)"
    fi
    if (( SECONDS > deadline )); then
      tail -n 40 "$WORK/payara.log" >&2
      die "the apps did not all answer 200 within $timeout s (log above; a busy machine may need BOOT_TIMEOUT)"
    fi
    sleep 1
  done
}

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

payara_ticks() { awk '{ print $14 + $15 }' "/proc/$PAYARA_PID/stat"; } # utime + stime, all threads

# results_header file: the table every run appends one line to.
results_header() {
  printf 'case\tround\tapp\trps\tp50_ms\tp99_ms\terrors\tload1\tcpu_us_per_req\tside\n' >"$1"
}

# measured_wrk out case round side label results label-width wrk-args...: one wrk run with Payara's CPU time
# over it; appends one line to results and prints it. Wrong answers of a wrk script (a "sign-ins:" line) count
# as errors.
measured_wrk() {
  local out=$1 case=$2 round=$3 side=$4 label=$5 results=$6 width=$7 load_before ticks_before ticks_after
  shift 7
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  ticks_before=$(payara_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" --latency "$@" >"$out"
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
  ' "$out" | tee -a "$results" | awk -F'\t' -v w="$width" '{
    printf "   %-" w "s round %s  %-16s %9.1f req/s   p50 %7.3f ms   p99 %8.3f ms   cpu %6.1f us/req   load %5s%s\n",
      $1, $2, $3, $4, $5, $6, $9, $8, ($7 > 0 ? "   ERRORS " $7 : "") }'
  if grep -q '^sign-ins:' "$out"; then echo "   $(grep '^sign-ins:' "$out")"; fi
}

note_load() {
  if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    echo "!! NOTE: load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores: other work shares the machine" >&2
  fi
}

# summarize results footer: per case the ratios B/A of the mean requests/s and of the mean CPU per request, with
# the per-round ratios (their spread is the machine's noise), then footer and the load the runs saw.
summarize() {
  awk -F'\t' -v cores="$(nproc)" -v footer="$2" '
    NR == 1 { next }
    {
      c = $1; key = c SUBSEP $2
      if (!(c in seen)) { seen[c] = 1; order[++n] = c }
      if ($10 == "A") appA[c] = $3; else appB[c] = $3
      if ($10 == "B") { b[c] += $4; bp50[c] += $5; bp99[c] += $6; bcpu[c] += $9; bn[c]++; rb[key] = $4; cb[key] = $9 }
      else             { a[c] += $4; ap50[c] += $5; ap99[c] += $6; acpu[c] += $9; an[c]++; ra[key] = $4; ca[key] = $9 }
      if ($2 > rounds[c]) rounds[c] = $2
      err[c] += $7
      if (NR == 2 || $8 < lmin) lmin = $8
      if (NR == 2 || $8 > lmax) lmax = $8
    }
    END {
      printf "%-15s %10s %10s %6s  %-20s %8s %8s %6s  %-20s %-13s %-13s  %s\n", "case", "A req/s", "B req/s",
        "ratio", "per round", "A cpu us", "B cpu us", "ratio", "per round", "p50 ms A|B", "p99 ms A|B", "A vs B"
      for (i = 1; i <= n; i++) {
        c = order[i]; rr = ""; cr = ""
        for (r = 1; r <= rounds[c]; r++) {
          rr = rr sprintf("%s%.3f", (r > 1 ? " " : ""), rb[c SUBSEP r] / ra[c SUBSEP r])
          cr = cr sprintf("%s%.3f", (r > 1 ? " " : ""), cb[c SUBSEP r] / ca[c SUBSEP r])
        }
        printf "%-15s %10.1f %10.1f %6.3f  %-20s %8.1f %8.1f %6.3f  %-20s %-13s %-13s  %s%s\n", c,
          a[c] / an[c], b[c] / bn[c], (b[c] / bn[c]) / (a[c] / an[c]), rr,
          acpu[c] / an[c], bcpu[c] / bn[c], (bcpu[c] / bn[c]) / (acpu[c] / an[c]), cr,
          sprintf("%.3f|%.3f", ap50[c] / an[c], bp50[c] / bn[c]), sprintf("%.2f|%.2f", ap99[c] / an[c], bp99[c] / bn[c]),
          appA[c] " vs " appB[c], (err[c] > 0 ? "  ERRORS " err[c] : "")
      }
      printf "%s\n", footer
      printf "1-minute load average at the start of the runs: %s to %s on %d cores", lmin, lmax, cores
      if (lmax > cores) printf "\n(other work shared the machine: trust a ratio only as far as its per-round ratios agree)"
      printf "\n"
    }
  ' "$1"
  if awk -F'\t' 'NR > 1 && $7 > 0 { bad = 1 } END { exit !bad }' "$1"; then
    echo "!! some runs had errors or wrong answers (column errors in $1): their figures do not count" >&2
  fi
}
