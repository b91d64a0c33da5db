// Copy buttons: the Clipboard API, or (plain http on another host) a selection the user copies with Ctrl+C.

/** Copies text; where the Clipboard API is missing (plain http on another host) it selects the source instead. */
export async function copyText(text, button, source) {
  const original = button.textContent;
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    copied = false;
  }
  if (!copied && source) {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = 'Press Ctrl+C';
    setTimeout(() => {
      button.textContent = original;
    }, 2400);
    return;
  }
  button.textContent = copied ? 'Copied' : 'Copy failed';
  setTimeout(() => {
    button.textContent = original;
  }, 1600);
}
