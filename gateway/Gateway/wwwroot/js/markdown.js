// Minimal, safe Markdown: builds DOM nodes with textContent only (never innerHTML), so nothing in an
// answer can become markup or script. Supports paragraphs, headings, fenced code, lists, **bold**,
// *italic*, `code` and [links](https://...) with http(s) targets only.

const INLINE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*([^*\n]+?)\*\*|__([^_\n]+?)__|\*([^*\s][^*\n]*?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

export function safeUrl(value) {
  try {
    const url = new URL(String(value), window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function inline(parent, text) {
  const pattern = new RegExp(INLINE.source, 'g');
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) {
      parent.append(text.slice(last, match.index));
    }
    if (match[2] !== undefined) {
      const code = document.createElement('code');
      code.textContent = match[2];
      parent.append(code);
    } else if (match[3] !== undefined || match[4] !== undefined) {
      const strong = document.createElement('strong');
      inline(strong, match[3] ?? match[4]);
      parent.append(strong);
    } else if (match[5] !== undefined) {
      const em = document.createElement('em');
      inline(em, match[5]);
      parent.append(em);
    } else {
      const href = safeUrl(match[7]);
      if (href) {
        const a = document.createElement('a');
        a.href = href;
        a.rel = 'noopener noreferrer nofollow';
        a.target = '_blank';
        a.textContent = match[6];
        parent.append(a);
      } else {
        parent.append(match[0]);
      }
    }
    last = pattern.lastIndex;
  }
  if (last < text.length) {
    parent.append(text.slice(last));
  }
}

/** Replaces container's children with the rendering of text. */
export function renderMarkdown(container, text) {
  const fragment = document.createDocumentFragment();
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  let list = null;

  const flushParagraph = () => {
    if (paragraph.length > 0) {
      const p = document.createElement('p');
      inline(p, paragraph.join('\n'));
      fragment.append(p);
      paragraph = [];
    }
  };
  const closeList = () => {
    list = null;
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    const fence = /^\s*(```|~~~)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      flushParagraph();
      closeList();
      const body = [];
      i += 1;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) {
        body.push(lines[i]);
        i += 1;
      }
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      if (fence[2]) {
        code.dataset.lang = fence[2];
      }
      code.textContent = body.join('\n');
      pre.append(code);
      fragment.append(pre);
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      closeList();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      closeList();
      const p = document.createElement('p');
      p.className = 'md-heading';
      const strong = document.createElement('strong');
      inline(strong, heading[2]);
      p.append(strong);
      fragment.append(p);
      continue;
    }
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushParagraph();
      const tag = item[1] ? 'UL' : 'OL';
      if (!list || list.tagName !== tag) {
        list = document.createElement(tag);
        if (tag === 'OL' && item[2] !== '1') {
          list.start = Number(item[2]);
        }
        fragment.append(list);
      }
      const li = document.createElement('li');
      inline(li, item[3]);
      list.append(li);
      continue;
    }
    closeList();
    paragraph.push(line);
  }
  flushParagraph();
  container.replaceChildren(fragment);
}
