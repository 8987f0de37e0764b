/**
 * A time window as SQL bounds on a time column, plain enough for SQLite to walk an
 * index over just that range: a term like `(@from IS NULL OR ts >= @from)` makes it
 * read every row. An open side has no bound at all, so rows without a time stay in
 * when the window is open.
 */
export interface WindowBounds {
  sql: string;
  params: Record<string, string>;
}

export function inWindow(window: { from?: string | null; to?: string | null }, column = 'ts'): WindowBounds {
  const sql = ['1'];
  const params: Record<string, string> = {};
  if (window.from != null) (sql.push(`${column} >= @from`), (params.from = window.from));
  if (window.to != null) (sql.push(`${column} <= @to`), (params.to = window.to));
  return { sql: sql.join(' AND '), params };
}
