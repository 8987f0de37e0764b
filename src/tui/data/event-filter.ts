/**
 * The events filter as typed after `f`: `field:value` words and free text, e.g.
 * `severity:ERROR app:checkout pid:4242 deadlock`. Free words must all appear in
 * the message. Unknown fields are reported, quoting them, rather than ignored.
 */
export const FILTER_FIELDS = ['kind', 'family', 'pid', 'user', 'db', 'app', 'severity', 'session', 'fingerprint'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export type EventFilter = Partial<Record<FilterField, string>> & { text?: string };

export type ParsedFilter = { ok: true; filter: EventFilter } | { ok: false; error: string };

export function parseFilter(input: string): ParsedFilter {
  const filter: EventFilter = {};
  const words: string[] = [];
  for (const word of input.trim().split(/\s+/).filter((w) => w !== '')) {
    const m = /^([a-z]+):(.+)$/.exec(word);
    if (m === null) {
      words.push(word);
      continue;
    }
    const field = m[1] as FilterField;
    if (!FILTER_FIELDS.includes(field)) return { ok: false, error: `'${m[1]}:' is not a filter (use ${FILTER_FIELDS.join(': ')}:)` };
    if (field === 'pid' && !/^\d+$/.test(m[2]!)) return { ok: false, error: `pid:'${m[2]}' is not a process id` };
    filter[field] = field === 'severity' ? m[2]!.toUpperCase() : m[2]!;
  }
  if (words.length > 0) filter.text = words.join(' ');
  return { ok: true, filter };
}

export function describeFilter(filter: EventFilter): string {
  const parts = FILTER_FIELDS.filter((f) => filter[f] !== undefined).map((f) => `${f}:${filter[f]}`);
  if (filter.text !== undefined) parts.push(`"${filter.text}"`);
  return parts.join(' ');
}
