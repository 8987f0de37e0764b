/**
 * A period to compare: a store file (its whole span) or a `FROM..TO` window of the
 * `--db` store. Both ends are in the store's ISO form, so they compare as text.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../../commands/errors.js';
import { openStoreReadOnly } from '../../store/open-store.js';
import { parseTimeArg } from '../../util/time-arg.js';

export interface Period {
  label: string;
  db: string;
  from: string;
  to: string;
  minutes: number;
}

export function resolvePeriod(spec: string, option: string, db: string | undefined): Period {
  const dots = spec.indexOf('..');
  if (dots > 0 && !existsSync(spec)) {
    if (db === undefined) throw new UsageError(`${option} '${spec}' is a time window: name the store with --db`);
    const from = parseTimeArg(spec.slice(0, dots), option);
    const to = parseTimeArg(spec.slice(dots + 2), option);
    if (from >= to) throw new UsageError(`${option} '${spec}': the window ends before it starts`);
    return withMinutes({ label: spec, db, from, to });
  }
  const store = openStoreReadOnly(spec);
  try {
    const span = store.prepare('SELECT min(ts) AS from_ts, max(ts) AS to_ts FROM entries').get() as { from_ts: string | null; to_ts: string | null };
    if (span.from_ts === null || span.to_ts === null) throw new UsageError(`${option} ${spec}: the store has no timed entries`);
    return withMinutes({ label: spec, db: spec, from: span.from_ts, to: span.to_ts });
  } finally {
    store.close();
  }
}

function withMinutes(p: Omit<Period, 'minutes'>): Period {
  // A period shorter than a second would make every rate explode.
  return { ...p, minutes: Math.max(1 / 60, (Date.parse(p.to) - Date.parse(p.from)) / 60_000) };
}
