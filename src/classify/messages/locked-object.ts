/**
 * The thing a heavyweight lock is on, as lock-wait and deadlock messages
 * print it (DescribeLockTag in lmgr.c). Relations and databases are OIDs; the
 * relation's name is only recoverable from CONTEXT or the statement.
 */
export type LockedObject =
  | { type: 'relation'; relation: number; database: number }
  | { type: 'extend'; relation: number; database: number }
  | { type: 'frozen_ids'; database: number }
  | { type: 'page'; page: number; relation: number; database: number }
  | { type: 'tuple'; page: number; tuple: number; relation: number; database: number }
  | { type: 'transaction'; xid: number }
  | { type: 'virtualxid'; vxid: string }
  | { type: 'speculative'; token: number; xid: number }
  | { type: 'object'; objid: number; classid: number; database: number }
  | { type: 'apply_transaction'; xid: number; subscription: number; database: number }
  | { type: 'userlock'; key: [number, number, number] }
  | { type: 'advisory'; key: [number, number, number, number] }
  /** A tag this version of pgautopsy does not know; the text is kept. */
  | { type: 'unknown'; text: string };

export type LockedObjectType = LockedObject['type'];

type Of<T extends LockedObjectType> = Extract<LockedObject, { type: T }>;

interface ObjectSyntax<T extends LockedObjectType> {
  pattern: RegExp;
  build(n: number[], text: string): Of<T>;
  describe(o: Of<T>): string;
  key(o: Of<T>): string;
}

const U = '(\\d+)';
const syntax = <T extends LockedObjectType>(s: ObjectSyntax<T>): ObjectSyntax<T> => s;

/** One entry per object type: how it is printed, read back and keyed. */
const SYNTAX: { [T in Exclude<LockedObjectType, 'unknown'>]: ObjectSyntax<T> } = {
  relation: syntax({
    pattern: new RegExp(`^relation ${U} of database ${U}$`),
    build: ([relation, database]) => ({ type: 'relation', relation: relation!, database: database! }),
    describe: (o) => `relation ${o.relation} of database ${o.database}`,
    key: (o) => `relation:${o.database}:${o.relation}`,
  }),
  extend: syntax({
    pattern: new RegExp(`^extension of relation ${U} of database ${U}$`),
    build: ([relation, database]) => ({ type: 'extend', relation: relation!, database: database! }),
    describe: (o) => `extension of relation ${o.relation} of database ${o.database}`,
    key: (o) => `extend:${o.database}:${o.relation}`,
  }),
  frozen_ids: syntax({
    pattern: new RegExp(`^pg_database\\.datfrozenxid of database ${U}$`),
    build: ([database]) => ({ type: 'frozen_ids', database: database! }),
    describe: (o) => `pg_database.datfrozenxid of database ${o.database}`,
    key: (o) => `frozen_ids:${o.database}`,
  }),
  page: syntax({
    pattern: new RegExp(`^page ${U} of relation ${U} of database ${U}$`),
    build: ([page, relation, database]) => ({ type: 'page', page: page!, relation: relation!, database: database! }),
    describe: (o) => `page ${o.page} of relation ${o.relation} of database ${o.database}`,
    key: (o) => `page:${o.database}:${o.relation}:${o.page}`,
  }),
  tuple: syntax({
    pattern: new RegExp(`^tuple \\(${U},${U}\\) of relation ${U} of database ${U}$`),
    build: ([page, tuple, relation, database]) =>
      ({ type: 'tuple', page: page!, tuple: tuple!, relation: relation!, database: database! }),
    describe: (o) => `tuple (${o.page},${o.tuple}) of relation ${o.relation} of database ${o.database}`,
    key: (o) => `tuple:${o.database}:${o.relation}:${o.page}:${o.tuple}`,
  }),
  transaction: syntax({
    pattern: new RegExp(`^transaction ${U}$`),
    build: ([xid]) => ({ type: 'transaction', xid: xid! }),
    describe: (o) => `transaction ${o.xid}`,
    key: (o) => `transaction:${o.xid}`,
  }),
  virtualxid: syntax({
    pattern: /^virtual transaction (-?\d+\/\d+)$/,
    build: (_, text) => ({ type: 'virtualxid', vxid: text.slice('virtual transaction '.length) }),
    describe: (o) => `virtual transaction ${o.vxid}`,
    key: (o) => `virtualxid:${o.vxid}`,
  }),
  speculative: syntax({
    pattern: new RegExp(`^speculative token ${U} of transaction ${U}$`),
    build: ([token, xid]) => ({ type: 'speculative', token: token!, xid: xid! }),
    describe: (o) => `speculative token ${o.token} of transaction ${o.xid}`,
    key: (o) => `speculative:${o.xid}:${o.token}`,
  }),
  object: syntax({
    pattern: new RegExp(`^object ${U} of class ${U} of database ${U}$`),
    build: ([objid, classid, database]) => ({ type: 'object', objid: objid!, classid: classid!, database: database! }),
    describe: (o) => `object ${o.objid} of class ${o.classid} of database ${o.database}`,
    key: (o) => `object:${o.database}:${o.classid}:${o.objid}`,
  }),
  apply_transaction: syntax({
    pattern: new RegExp(`^remote transaction ${U} of subscription ${U} of database ${U}$`),
    build: ([xid, subscription, database]) =>
      ({ type: 'apply_transaction', xid: xid!, subscription: subscription!, database: database! }),
    describe: (o) => `remote transaction ${o.xid} of subscription ${o.subscription} of database ${o.database}`,
    key: (o) => `apply_transaction:${o.database}:${o.subscription}:${o.xid}`,
  }),
  userlock: syntax({
    pattern: new RegExp(`^user lock \\[${U},${U},${U}\\]$`),
    build: ([a, b, c]) => ({ type: 'userlock', key: [a!, b!, c!] }),
    describe: (o) => `user lock [${o.key.join(',')}]`,
    key: (o) => `userlock:${o.key.join(':')}`,
  }),
  advisory: syntax({
    pattern: new RegExp(`^advisory lock \\[${U},${U},${U},${U}\\]$`),
    build: ([a, b, c, d]) => ({ type: 'advisory', key: [a!, b!, c!, d!] }),
    describe: (o) => `advisory lock [${o.key.join(',')}]`,
    key: (o) => `advisory:${o.key.join(':')}`,
  }),
};

const TYPES = Object.keys(SYNTAX) as Array<keyof typeof SYNTAX>;

/** Reads `relation 16398 of database 16388`, `transaction 741`, `advisory lock [16388,0,42,1]`... */
export function parseLockedObject(text: string): LockedObject {
  for (const type of TYPES) {
    const s = SYNTAX[type] as ObjectSyntax<typeof type>;
    const m = s.pattern.exec(text);
    if (m) return s.build(m.slice(1).map(Number), text);
  }
  return { type: 'unknown', text };
}

/** The object as PostgreSQL prints it. */
export function describeObject(o: LockedObject): string {
  if (o.type === 'unknown') return o.text;
  return (SYNTAX[o.type] as ObjectSyntax<typeof o.type>).describe(o);
}

/**
 * A stable key for joins: the same lockable thing gives the same key in every
 * message (`tuple:16388:16391:0:5`, `transaction:741`), database first so keys
 * of one database sort together.
 */
export function objectKey(o: LockedObject): string {
  if (o.type === 'unknown') return `unknown:${o.text}`;
  return (SYNTAX[o.type] as ObjectSyntax<typeof o.type>).key(o);
}
