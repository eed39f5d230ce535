/**
 * Markdown and HTML reduced to readable text: links keep their words, images their alt text, code
 * keeps its content, tags go and entities are decoded. Nothing is fetched or executed.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', bull: '•', middot: '·', times: '×', rarr: '→', larr: '←' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Removes HTML: block tags become line breaks, the rest disappear; script/style contents go too. */
export function stripHtml(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/br>/gi, '\n')
    .replace(/<\/?(p|div|li|ul|ol|tr|table|h[1-6]|pre|blockquote|details|summary)\b[^>]*>/gi, '\n')
    .replace(/<img\b[^>]*?alt\s*=\s*("([^"]*)"|'([^']*)')[^>]*>/gi, (_m, _q, a?: string, b?: string) => a ?? b ?? '')
    .replace(/<[^>]+>/g, '');
}

/** Markdown inline and block syntax to plain text; list markers stay as `- ` so items remain separable. */
export function markdownToText(md: string): string {
  let text = md.replace(/\r\n?/g, '\n');
  // Fenced code: keep the code, drop the fences.
  // Fenced code: keep the code, indented four spaces as Markdown does, without the fences.
  text = text.replace(/^([ \t]*)(```|~~~)[^\n]*\n([\s\S]*?)\n[ \t]*\2[ \t]*$/gm, (_m, _i, _f, code: string) =>
    code
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n'),
  );
  text = stripHtml(text);
  text = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, '')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/`{1,3}([^`\n]+)`{1,3}/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*?\S)\2(?=[\s).,;:!?]|$)/g, '$1$3')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^\s*(\d+)[.)]\s+/gm, '- ')
    .replace(/^\s*[*+•-]\s+/gm, '- ')
    .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, '')
    .replace(/^\s*\|(.*)\|\s*$/gm, (_m, row: string) => row.split('|').map((c) => c.trim()).filter(Boolean).join(' — '))
    .replace(/^\s*([-*_]\s*){3,}$/gm, '');
  text = decodeEntities(text);
  return text
    .split('\n')
    .map((l) => l.replace(/(\S)[ \t]+/g, '$1 ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Inline text for a question or a heading: one line, no Markdown. */
export function inlineText(md: string): string {
  return markdownToText(md).replace(/^- /gm, '').replace(/\s+/g, ' ').trim();
}
