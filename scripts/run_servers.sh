#!/usr/bin/env bash
# Starts the action server, waits until it answers, then the Rasa server (REST + Socket.IO) or,
# with --shell, `rasa shell`. Ctrl-C (or TERM) stops both.
# Usage: scripts/run_servers.sh [--shell] RASA_PORT ACTION_PORT
# Environment or .env (docs/security-privacy.md, docs/deployment.md; all optional):
#   RASA_MODEL           model to serve (default models/current.tar.gz)
#   CORS_ORIGINS         space-separated origins allowed to call Rasa (default http://localhost:8080)
#   RASA_API_TOKEN       turns the HTTP API on, protected by this token (the API is off without it)
#   RASA_JWT_SECRET      turns the HTTP API on, protected by JWTs signed with this secret
#                        (RASA_JWT_METHOD, default HS256)
#   ACTION_SERVER_HOST   interface the action server listens on (default 127.0.0.1)
#   TRACKER_STORE        sqlite (default, endpoints.yml) or postgres (endpoints.scale.yml)
#   RASA_ENDPOINTS       another endpoints file (overrides TRACKER_STORE)
#   LOG_MESSAGES=1       debug logs, which contain message text (off by default: privacy)
#   WEB_PORT             port of the website widget page (default 8080)
#   TELEGRAM_*, TWILIO_*, FACEBOOK_*, SLACK_*  messaging channels (docs/channels.md): on
#                        only when all its variables are set (scripts/credentials.py)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=run
if [ "${1:-}" = "--shell" ]; then mode=shell; shift; fi
rasa_port=${1:-5005}
action_port=${2:-5055}
bin=.venv/bin
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# Settings may live in .env; the real environment wins. Exported for this script and both servers.
eval "$("$bin/python" -m settings exports)"
model=${RASA_MODEL:-models/current.tar.gz}
endpoints_file=endpoints.yml
[ "${TRACKER_STORE:-sqlite}" = postgres ] && endpoints_file=endpoints.scale.yml
endpoints_file=${RASA_ENDPOINTS:-$endpoints_file}
rasa_log=()
action_log=(--quiet)
if [ "${LOG_MESSAGES:-0}" = 1 ]; then rasa_log=(--debug); action_log=(--debug); fi
api=()
[ -n "${RASA_API_TOKEN:-}" ] && api+=(--enable-api --auth-token "$RASA_API_TOKEN")
[ -n "${RASA_JWT_SECRET:-}" ] && api+=(--enable-api --jwt-secret "$RASA_JWT_SECRET" --jwt-method "${RASA_JWT_METHOD:-HS256}")
web_port=${WEB_PORT:-8080}
read -r -a cors <<<"${CORS_ORIGINS:-http://localhost:${web_port}}"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "${credentials:-}"
}
trap stop INT TERM EXIT

endpoints=$(mktemp --suffix=.yml)
sed "s|http://127.0.0.1:5055/webhook|http://127.0.0.1:${action_port}/webhook|" "$endpoints_file" >"$endpoints"
# credentials.yml plus the messaging channels whose variables are set (it may hold secrets: mode 600)
credentials=$(mktemp --suffix=.yml)
"$bin/python" scripts/credentials.py "$credentials"

SANIC_HOST=${ACTION_SERVER_HOST:-127.0.0.1} "$bin/rasa" run actions --actions actions \
  --port "$action_port" "${action_log[@]}" &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:${action_port}/health" >/dev/null 2>&1 && break
  sleep 0.5
done

if [ "$mode" = shell ]; then
  "$bin/python" -m rasa_fixes shell --model "$model" --endpoints "$endpoints" --credentials "$credentials" \
    --port "$rasa_port" --interface 127.0.0.1
else
  echo "Rasa REST:      http://localhost:${rasa_port}/webhooks/rest/webhook"
  echo "Socket.IO:      http://localhost:${rasa_port}/socket.io"
  "$bin/python" scripts/serve_web.py --port "$web_port" --socket-url "http://localhost:${rasa_port}" &
  pids+=($!)
  "$bin/python" -m rasa_fixes run --model "$model" --endpoints "$endpoints" --credentials "$credentials" \
    "${rasa_log[@]}" "${api[@]}" \
    --port "$rasa_port" --interface 127.0.0.1 --cors "${cors[@]}" &
  pids+=($!)
  wait -n "${pids[@]}"
fi
