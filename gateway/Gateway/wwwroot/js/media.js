// Images and sources of an answer, for the sections that show answers outside the chat (History, Deep Research).
// Only http(s) URLs are used (safeUrl); text goes through textContent.

import { safeUrl } from './markdown.js';
import { el } from './api.js';

export function imageFigures(images) {
  const figures = [];
  for (const image of Array.isArray(images) ? images : []) {
    const src = safeUrl(image && image.url);
    if (!src) {
      continue;
    }
    const img = el('img', {
      attrs: { src, alt: String(image.alt || image.title || (image.kind === 'generated' ? 'Generated image' : 'Image from the web')), loading: 'lazy', decoding: 'async' },
    });
    img.referrerPolicy = 'no-referrer';
    const caption = el('figcaption', { text: `${image.kind === 'generated' ? 'Generated' : 'Web'}${image.title ? `: ${image.title}` : ''}` });
    figures.push(el('figure', {}, img, caption));
  }
  return figures;
}

export function sourceItems(citations) {
  const items = [];
  for (const citation of Array.isArray(citations) ? citations : []) {
    const href = safeUrl(citation && citation.url);
    const li = el('li');
    if (citation && Number.isInteger(citation.number)) {
      li.value = citation.number;
    }
    if (href) {
      li.append(el('a', { text: String(citation.title || href), attrs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } }));
    } else {
      li.textContent = String((citation && citation.title) || 'Source');
    }
    items.push(li);
  }
  return items;
}
