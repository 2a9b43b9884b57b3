#!/usr/bin/env bash
# Issue 10's scaling figures: each consumer service with one and with two instances, on a
# 12-partition card topic (ConsumerScaling). Usage: deploy/scaling.sh [EVENTS] [REPEATS]
# Starts its own PostgreSQL and Kafka (or uses SUITE_DB_URL / SUITE_KAFKA_BOOTSTRAP_SERVERS);
# logs in target/scaling-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests
exec java -Dsuite.home="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "deploy/target/classes:deploy/target/lib/*" cn.bj.hrss.card.deploy.ConsumerScaling "$@"
