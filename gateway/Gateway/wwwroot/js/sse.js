// A Server-Sent Events reader for fetch() responses. EventSource cannot send the x-gemini-psid header,
// so the page reads the text/event-stream body itself, following the WHATWG event-stream rules:
// lines end with CRLF, LF or CR; "event:" names the event, "data:" lines are joined with "\n",
// a blank line dispatches, and lines starting with ":" are comments (the gateway's ": keep-alive").

export class SseParser {
  /** @param {(event: {event: string, data: string}) => void} onEvent */
  constructor(onEvent, onComment) {
    this.onEvent = onEvent;
    this.onComment = onComment || (() => {});
    this.buffer = '';
    this.eventName = '';
    this.dataLines = [];
  }

  push(chunk) {
    this.buffer += chunk;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) {
        return;
      }
      // A lone CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) {
        return;
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  /** The stream ended: a trailing event without its blank line is dropped, as the spec says. */
  end() {
    this.buffer = '';
    this.eventName = '';
    this.dataLines = [];
  }

  line(line) {
    if (line === '') {
      if (this.dataLines.length > 0) {
        this.onEvent({ event: this.eventName || 'message', data: this.dataLines.join('\n') });
      }
      this.eventName = '';
      this.dataLines = [];
      return;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.eventName = value;
    } else if (field === 'data') {
      this.dataLines.push(value);
    }
    // "id" and "retry" are not used by the gateway.
  }
}

/**
 * Reads a fetch() Response body as Server-Sent Events and calls onEvent({event, data}) for each,
 * with data parsed as JSON when it is JSON.
 */
export async function readEventStream(response, onEvent, onComment) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser((raw) => {
    let data = raw.data;
    try {
      data = JSON.parse(raw.data);
    } catch {
      // Leave non-JSON data as text.
    }
    onEvent({ event: raw.event, data });
  }, onComment);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      parser.push(value);
    }
  } finally {
    parser.end();
    reader.releaseLock();
  }
}
