/** `pgautopsy kinds`: the event taxonomy, with the message patterns each kind covers. */
import type { Writable } from 'node:stream';
import { FAMILIES, KINDS, KIND_NAMES, patternText } from '../classify/index.js';

export function kindsCommand(opts: { json: boolean }, out: Writable): void {
  const kinds = KIND_NAMES.map((name) => {
    const k = KINDS[name];
    return { kind: name, family: k.family, description: k.description, patterns: k.patterns.map(patternText) };
  });
  if (opts.json) {
    out.write(`${JSON.stringify(kinds, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const family of FAMILIES) {
    const members = kinds.filter((k) => k.family === family);
    if (members.length === 0) continue;
    lines.push(`${family}`);
    for (const k of members) {
      lines.push(`  ${k.kind.padEnd(32)} ${k.description}`);
      for (const p of k.patterns) lines.push(`  ${''.padEnd(32)}   ${p}`);
    }
  }
  out.write(`${lines.join('\n')}\n`);
}
