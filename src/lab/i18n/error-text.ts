// Failures for the reader, in the page's locale. The trainer's own refusals carry their text (a ConfigError its
// issues, a SnapshotError every locale's words); other failures (tfjs, WebGL, WASM, a worker, a fetch) carry only
// an English technical message. English shows it as it is; another locale names the kind of failure in its own
// words (FAULTS, matched on the message) and leaves the technical detail to the browser's console.
import { ConfigError } from '../model/config';
import { SnapshotError } from '../model/trainer/snapshot-check';
import { issuesText } from './config-text';
import { getLocale, t, type MessageKey } from './index';
import { ReaderError } from './reader-error';

/** Kinds of failure by their message, first match wins; `status` is the first capture, when there is one. */
export const FAULTS: readonly { test: RegExp; key: MessageKey }[] = [
  { test: /context (?:was |is )?lost|CONTEXT_LOST/i, key: 'error.webglLost' },
  { test: /out of memory|\bOOM\b|failed to allocate|allocation failed|exceeds? .*(?:limit|maximum)/i, key: 'error.memory' },
  { test: /\b(?:webgl|shader|texture)/i, key: 'error.webgl' },
  { test: /\b(?:wasm|WebAssembly)/i, key: 'error.wasm' },
  { test: /\bworker\b/i, key: 'error.worker' },
  { test: /^HTTP (\d{3})\b/, key: 'error.http' },
  { test: /failed to fetch|NetworkError|network error|load failed/i, key: 'error.network' },
  { test: /JSON|Unexpected token|unexpected end of/i, key: 'error.json' },
];

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What went wrong, for the reader, in the page's locale. */
export function errorText(err: unknown): string {
  if (err instanceof SnapshotError) return err.text[getLocale()];
  if (err instanceof ConfigError) return issuesText(err.issues);
  if (err instanceof ReaderError) return err.message;
  const message = messageOf(err);
  if (getLocale() === 'en') return message;
  if (typeof console !== 'undefined') console.warn('[lab]', message);
  for (const f of FAULTS) {
    const m = f.test.exec(message);
    if (m) return t(f.key, { status: m[1] ?? '' });
  }
  return t('error.unexpected');
}

/** Why a text is not JSON (a parser's SyntaxError): English keeps the parser's words; another locale says where. */
export function jsonErrorDetail(err: unknown): string {
  const message = messageOf(err);
  if (getLocale() === 'en') return message.slice(0, 80);
  const at = /position (\d+)/.exec(message) ?? /column (\d+)/.exec(message);
  return at ? t('error.jsonAt', { n: String(Number(at[1]) + (at[0].startsWith('position') ? 1 : 0)) }) : t('error.jsonSyntax');
}
