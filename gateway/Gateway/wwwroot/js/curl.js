// The curl command equivalent to the playground's request, with every secret masked: only the first
// and last 4 characters of a cookie or key are shown, and short values are hidden entirely.

export function mask(value) {
  if (!value) {
    return '';
  }
  return value.length >= 16 ? `${value.slice(0, 4)}••••${value.slice(-4)}` : '••••••••';
}

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

export function buildCurl({ origin, body, psid, psidts, apikey, files }) {
  const lines = [`curl -sS${body.stream ? 'N' : ''} -X POST ${shellQuote(`${origin}/api/chat`)}`];
  lines.push(`-H ${shellQuote(`x-gemini-psid: ${psid ? mask(psid) : '<your __Secure-1PSID>'}`)}`);
  if (psidts) {
    lines.push(`-H ${shellQuote(`x-gemini-psidts: ${mask(psidts)}`)}`);
  }
  if (apikey) {
    lines.push(`-H ${shellQuote(`x-bridge-api-key: ${mask(apikey)}`)}`);
  }
  if (body.stream) {
    lines.push(`-H ${shellQuote('accept: text/event-stream')}`);
  }
  if (files && files.length > 0) {
    lines.push(`-F ${shellQuote(`request=${formValue(JSON.stringify(body))};type=application/json`)}`);
    for (const name of files) {
      lines.push(`-F ${shellQuote(`file=@"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)}`);
    }
  } else {
    lines.push(`-H ${shellQuote('content-type: application/json')}`);
    lines.push(`--data-raw ${shellQuote(JSON.stringify(body, null, 2))}`);
  }
  return lines.join(' \\\n  ');
}
