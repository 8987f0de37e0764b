/** Turns the raw text of log_line_prefix fields into typed entry context. */
import type { EntryContext } from './log-entry.js';
import type { PrefixFields } from './prefix-pattern.js';
import type { TimestampConverter } from './timestamp.js';
import { isoFromMs } from '../util/iso-from-ms.js';

/** What PostgreSQL prints when a session value is not known yet. */
const UNKNOWN = '[unknown]';

function known(value: string | undefined): string | undefined {
  return value === undefined || value === UNKNOWN ? undefined : value;
}

/** Splits "2024-01-01 10:00:00 CEST" into time and zone. */
export function splitZone(text: string): [string, string | undefined] {
  const space = text.indexOf(' ', 11);
  return space < 0 ? [text, undefined] : [text.slice(0, space), text.slice(space + 1)];
}

/** Copies the prefix fields into `ctx` (an entry), typed and normalised. */
export function applyPrefix(ctx: EntryContext, f: PrefixFields, time: TimestampConverter): void {
  if (f.time !== undefined) {
    const ts = time.toUtc(f.time, f.zone);
    if (ts !== undefined) ctx.ts = ts;
  } else if (f.epoch !== undefined) {
    const ts = isoFromMs(Math.round(Number(f.epoch) * 1000));
    if (ts !== undefined) ctx.ts = ts;
  }
  if (f.pid !== undefined) ctx.pid = Number(f.pid);
  if (f.session_line !== undefined) ctx.session_line = Number(f.session_line);
  if (f.session_id !== undefined) ctx.session_id = f.session_id;
  if (f.session_start !== undefined) {
    const [local, zone] = splitZone(f.session_start);
    const ts = time.toUtc(local, zone);
    if (ts !== undefined) ctx.session_start = ts;
  }
  const user = known(f.user_name);
  if (user !== undefined) ctx.user_name = user;
  const db = known(f.database_name);
  if (db !== undefined) ctx.database_name = db;
  const app = known(f.application_name);
  if (app !== undefined) ctx.application_name = app;
  const client = known(f.host_port ?? f.host);
  if (client !== undefined) ctx.client = client;
  const backend = known(f.backend_type);
  if (backend !== undefined) ctx.backend_type = backend;
  if (f.xid !== undefined && f.xid !== '0') ctx.xid = f.xid;
  if (f.vxid !== undefined) ctx.vxid = f.vxid;
  if (f.sqlstate !== undefined) ctx.sqlstate = f.sqlstate;
  if (f.command_tag !== undefined) ctx.command_tag = f.command_tag;
  if (f.query_id !== undefined && f.query_id !== '0') ctx.query_id = f.query_id;
}
