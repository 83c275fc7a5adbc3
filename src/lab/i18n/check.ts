// Checks a set of message tables against the reference (English) at run time: the same keys, the same
// `{placeholders}`, no empty text. The type check catches this for tables written in TypeScript; this catches a
// table loaded or built at run time, and a placeholder a translation lost (which the types cannot see).
import { placeholders } from './index';

export function tableProblems(reference: Readonly<Record<string, string>>, tables: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string[] {
  const out: string[] = [];
  const keys = Object.keys(reference);
  for (const [locale, table] of Object.entries(tables)) {
    for (const k of keys) {
      const v = table[k];
      if (!Object.prototype.hasOwnProperty.call(table, k)) out.push(`${locale}: missing "${k}"`);
      else if (typeof v !== 'string' || v.trim() === '') out.push(`${locale}: "${k}" is empty`);
      else if (placeholders(v).join() !== placeholders(reference[k]).join())
        out.push(`${locale}: "${k}" has {${placeholders(v).join('}, {')}} where English has {${placeholders(reference[k]).join('}, {')}}`);
    }
    for (const k of Object.keys(table)) if (!Object.prototype.hasOwnProperty.call(reference, k)) out.push(`${locale}: "${k}" is not in English's table`);
  }
  return out;
}
