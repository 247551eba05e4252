#!/usr/bin/env bash
# Starts the action server, waits until it answers, then the Rasa server (REST + Socket.IO) or,
# with --shell, `rasa shell`. Ctrl-C (or TERM) stops both.
# Usage: scripts/run_servers.sh [--shell] RASA_PORT ACTION_PORT
set -euo pipefail
cd "$(dirname "$0")/.."
mode=run
if [ "${1:-}" = "--shell" ]; then mode=shell; shift; fi
rasa_port=${1:-5005}
action_port=${2:-5055}
bin=.venv/bin

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

endpoints=$(mktemp --suffix=.yml)
sed "s|http://127.0.0.1:5055/webhook|http://127.0.0.1:${action_port}/webhook|" endpoints.yml >"$endpoints"

"$bin/rasa" run actions --actions actions --port "$action_port" --quiet &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:${action_port}/health" >/dev/null 2>&1 && break
  sleep 0.5
done

if [ "$mode" = shell ]; then
  "$bin/rasa" shell --model models/current.tar.gz --endpoints "$endpoints" --port "$rasa_port"
else
  echo "Rasa REST:      http://localhost:${rasa_port}/webhooks/rest/webhook"
  echo "Socket.IO:      http://localhost:${rasa_port}/socket.io"
  "$bin/rasa" run --model models/current.tar.gz --endpoints "$endpoints" \
    --port "$rasa_port" --interface 127.0.0.1 --cors "http://localhost:8080" &
  pids+=($!)
  wait -n "${pids[@]}"
fi
