// Starts the gateway in simulator mode on a free loopback port (or uses GATEWAY_URL), waits until it
// answers, and stops it afterwards. The simulator needs no Gemini account: any well-formed cookie works.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const wwwroot = path.join(repoRoot, 'gateway', 'Gateway', 'wwwroot');

/** A fake but well-formed __Secure-1PSID value: the simulator accepts any. */
export const FAKE_PSID = 'g.a000-browser-test-cookie-4f2c9d7e1b8a6053';
export const FAKE_PSIDTS = 'sidts-CjEB-browser-test-7a1e3c5d';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * GATEWAY_URL: use a running gateway. Otherwise start one from the repository root:
 * GATEWAY_DLL set: `dotnet <dll> --simulator --urls ...`;
 * else `dotnet run --project gateway/Gateway --no-build -- --simulator --urls ...` (needs a prior
 * `dotnet build gateway/Gateway`; GATEWAY_ARTIFACTS_PATH adds `--artifacts-path` for a build made with one).
 * `env`: extra environment for the gateway (configuration keys such as Features__DeepResearch__PollInterval).
 */
export async function startGateway({ env = {} } = {}) {
  if (process.env.GATEWAY_URL) {
    const url = process.env.GATEWAY_URL.replace(/\/$/, '');
    await waitUntilAnswering(url, null, () => '');
    return { url, stop: async () => {} };
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const appArgs = ['--simulator', '--urls', url];
  const args = process.env.GATEWAY_DLL
    ? [process.env.GATEWAY_DLL, ...appArgs]
    : ['run', '--project', 'gateway/Gateway', '--no-build',
      ...(process.env.GATEWAY_ARTIFACTS_PATH ? ['--artifacts-path', process.env.GATEWAY_ARTIFACTS_PATH] : []),
      '--', ...appArgs];
  const child = spawn('dotnet', args, {
    cwd: repoRoot,
    detached: true, // its own process group, so stopping it also stops the app that `dotnet run` starts
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', ...env },
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const stop = async () => {
    if (exited) {
      return;
    }
    const gone = new Promise((resolve) => { child.once('exit', resolve); });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10000);
    await gone;
    clearTimeout(timer);
  };

  try {
    await waitUntilAnswering(url, () => exited, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, output: () => output };
}

async function waitUntilAnswering(url, exitedState, output) {
  const deadline = Date.now() + Number(process.env.GATEWAY_START_TIMEOUT_MS || 90000);
  while (Date.now() < deadline) {
    if (exitedState && exitedState()) {
      throw new Error(`The gateway exited before answering (${JSON.stringify(exitedState())}):\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`The gateway at ${url} did not answer in time:\n${output()}`);
}
