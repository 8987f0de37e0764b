/** A hand-made lock wait and deadlock whose application name and query carry markup, for escaping tests. */
export const EVIL_APP = '<script>alert("app")</script>';
export const EVIL_QUERY = `UPDATE t SET note = '</pre><script>alert(1)</script>' WHERE id = 1;`;

const prefix = (time: string) => `2026-11-26 ${time} UTC [100] [user=app,db=shop,app=${EVIL_APP}]`;

export const HOSTILE_LOG = [
  `${prefix('10:00:00.000')} LOG:  process 100 still waiting for ShareLock on transaction 900 after 200.000 ms`,
  `${prefix('10:00:00.000')} DETAIL:  Process holding the lock: 101. Wait queue: 100.`,
  `${prefix('10:00:00.000')} STATEMENT:  ${EVIL_QUERY}`,
  `${prefix('10:00:01.000')} ERROR:  deadlock detected`,
  `${prefix('10:00:01.000')} DETAIL:  Process 100 waits for ShareLock on transaction 900; blocked by process 101.`,
  `\tProcess 101 waits for ShareLock on transaction 899; blocked by process 100.`,
  `\tProcess 100: ${EVIL_QUERY}`,
  `\tProcess 101: UPDATE t SET note = 'x' WHERE id = 2;`,
  `${prefix('10:00:01.000')} STATEMENT:  ${EVIL_QUERY}`,
].join('\n');
