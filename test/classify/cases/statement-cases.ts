import type { Case } from './case.js';

export const STATEMENT_CASES: readonly Case[] = [
  ['duration', 'LOG', 'duration: 51.030 ms  statement: SELECT g FROM generate_series(1,200000) g ORDER BY g DESC LIMIT 1'],
  ['duration', 'LOG', 'duration: 0.012 ms  execute P_0: SELECT $$it\'s, a "test"$$ || $1 AS a, NULL::text AS b;'],
  ['duration', 'LOG', 'duration: 0.003 ms  execute <unnamed>: SELECT $1::text'],
  ['duration', 'LOG', 'duration: 0.483 ms  parse <unnamed>: SELECT balance FROM accounts WHERE id = $1;'],
  ['duration', 'LOG', 'duration: 0.514 ms  bind P_0: SELECT balance FROM accounts WHERE id = $1;'],
  ['duration', 'LOG', 'duration: 0.023 ms'],
  ['duration', 'LOG', 'duration: 0.111 ms  plan:\n\tQuery Text: SELECT count(*) FROM pg_class WHERE relname LIKE \'pg%\'\n\tAggregate  (cost=20.00..20.01 rows=1 width=8)'],
  ['duration', 'LOG', 'duration: 0.056 ms  statement: SELECT count(*) FROM accounts', '00000'],
  ['statement_logged', 'LOG', 'statement: UPDATE accounts\n\tSET balance = 0\n\tWHERE id = 100'],
  ['statement_logged', 'LOG', "statement: ALTER SYSTEM SET log_statement = 'none'"],
  ['execute_logged', 'LOG', 'execute P_0: SELECT balance FROM accounts WHERE id = $1;'],
  ['execute_logged', 'LOG', 'execute <unnamed>: UPDATE accounts SET balance = balance + 1 WHERE id = $1;'],
  ['temp_file', 'LOG', 'temporary file: path "base/pgsql_tmp/pgsql_tmp10819.0", size 2800000'],
];
