/** The key hint line of each screen, and the full list `?` shows. */
import type { ScreenName } from './navigation.js';

export const KEY_HINTS: Record<ScreenName, string> = {
  home: 'j/k move  z/Z zoom  s/S spike  v select  Enter events  D B Q C L  ? help  q quit',
  events: 'j/k g/G PgUp/PgDn  Enter detail  e/E error  o/O backend  / n/N  f filter  ? q',
  detail: 'j/k scroll  s session  p backend  f fingerprint  d deadlock  l blockers  ? q',
  deadlocks: 'j/k select  Enter victim\'s entry  g/G  ? help  q back',
  blockers: 'j/k move  Space fold  Enter evidence  g/G PgUp/PgDn  ? help  q back',
  queries: 'j/k move  Enter its events  t/c/m/p/x/r sort  g/G  ? help  q back',
  connections: 'j/k scroll  g/G PgUp/PgDn  ? help  q back',
};

export const HELP_LINES: readonly string[] = [
  'Everywhere',
  '  j k / ↓ ↑      move           g G        first / last',
  '  PgDn PgUp      page           q Esc      back (quit on the home screen)',
  '  i home (histogram)  L events  D deadlocks  B blockers  Q top queries',
  '  C connections   x clear the selected window   ? this help   Ctrl-C quit',
  'Histogram',
  '  z Z zoom in/out   s S next/previous spike   v … Enter select a window',
  '  Enter  events from the bucket under the cursor',
  'Events',
  '  Enter detail   e E next/previous error   o O same backend next/previous',
  '  / search, n N next/previous match   f filter: field:value words + text',
  '  Esc stops a search under way (the status line shows how far it has read)',
  '  fields: kind family pid user db app severity session fingerprint',
  'Detail',
  '  s same session   p same backend   f same fingerprint',
  '  d its deadlock   l blockers (its lock wait)',
  'Deadlocks  Enter the victim\'s entry      Blockers  Space fold, Enter evidence',
  'Top queries  t total c count m mean p ≈p95 x max r errors; Enter its events',
];
