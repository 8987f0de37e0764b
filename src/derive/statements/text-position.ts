/**
 * Where a statement's text starts in the entry field it came from (1-based, in
 * characters, for SQLite's substr), when it is that field's whole tail: then the
 * row need not store it again. Undefined when it is not (TABs of stderr
 * continuation lines removed, auto_explain's Query Text inside a plan).
 */
const SURROGATE = /[\uD800-\uDFFF]/;

export function textPosition(field: string, text: string): number | undefined {
  if (!field.endsWith(text)) return undefined;
  const at = field.length - text.length;
  // substr counts characters, JS strings UTF-16 units: they agree unless a pair precedes.
  if (at > 0 && SURROGATE.test(field.slice(0, at))) return undefined;
  return at + 1;
}
