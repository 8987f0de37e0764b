/** Characters that end the first word of a message: space, TAB, newline, `:`, `,`, `(`, `"`. */
function endsWord(c: number): boolean {
  return c === 32 || c === 58 || c === 9 || c === 10 || c === 44 || c === 40 || c === 34;
}

/** Longest first word worth looking up; longer ones are no known message. */
const MAX_WORD = 40;

function wordLength(text: string): number {
  const n = Math.min(text.length, MAX_WORD + 1);
  let i = 0;
  while (i < n && !endsWord(text.charCodeAt(i))) i++;
  return i > MAX_WORD ? 0 : i;
}

/**
 * The dispatch word of a message or template: its text up to the first space
 * or colon (`duration: …` → `duration`, `pg_hba.conf rejects …` → `pg_hba.conf`).
 */
export function firstWord(text: string): string {
  return text.slice(0, wordLength(text));
}

/**
 * The first word as a small integer (its length and first three characters),
 * so the lookup neither allocates nor hashes a string. Two words can share a
 * key (`connection`, `consistent`); they then share a bucket, which costs a
 * failed startsWith, never a wrong answer.
 */
export function firstWordKey(text: string): number {
  const len = wordLength(text);
  if (len === 0) return -1;
  const c1 = len > 1 ? text.charCodeAt(1) & 0x7f : 0;
  const c2 = len > 2 ? text.charCodeAt(2) & 0x7f : 0;
  return (len << 21) | ((text.charCodeAt(0) & 0x7f) << 14) | (c1 << 7) | c2;
}
