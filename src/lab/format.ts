// Number formatting for labels and narration (pure; the views and the slow-motion plan share it).

/** Formats a number compactly for labels: 0.001 -> "0.001", 12345 -> "12,345", 1e-6 -> "1e-6". */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(1).replace('e+', 'e').replace(/\.0e/, 'e');
  return String(Number(v.toPrecision(digits)));
}
