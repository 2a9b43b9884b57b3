#!/usr/bin/env bash
# Builds the suite and runs it on this machine: PostgreSQL, a single-node Kafka broker (KRaft) and
# the four services. Needs only a JDK 17. Ctrl-C stops everything.
#   deploy/run-local.sh           run the suite
#   deploy/run-local.sh --demo    run it and drive one card through its whole life
#   deploy/run-local.sh --factory-simulator   a simulated card factory produces open orders
#   deploy/run-local.sh --cluster three Kafka brokers (replication 3, min.insync.replicas 2) and
#                                 two instances of every service (8081-8084 and 8091-8094)
# SUITE_BUSINESS_DATE=2025-06-02 runs it as of that day; SUITE_SMS_GATEWAY_URL names a real SMS
# gateway instead of the simulator on port 8090.
# SUITE_DB_URL / SUITE_DB_USER / SUITE_DB_PASSWORD and SUITE_KAFKA_BOOTSTRAP_SERVERS make it use an
# existing PostgreSQL or Kafka instead of starting its own.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests
exec java -Dsuite.home="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "deploy/target/classes:deploy/target/lib/*" cn.bj.hrss.card.deploy.LocalSuite "$@"
