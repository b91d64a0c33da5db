#!/usr/bin/env python3
"""Gemini Bridge Gateway from Python with requests (pip install requests).

    GEMINI_PSID='...' [GEMINI_PSIDTS='...'] [GATEWAY_URL=http://127.0.0.1:8080] [BRIDGE_API_KEY='...']
    python3 chat.py chat   "Explain quantum computing in simple terms"
    python3 chat.py stream "Explain quantum computing in simple terms"
    python3 chat.py models | gems
    python3 chat.py file report.pdf "Summarize this document"

Exit code: 0 on success, 1 when the gateway answers an error (printed as CODE: message), 2 on bad usage.
"""
import json
import os
import sys

import requests

GATEWAY_URL = os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080").rstrip("/")
MODEL = os.environ.get("GEMINI_MODEL", "gemini-3-flash")
DEFAULT_PROMPT = "Explain quantum computing in simple terms"


class GatewayError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")


class Bridge:
    def __init__(self):
        psid = os.environ.get("GEMINI_PSID")
        if not psid:
            sys.exit("Set GEMINI_PSID to your __Secure-1PSID cookie value.")
        self.session = requests.Session()
        self.session.headers["x-gemini-psid"] = psid
        if os.environ.get("GEMINI_PSIDTS"):
            self.session.headers["x-gemini-psidts"] = os.environ["GEMINI_PSIDTS"]
        if os.environ.get("BRIDGE_API_KEY"):
            self.session.headers["x-bridge-api-key"] = os.environ["BRIDGE_API_KEY"]

    def _keep_rotated_cookie(self, response):
        # Google rotates __Secure-1PSIDTS; the gateway stores nothing and hands the new value back.
        rotated = response.headers.get("x-gemini-psidts-next")
        if rotated:
            self.session.headers["x-gemini-psidts"] = rotated
            print("x-gemini-psidts-next received: use the new value as GEMINI_PSIDTS from now on.", file=sys.stderr)

    def _envelope(self, response):
        # Every answer is the envelope {success, data | error, requestId, timestamp}.
        self._keep_rotated_cookie(response)
        body = response.json()
        if not body.get("success"):
            raise GatewayError(body["error"]["code"], body["error"]["message"])
        return body["data"]

    @staticmethod
    def payload(prompt, stream=False):
        return {"prompt": prompt, "model": MODEL, "temporary": True, "extended_thinking": False, "gem": None, "stream": stream}

    def chat(self, prompt):
        response = self.session.post(f"{GATEWAY_URL}/api/chat", json=self.payload(prompt), timeout=300)
        return self._envelope(response)

    def stream(self, prompt):
        """Yields (event, data) pairs from the text/event-stream answer as they arrive."""
        with self.session.post(
            f"{GATEWAY_URL}/api/chat",
            json=self.payload(prompt, stream=True),
            headers={"accept": "text/event-stream"},
            stream=True,
            timeout=(10, 300),
        ) as response:
            if not response.headers.get("content-type", "").startswith("text/event-stream"):
                self._envelope(response)  # an error before the stream started: a normal envelope
                return
            self._keep_rotated_cookie(response)
            event, data = "message", []
            # chunk_size=None: hand over each chunk as soon as it arrives instead of filling a buffer.
            for line in response.iter_lines(chunk_size=None, decode_unicode=True):
                if line == "":
                    if data:
                        yield event, json.loads("\n".join(data))
                    event, data = "message", []
                elif line.startswith(":"):
                    continue  # ": keep-alive" heartbeat
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())

    def list(self, path):
        return self._envelope(self.session.get(f"{GATEWAY_URL}{path}", timeout=60))

    def file(self, path, prompt):
        # multipart/form-data: a "request" part with the JSON payload (no filename: any part with a filename is
        # a file) and one "file" part per file.
        with open(path, "rb") as handle:
            files = [
                ("request", (None, json.dumps(self.payload(prompt)), "application/json")),
                ("file", (os.path.basename(path), handle)),
            ]
            return self._envelope(self.session.post(f"{GATEWAY_URL}/api/chat", files=files, timeout=300))


def main(argv):
    command = argv[1] if len(argv) > 1 else "chat"
    bridge = Bridge()
    if command == "chat":
        data = bridge.chat(argv[2] if len(argv) > 2 else DEFAULT_PROMPT)
        print(data["text"])
        print(f"model: {data['model']}, conversation: {data['conversation']['conversationId']}", file=sys.stderr)
    elif command == "stream":
        for event, data in bridge.stream(argv[2] if len(argv) > 2 else DEFAULT_PROMPT):
            if event == "thought":
                print(data["text"], end="", file=sys.stderr, flush=True)
            elif event == "delta":
                print(data["text"], end="", flush=True)
            elif event == "image":
                print(f"\n[image] {data['image']['url']}", file=sys.stderr)
            elif event == "citation":
                print(f"\n[source] {data['citation']['url']}", file=sys.stderr)
            elif event == "done":
                print()
                print(f"done: {len(data['data']['text'])} characters", file=sys.stderr)
                return 0
            elif event == "error":
                raise GatewayError(data["error"]["code"], data["error"]["message"])
        raise RuntimeError("The stream ended without a done event.")
    elif command in ("models", "gems"):
        data = bridge.list(f"/api/{command}")
        # data["models"]: [{id, alias, displayName, description, capabilities}]; data["gems"]: [{id, kind, name, ...}]
        for item in data.get("models") or data.get("gems") or []:
            name = item.get("displayName") or item.get("name") or ""
            print(f"{item.get('alias') or item['id']}\t{name}\t{item.get('kind') or item.get('description') or ''}")
    elif command == "file" and len(argv) > 2:
        print(bridge.file(argv[2], argv[3] if len(argv) > 3 else "Summarize this file")["text"])
    else:
        print("Usage: python3 chat.py [chat|stream|models|gems|file PATH] [PROMPT]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except GatewayError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
