/**
 * The server's actual settings, from whatever the user could copy: psql's `SHOW ALL`
 * (aligned or unaligned), `pg_settings` exported as CSV, or a `postgresql.conf`.
 * Names are lower-cased; the last assignment of a name wins, as in the server.
 */
import { UsageError } from '../../commands/errors.js';

export type SettingsSource = 'show-all' | 'csv' | 'conf';

export interface ServerSettings {
  source: SettingsSource;
  values: ReadonlyMap<string, string>;
}

const NAME = /^[a-z_][a-z0-9_.]*$/;

export function parseSettings(text: string, path: string): ServerSettings {
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  let parsed: ServerSettings;
  if (/^"?name"?\s*,/i.test(first)) parsed = { source: 'csv', values: fromCsv(text) };
  else if (lines.some((l) => /^\s*[a-z_][a-z0-9_.]*\s*\|/i.test(l))) parsed = { source: 'show-all', values: fromTable(lines) };
  else parsed = { source: 'conf', values: fromConf(lines) };
  if (parsed.values.size === 0) {
    throw new UsageError(`--settings ${path}: no settings found (expected SHOW ALL output, pg_settings as CSV, or a postgresql.conf); it begins '${first.slice(0, 60)}'`);
  }
  return parsed;
}

/** ` name | setting | description` rows; header, ruler and `(N rows)` lines skipped. */
function fromTable(lines: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of lines) {
    const cells = line.split('|').map((c) => c.trim());
    const name = cells[0]?.toLowerCase() ?? '';
    if (cells.length < 2 || name === 'name' || !NAME.test(name)) continue;
    values.set(name, cells[1] ?? '');
  }
  return values;
}

function fromCsv(text: string): Map<string, string> {
  const rows = csvRows(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const nameAt = header.indexOf('name');
  const settingAt = header.indexOf('setting');
  const unitAt = header.indexOf('unit');
  const values = new Map<string, string>();
  if (nameAt < 0 || settingAt < 0) return values;
  for (const row of rows.slice(1)) {
    const name = row[nameAt]?.trim().toLowerCase() ?? '';
    if (!NAME.test(name)) continue;
    const setting = row[settingAt] ?? '';
    const unit = unitAt >= 0 ? (row[unitAt] ?? '') : '';
    // pg_settings gives 100 with unit ms; keep the unit so the value reads as SHOW would.
    values.set(name, unit !== '' && /^-?\d+$/.test(setting) && setting !== '-1' ? `${setting}${unit}` : setting);
  }
  return values;
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/** `name = value  # comment`, `name value`; quoted values may contain '#'. */
function fromConf(lines: string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of lines) {
    const m = /^\s*([a-z_][a-z0-9_.]*)\s*(?:=\s*|\s+)('(?:[^']|'')*'|[^\s#]+)/i.exec(line);
    if (!m) continue;
    const raw = m[2]!;
    values.set(m[1]!.toLowerCase(), raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw);
  }
  return values;
}
