#!/usr/bin/env bash
# The benchmark (issue 9): starts PostgreSQL, Kafka and the four services as the local run does,
# measures the machine's ceilings in the same run, drives the suite with wrk, and writes
# benchmark/target/results/<time>/benchmark.json and benchmark.md. See docs/benchmark.md.
#   benchmark/run.sh                    quick run (3 repeats of 10 s, 100,000 replay events)
#   benchmark/run.sh --size long        60 s runs, 10,000 lifecycle cards, 1,000,000 replay events,
#                                       and 30 minutes at half the saturation rate (three windows)
#   options: --repeats N --duration S --concurrency C --rate R --cards N --replay-events N
#            --samples N --saturation-cap N --soak-minutes M --soak-window M
#            --peak-day-minutes M --peak-day-applications N --no-profile --no-rebuild
#            --replay-only --out DIR
# Needs wrk (Debian: apt-get install wrk) and the services' jars (./mvnw package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
for s in application-service card-production-service bank-gateway-service notification-service; do
  [ -f "$s/target/quarkus-app/quarkus-run.jar" ] || echo "warning: $s has no built jar; it is left out" >&2
done
./mvnw -B -q -pl benchmark,benchmark/trivial-rest,benchmark/runner -am package -DskipTests
exec java -Xmx1g -Dsuite.home="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmark/runner/target/classes:benchmark/runner/target/lib/*" \
  cn.bj.hrss.card.benchmark.Benchmark "$@"
