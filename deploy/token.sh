#!/usr/bin/env bash
# Prints a signed token of the running local suite's development issuer (ADR 16):
#   deploy/token.sh ROLE SUBJECT [MINUTES]
# ROLE is citizen, employer, university, community, bank, card-factory, operator or auditor;
# SUBJECT is a citizen's ID number, an organisation id, a bank code, a factory id or a staff id.
# Use it as: curl -H "Authorization: Bearer $(deploy/token.sh operator op-1)" ...
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d deploy/target/lib ] || ./mvnw -B -q package -DskipTests -pl deploy -am
exec java -Dsuite.home="$PWD" -cp "deploy/target/classes:deploy/target/lib/*" \
  cn.bj.hrss.card.deploy.IssueToken "$@"
