#!/usr/bin/env bash
# Runs one of Apache Kafka's own command-line tools (the same classes as the distribution's
# bin/*.sh scripts, at the broker's version 4.1.2) against the suite's broker.
#
#   deploy/kafka-tool.sh kafka-topics          --bootstrap-server 127.0.0.1:9092 --describe --topic card-lifecycle.v1
#   deploy/kafka-tool.sh kafka-console-consumer --bootstrap-server 127.0.0.1:9092 --topic card-lifecycle.v1 --from-beginning --max-messages 5 --property print.key=true
#   deploy/kafka-tool.sh kafka-consumer-groups  --bootstrap-server 127.0.0.1:9092 --describe --group card-production-service
#   deploy/kafka-tool.sh kafka-get-offsets      --bootstrap-server 127.0.0.1:9092 --topic card-lifecycle.v1
#
# The first run asks Maven for the tools' classpath (deploy/kafka-tools/pom.xml) and keeps it in
# deploy/kafka-tools/target/classpath.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0"; exit 2
fi
tool="$1"; shift
case "$tool" in
  kafka-topics) main=org.apache.kafka.tools.TopicCommand ;;
  kafka-console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  kafka-consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  kafka-get-offsets) main=org.apache.kafka.tools.GetOffsetShell ;;
  *) echo "unknown tool $tool (kafka-topics, kafka-console-consumer, kafka-consumer-groups, kafka-get-offsets)" >&2; exit 2 ;;
esac
classpath_file="$here/kafka-tools/target/classpath.txt"
if [ ! -s "$classpath_file" ]; then
  mkdir -p "$(dirname "$classpath_file")"
  "$root/mvnw" -B -q -f "$here/kafka-tools/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" >&2
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$(cat "$classpath_file")" "$main" "$@"
