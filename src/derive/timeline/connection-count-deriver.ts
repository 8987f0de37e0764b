/** Connections opened, refused and failing authentication per minute, by application, user and client (`connection_counts`). */
import type { Deriver } from '../deriver.js';
import { isoMs } from '../iso-time.js';
import { CONNECTION_COUNT_SCHEMA, CONNECTION_COUNT_WIDTHS } from './connection-count-schema.js';
import { AUTH_KINDS, CONNECTION_DIMS, GROUPED_FAMILIES, OPENED_KIND, REFUSED_KINDS, dimValues } from './connection-groups.js';

const REFUSED = new Set(REFUSED_KINDS);
const AUTH = new Set(AUTH_KINDS);
const FAMILIES = new Set(GROUPED_FAMILIES);

export const connectionCountDeriver: Deriver = {
  name: 'connection_counts',
  tables: ['connection_counts'],
  schema: CONNECTION_COUNT_SCHEMA,
  start(db) {
    const counts = new Map<string, { minute: number; dim: string; name: string; n: [number, number, number] }>();
    return {
      push(e) {
        if (e.ts === null || !FAMILIES.has(e.family)) return;
        const column = e.kind === OPENED_KIND ? 0 : REFUSED.has(e.kind) ? 1 : AUTH.has(e.kind) ? 2 : null;
        if (column === null) return;
        const minute = Math.floor(isoMs(e.ts) / 60000) * 60;
        if (Number.isNaN(minute)) return;
        const names = dimValues(e);
        for (const dim of CONNECTION_DIMS) {
          const key = `${minute}\t${dim}\t${names[dim]}`;
          let c = counts.get(key);
          if (c === undefined) counts.set(key, (c = { minute, dim, name: names[dim], n: [0, 0, 0] }));
          c.n[column] += 1;
        }
      },
      finish() {
        const insert = db.prepare('INSERT INTO connection_counts VALUES (60, ?, ?, ?, ?, ?, ?)');
        for (const { minute, dim, name, n } of counts.values()) insert.run(minute, dim, name, ...n);
        for (const w of CONNECTION_COUNT_WIDTHS.filter((x) => x > 60)) {
          db.prepare(
            `INSERT INTO connection_counts
             SELECT ${w}, start_sec - ((start_sec % ${w}) + ${w}) % ${w} AS s, dim, name, sum(opened), sum(refused), sum(auth)
               FROM connection_counts WHERE width = 60 GROUP BY s, dim, name`,
          ).run();
        }
      },
    };
  },
};
