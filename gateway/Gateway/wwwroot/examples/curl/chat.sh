#!/usr/bin/env bash
# Gemini Bridge Gateway with curl: chat, streaming, models, gems and file input.
#
#   export GEMINI_PSID='...'            # your __Secure-1PSID cookie (required)
#   export GEMINI_PSIDTS='...'          # your __Secure-1PSIDTS cookie (optional, recommended)
#   export GATEWAY_URL=http://127.0.0.1:8080
#   export BRIDGE_API_KEY='...'         # only if the gateway requires an API key
#
#   bash chat.sh chat   "Explain quantum computing in simple terms"
#   bash chat.sh stream "Explain quantum computing in simple terms"
#   bash chat.sh models
#   bash chat.sh gems
#   bash chat.sh file   report.pdf "Summarize this document"
#
# The cookies go to curl on standard input (-H @-), not on its command line, so `ps` never shows them.
# Exit code: 0 on success, 22 when the gateway answers an error (its JSON envelope is printed).
set -euo pipefail

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:8080}"
MODEL="${GEMINI_MODEL:-gemini-3-flash}"
: "${GEMINI_PSID:?Set GEMINI_PSID to your __Secure-1PSID cookie value}"

# The request headers, one per line, read by curl from standard input.
credential_headers() {
  printf 'x-gemini-psid: %s\n' "$GEMINI_PSID"
  if [[ -n "${GEMINI_PSIDTS:-}" ]]; then printf 'x-gemini-psidts: %s\n' "$GEMINI_PSIDTS"; fi
  if [[ -n "${BRIDGE_API_KEY:-}" ]]; then printf 'x-bridge-api-key: %s\n' "$BRIDGE_API_KEY"; fi
}

# A JSON string literal for any text (jq when present, else a small escaper).
json_string() {
  if command -v jq >/dev/null 2>&1; then
    jq -Rn --arg value "$1" '$value'
  else
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
    printf '"%s"' "$s"
  fi
}

# The chat payload; $2 is "true" for streaming.
payload() {
  printf '{"prompt":%s,"model":%s,"temporary":true,"extended_thinking":false,"gem":null,"stream":%s}' \
    "$(json_string "$1")" "$(json_string "$MODEL")" "$2"
}

# Prints the rotated __Secure-1PSIDTS, if the gateway handed one back, to standard error.
report_rotation() {
  local next
  next=$(grep -i '^x-gemini-psidts-next:' "$1" | cut -d' ' -f2- | tr -d '\r' || true)
  if [[ -n "$next" ]]; then echo "x-gemini-psidts-next: send this value as GEMINI_PSIDTS from now on" >&2; fi
}

headers_file=$(mktemp)
request_file=$(mktemp)
trap 'rm -f "$headers_file" "$request_file"' EXIT

# Runs curl with the credential headers on standard input; ends the output with a newline; keeps curl's
# exit code (22 for an error envelope, which curl still prints thanks to --fail-with-body).
gateway() {
  local status=0
  credential_headers | curl -sS --fail-with-body -D "$headers_file" -H @- "$@" || status=$?
  echo
  report_rotation "$headers_file"
  return "$status"
}

command="${1:-chat}"
case "$command" in
  chat)
    # One JSON envelope: {"success":true,"data":{"text":...},"requestId":...,"timestamp":...}
    gateway -X POST "$GATEWAY_URL/api/chat" -H 'content-type: application/json' \
      --data-raw "$(payload "${2:-Explain quantum computing in simple terms}" false)"
    ;;
  stream)
    # Server-Sent Events as they arrive (-N: no buffering): metadata, thought, delta..., done (or error).
    gateway -N -X POST "$GATEWAY_URL/api/chat" -H 'content-type: application/json' -H 'accept: text/event-stream' \
      --data-raw "$(payload "${2:-Explain quantum computing in simple terms}" true)"
    ;;
  models)
    gateway "$GATEWAY_URL/api/models"
    ;;
  gems)
    gateway "$GATEWAY_URL/api/gems"
    ;;
  file)
    file="${2:?Usage: chat.sh file PATH [PROMPT]}"
    # multipart/form-data: a "request" part with the JSON payload and one "file" part per file.
    # "<" reads the payload as the part's value (no filename; any part with a filename is a file), and
    # no character of the prompt can break the form syntax.
    payload "${3:-Summarize this file}" false >"$request_file"
    gateway -X POST "$GATEWAY_URL/api/chat" -F "request=<$request_file;type=application/json" -F "file=@$file"
    ;;
  *)
    echo "Usage: chat.sh [chat|stream|models|gems|file PATH] [PROMPT]" >&2
    exit 2
    ;;
esac
