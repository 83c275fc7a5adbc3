// Markdown rendering with marked (GFM, default options), chunk by chunk, plus the inline-directive placeholders.
//
// A chapter is cut into Markdown chunks at block directives. Each chunk is rendered by marked exactly as
// `marked.parse` would render it, except that link reference definitions are shared by the whole chapter
// (the first definition of a label wins, as in one document). With no directives there is one chunk, and the
// output is byte-identical to `marked.parse(body)`.
import { Marked, type TokensList } from 'marked';
import { escapeHtml } from './errors';

const md = new Marked();

/** Renders chunks as one document would share link definitions. */
export function renderChunks(chunks: string[]): string[] {
  const links: TokensList['links'] = {};
  const lexed = chunks.map((src) => {
    if (!src.trim()) return null;
    // A first pass only to collect link reference definitions (first wins, across the chapter).
    const tokens = new md.Lexer(md.defaults).lex(src);
    for (const [k, v] of Object.entries(tokens.links)) if (!(k in links)) links[k] = v;
    return src;
  });
  return lexed.map((src) => {
    if (src === null) return '';
    const lexer = new md.Lexer(md.defaults);
    Object.assign(lexer.tokens.links, links);
    return md.parser(lexer.lex(src));
  });
}

// ---- Inline placeholders ------------------------------------------------------------------------

const OPEN = '\uE000';
const CLOSE = '\uE001';
export function placeholder(id: number): string {
  return `${OPEN}${id}${CLOSE}`;
}

/**
 * Replaces placeholders in rendered HTML. `live(id)` gives the HTML of a live directive; where marked put the
 * placeholder inside code, a tag or a comment, the directive's source text comes back instead (escaped exactly as
 * marked escapes text), and `live` is not called for it.
 */
export function substitute(html: string, raw: (id: number) => string, live: (id: number) => string): { html: string; live: Set<number> } {
  const used = new Set<number>();
  const out = html.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_m, n: string, at: number) => {
    const id = Number(n);
    const before = html.slice(0, at);
    const inTag = before.lastIndexOf('<') > before.lastIndexOf('>');
    const inCode = before.lastIndexOf('<code') > before.lastIndexOf('</code>') || before.lastIndexOf('<pre') > before.lastIndexOf('</pre>');
    const inComment = before.lastIndexOf('<!--') > before.lastIndexOf('-->');
    if (inTag || inCode || inComment) return escapeHtml(raw(id));
    used.add(id);
    return live(id);
  });
  // Inside a URL marked percent-encodes the placeholder: restore the text there too.
  const enc = (s: string) => encodeURI(s);
  const out2 = out.replace(new RegExp(`${enc(OPEN)}(\\d+)${enc(CLOSE)}`, 'g'), (_m, n: string) => encodeURI(raw(Number(n))));
  return { html: out2, live: used };
}
