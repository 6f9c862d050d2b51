/**
 * Canonical keys for source URLs, so that another address of the same post or paper
 * finds the same source: AI Alignment Forum / LessWrong / GreaterWrong by post id,
 * arXiv by paper id across abs/pdf/versions.
 */

/** The canonical key of a URL, or null when it is not an http(s) URL. */
export function sourceKey(url: string): string | null {
  const m = /^(?:https?:)?\/\/(?:www\.)?([^/?#]+)([^?#]*)/i.exec(url.trim());
  if (!m) return null;
  const host = m[1].toLowerCase();
  const path = m[2];
  if (/(^|\.)(alignmentforum\.org|lesswrong\.com|greaterwrong\.com)$/.test(host)) {
    const post = /\/posts\/([A-Za-z0-9]+)/.exec(path);
    if (post) return `lw:${post[1]}`;
  }
  if (/(^|\.)arxiv\.org$/.test(host)) {
    const paper = /\/(?:abs|pdf|html)\/([a-z-]*\/?\d{4}\.\d{4,5}|[a-z-]+\/\d{7})(?:v\d+)?(?:\.pdf)?/i.exec(path);
    if (paper) return `arxiv:${paper[1].toLowerCase()}`;
  }
  return `${host}${path.replace(/\/+$/, '').toLowerCase()}`;
}
