#!/usr/bin/env bash
# The operator's command line for a running suite (the local run, or any deployment whose URLs are
# given in SUITE_APPLICATION_URL, SUITE_CARD_PRODUCTION_URL, SUITE_BANK_GATEWAY_URL and
# SUITE_NOTIFICATION_URL). Needs curl.
#
#   deploy/ops.sh rebuild SERVICE|all [FROM]   rebuild projections into a copy and switch; follows
#                                       progress. FROM (ISO-8601 instant): only the cards with events
#                                       since then are rebuilt, the others carried over as they stand
#   deploy/ops.sh progress SERVICE      the running or last rebuild of one service
#   deploy/ops.sh summary SERVICE       cards, counts per status and lag of one service
#   deploy/ops.sh reconcile             every projection against the event store
#   deploy/ops.sh verify [CARD_ID]      the tamper-evidence chain of one card or the whole store
#   deploy/ops.sh history CARD_ID [ASOF] [csv]  a card's history (as of an ISO-8601 instant)
#   deploy/ops.sh republish             publish the whole event store to Kafka again
#   deploy/ops.sh calendar YEAR         the year's holiday arrangement in force (official version
#                                       or provisional) and every version loaded, who, when, notice
#   deploy/ops.sh calendar-load YEAR FILE.csv NOTICE   load the State Council's arrangement of
#                                       YEAR (lines date,OFF|WORK,name, as in
#                                       card-deadlines/src/main/resources/calendar/) as its next
#                                       version; every service counts on it at once (ADR 19)
#   deploy/ops.sh cancel CARD_ID DECEASED|EMIGRATED|OTHER NOTE   end a card (S-END-1): every pending
#                                       step stops and nothing more is sent about it
#   deploy/ops.sh pickup-period [DAYS REMINDER_DAYS]  the pickup period in force, or set it
#                                       (S-PICKUP-1; REMINDER_DAYS before its end the holder is reminded)
#   deploy/ops.sh pickup-sweep          remind and return the uncollected cards now (S-PICKUP-1)
#   deploy/ops.sh card-index-rebuild    fold the event store into the card index again (a
#                                       maintenance action: commands wait while it runs)
#   deploy/ops.sh restart NAME          restart one service of the running local run
#                                       (deploy/run-local.sh), which keeps it (log, Ctrl-C);
#                                       waits until it is ready and says how long it took. NAME:
#                                       application-service or a SERVICE, NAME#2 with --cluster
#   deploy/ops.sh help                  this text
#
# SERVICE is card-production-service, bank-gateway-service or notification-service. Every call
# carries an operator's signed token (ADR 16): SUITE_OPERATOR_TOKEN, or, for the local run, one
# that deploy/token.sh signs with the run's development issuer. restart asks the local run through
# its directory (target/local-run-logs/control, or SUITE_LOCAL_RUN_DIR/control), which only the
# user who runs it can write (ADR 38).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="${SUITE_APPLICATION_URL:-http://127.0.0.1:8081}"
declare -A url=(
  [card-production-service]="${SUITE_CARD_PRODUCTION_URL:-http://127.0.0.1:8082}"
  [bank-gateway-service]="${SUITE_BANK_GATEWAY_URL:-http://127.0.0.1:8083}"
  [notification-service]="${SUITE_NOTIFICATION_URL:-http://127.0.0.1:8084}"
)
token="${SUITE_OPERATOR_TOKEN:-}"
case "${1:-}" in
  ''|help|-h|--help|restart) ;; # no REST call: no token
  *) [ -n "$token" ] || token="$("$here/token.sh" operator "${USER:-operator}" 60)" ;;
esac
headers=(-H "Authorization: Bearer $token" -H "X-Channel: OPERATOR_CONSOLE")

call() { # METHOD SERVICE PATH [curl args...]
  local method="$1" service="$2" path="$3"; shift 3
  local base
  if [ "$service" = application-service ]; then base="$app"; else base="${url[$service]:-}"; fi
  [ -n "$base" ] || { echo "unknown service $service" >&2; exit 2; }
  curl -sS --fail-with-body -X "$method" "${headers[@]}" "$@" "$base$path"
}

field() { # JSON FIELD: a top-level number, string or boolean
  sed -n "s/.*\"$2\":\(true\|false\|null\|\"[^\"]*\"\|-\?[0-9][0-9.]*\).*/\1/p" <<<"$1" | tr -d '"'
}

urlencode() { # every byte as %XX: safe for any text, Chinese included
  printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g'
}

json_string() { # TEXT as a JSON string
  printf '"%s"' "$(printf '%s' "$1" | sed 's|\\|\\\\|g; s|"|\\"|g')"
}

usage() { # the comment block at the top, without its comment signs
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
}

millis() { date +%s%3N; }

restart() { # NAME: through the local run's control directory (LocalRunControl, ADR 38)
  local name="$1" control="${SUITE_LOCAL_RUN_DIR:-$(dirname "$here")/target/local-run-logs}/control"
  local suite id answer error pid url log started waited=0
  suite="$(cat "$control/suite.pid" 2>/dev/null || true)"
  if [ -z "$suite" ] || ! kill -0 "$suite" 2>/dev/null; then
    echo "no local suite of yours is running (no live process named in $control/suite.pid): start deploy/run-local.sh first" >&2
    exit 1
  fi
  started="$(millis)"
  id="restart-$$-$RANDOM"
  printf '%s\n' "$name" >"$control/$id.part"
  mv "$control/$id.part" "$control/$id.request"
  until [ -f "$control/$id.reply" ]; do
    if ! kill -0 "$suite" 2>/dev/null || [ $waited -ge 600 ]; then
      rm -f "$control/$id.request"
      echo "the local suite (process $suite) did not answer: see its output" >&2
      exit 1
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  answer="$(cat "$control/$id.reply")"; rm -f "$control/$id.reply"
  error="$(sed -n 's/^error=//p' <<<"$answer")"
  if [ -n "$error" ]; then echo "$name: $error" >&2; exit 2; fi
  pid="$(sed -n 's/^pid=//p' <<<"$answer")"
  url="$(sed -n 's/^url=//p' <<<"$answer")"
  log="$(sed -n 's/^log=//p' <<<"$answer")"
  echo "$name: process $(sed -n 's/^oldPid=//p' <<<"$answer") stopped, process $pid started (log $log)"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/q/health/ready" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited during start-up: see $log" >&2; exit 1; fi
    if [ $(($(millis) - started)) -gt 300000 ]; then echo "$name not ready after 300 s: see $log" >&2; exit 1; fi
    sleep 0.25
  done
  local took=$(($(millis) - started))
  printf '%s: ready again at %s after %d.%d s\n' "$name" "$url" $((took / 1000)) $((took % 1000 / 100))
}

services_of() {
  if [ "$1" = all ]; then echo card-production-service bank-gateway-service notification-service
  else echo "$1"; fi
}

case "${1:-}" in
  rebuild)
    targets=$(services_of "${2:?SERVICE or all}")
    from="${3:-}"
    for s in $targets; do
      call POST "$s" "/projection/rebuild${from:+?from=$from}" >/dev/null
      echo "$s: rebuild started${from:+ from $from}"
    done
    status=0
    for s in $targets; do
      while :; do
        p="$(call GET "$s" /projection/rebuild)"
        state="$(field "$p" state)"
        printf '%s: %-9s %8s events applied, %6s/s, %8s left\n' "$s" "$state" \
          "$(field "$p" eventsApplied)" "$(field "$p" eventsPerSecond)" "$(field "$p" eventsLeft)"
        case "$state" in DONE|FAILED) break ;; esac
        sleep 2
      done
      echo "$s: $p"
      if [ "$state" != DONE ]; then status=1; fi
      if [ "$(field "$p" identical)" != true ]; then echo "$s: the rebuilt projection differs from the one it replaced (see comparedWithPrevious)"; fi
    done
    exit $status ;;
  progress) call GET "${2:?SERVICE}" /projection/rebuild; echo ;;
  summary) call GET "${2:?SERVICE}" /projection/summary; echo ;;
  reconcile) call GET application-service /audit/reconciliation; echo ;;
  verify)
    if [ -n "${2:-}" ]; then call GET application-service "/audit/verify?cardId=$2"; else call GET application-service /audit/verify; fi
    echo ;;
  history)
    q=""; [ -n "${3:-}" ] && q="?asOf=$3"
    if [ "${4:-}" = csv ]; then call GET application-service "/audit/cards/${2:?CARD_ID}$q" -H "Accept: text/csv"
    else call GET application-service "/audit/cards/${2:?CARD_ID}$q"; echo; fi ;;
  republish) call POST application-service /audit/republish; echo "republishing the event store from its first event" ;;
  calendar) call GET application-service "/calendar/years/${2:?YEAR}"; echo ;;
  calendar-load)
    year="${2:?YEAR}"; file="${3:?FILE.csv}"; notice="${4:?NOTICE: the title or number of the notice}"
    call PUT application-service "/calendar/years/$year?notice=$(urlencode "$notice")" \
      -H "Content-Type: text/csv; charset=UTF-8" --data-binary "@$file"
    echo ;;
  cancel)
    card="${2:?CARD_ID}"; reason="${3:?DECEASED, EMIGRATED or OTHER}"; note="${4:?NOTE: why, in words}"
    call POST application-service "/cards/$card/cancellation" -H "Content-Type: application/json" \
      --data-binary "{\"reason\": $(json_string "$reason"), \"note\": $(json_string "$note")}"
    echo ;;
  pickup-period)
    if [ -n "${2:-}" ]; then
      call PUT application-service /pickup-period -H "Content-Type: application/json" \
        --data-binary "{\"days\": ${2}, \"reminderDaysBefore\": ${3:?REMINDER_DAYS}}"
    else call GET application-service /pickup-period; fi
    echo ;;
  pickup-sweep) call POST application-service /pickup-sweep; echo ;;
  card-index-rebuild) call POST application-service /card-index/rebuild; echo ;;
  restart) restart "${2:?NAME: a service of the local run, as it prints them}" ;;
  help|-h|--help) usage ;;
  *) usage; exit 2 ;;
esac
