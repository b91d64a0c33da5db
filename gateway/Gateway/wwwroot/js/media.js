// Images and sources of an answer, for the sections that show answers outside the chat (History, Deep Research).
// Only http(s) URLs are used (safeUrl); text goes through textContent.

import { safeUrl } from './markdown.js';
import { credentialHeaders, el } from './api.js';

// Generated images live behind the account's cookies (protocol §13): the page fetches them through the gateway's
// image route (GET /api/images?url=..., the cookies in headers) and shows the bytes as a blob URL. Web results load
// directly. One fetch per image URL per page.
const generatedImages = new Map();

export function showImage(img, image, src) {
  if (!image || image.kind !== 'generated') {
    img.src = src;
    return;
  }
  const url = src;
  if (!generatedImages.has(url)) {
    generatedImages.set(url, fetch(`/api/images?url=${encodeURIComponent(url)}`, { headers: credentialHeaders() })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(`image ${response.status}`))))
      .then((blob) => URL.createObjectURL(blob))
      .catch((error) => {
        generatedImages.delete(url);
        throw error;
      }));
  }
  generatedImages.get(url).then((objectUrl) => { img.src = objectUrl; }, () => { img.alt = `${img.alt} (could not be loaded)`; });
}

export function imageFigures(images) {
  const figures = [];
  for (const image of Array.isArray(images) ? images : []) {
    const src = safeUrl(image && image.url);
    if (!src) {
      continue;
    }
    const img = el('img', {
      attrs: { alt: String(image.alt || image.title || (image.kind === 'generated' ? 'Generated image' : 'Image from the web')), loading: 'lazy', decoding: 'async' },
    });
    img.referrerPolicy = 'no-referrer';
    showImage(img, image, src);
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
