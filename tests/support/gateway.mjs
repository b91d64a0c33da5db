// Starts the gateway in simulator mode for the Node suites (tests/sdk, tests/openapi), or uses GATEWAY_URL when set,
// waits until it answers, and stops it afterwards. Plain ESM without npm dependencies, so any suite can import it by
// relative path. The gateway is started from the repository root with `dotnet run --no-build`, so build it first
// (tests/run-all.sh builds the solution before running the suites).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A fake __Secure-1PSID: each value is its own simulated account. */
export function fakePsid(label = 'test') {
  return `g.a000FAKE-${label}-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
}

/** The smallest valid PNG (1x1 pixel), base64. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`the gateway exited with code ${child.exitCode} before answering`);
    }
    try {
      // Any HTTP answer (401 without cookies) means the gateway is up.
      await fetch(`${url}/v1/models`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the gateway did not answer at ${url} within ${timeoutMs} ms: ${lastError}`);
}

/** Returns { url, stop }. */
export async function startGateway() {
  if (process.env.GATEWAY_URL) {
    const url = process.env.GATEWAY_URL.replace(/\/+$/, '');
    await waitUntilAnswering(url, null, 30_000);
    return { url, stop: async () => {} };
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'dotnet',
    ['run', '--project', 'gateway/Gateway', '--no-build', '--', '--simulator', '--urls', url],
    { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      // The whole process group: `dotnet run` and the gateway process it started.
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilAnswering(url, child, 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- gateway output ---\n${output}`);
  }
  return { url, stop };
}
