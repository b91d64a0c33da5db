// The curl command equivalent to a playground request, ready to paste: the cookies are never in it, the
// shell reads them from $GEMINI_PSID / $GEMINI_PSIDTS (and the API key from $BRIDGE_API_KEY, as the code
// examples do), and the URL is this page's own origin.

/** Single-quotes a value for POSIX shells. */
export function shellQuote(value) {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** A curl -F value: quoted with double quotes (curl's own syntax) when it holds ';' or '"' at the start. */
function formValue(json) {
  if (!json.includes(';')) {
    return json;
  }
  return `"${json.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * @param {{origin: string, method?: string, path?: string, body?: object, stream?: boolean,
 *          psidts?: boolean, apikey?: boolean, files?: string[]}} request
 *   psidts / apikey: whether the page sends those headers (their values never appear).
 */
export function buildCurl({ origin, method = 'POST', path = '/api/chat', body, stream, psidts, apikey, files }) {
  const streaming = Boolean(stream ?? (body && body.stream));
  const verb = method === 'GET' || (method === 'POST' && body !== undefined) ? '' : ` -X ${method}`;
  const lines = [`curl -sS${streaming ? 'N' : ''}${verb} ${shellQuote(`${origin}${path}`)}`];
  // Double quotes: the shell expands the variable when the command is pasted.
  lines.push('-H "x-gemini-psid: $GEMINI_PSID"');
  if (psidts) {
    lines.push('-H "x-gemini-psidts: $GEMINI_PSIDTS"');
  }
  if (apikey) {
    lines.push('-H "x-bridge-api-key: $BRIDGE_API_KEY"');
  }
  if (streaming) {
    lines.push(`-H ${shellQuote('accept: text/event-stream')}`);
  }
  if (files && files.length > 0) {
    lines.push(`-F ${shellQuote(`request=${formValue(JSON.stringify(body))};type=application/json`)}`);
    for (const name of files) {
      lines.push(`-F ${shellQuote(`file=@"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)}`);
    }
  } else if (body !== undefined) {
    lines.push(`-H ${shellQuote('content-type: application/json')}`);
    lines.push(`--data-raw ${shellQuote(JSON.stringify(body, null, 2))}`);
  }
  return lines.join(' \\\n  ');
}
