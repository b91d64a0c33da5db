// Asks the gateway about itself (GET /_gateway/info, no cookie needed): in simulator mode the page shows its
// banner and the [sim:…] help; everywhere else those stay hidden. The page never guesses it from the host.

export async function initGatewayInfo() {
  let info = null;
  try {
    const response = await fetch('/_gateway/info', { cache: 'no-store', credentials: 'omit', headers: { accept: 'application/json' } });
    info = response.ok ? await response.json() : null;
  } catch {
    info = null;
  }
  const simulator = Boolean(info && info.simulator === true);
  document.documentElement.dataset.simulator = String(simulator);
  for (const node of document.querySelectorAll('[data-simulator-only]')) {
    node.hidden = !simulator;
  }
  const banner = document.getElementById('sim-banner');
  if (banner) {
    banner.hidden = !simulator;
    const version = document.getElementById('sim-version');
    if (version && info && info.version) {
      version.textContent = `Gateway ${info.version}.`;
    }
  }
  return info;
}
