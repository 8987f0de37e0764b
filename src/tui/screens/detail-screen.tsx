/**
 * One entry in full: message, DETAIL, HINT, CONTEXT, STATEMENT, parameters,
 * fingerprint, where it is in which file, and keys to what it belongs to.
 */
import { Box, Text, useInput } from 'ink';
import { useMemo } from 'react';
import { loadEventDetail, type EventDetail } from '../data/event-detail-data.js';
import { Tone, toneOfSeverity } from '../components/tone.js';
import { useRemembered } from '../hooks/use-remembered.js';
import { moveIndex } from '../list-keys.js';
import { useTui } from '../tui-context.js';
import { wrapText } from '../wrap-text.js';
import { shortTime } from '../../util/time-arg.js';
import type { ScreenProps } from './screen-props.js';

interface Line {
  label: string;
  text: string;
}

function detailLines(d: EventDetail): Line[] {
  const lines: Line[] = [];
  const add = (label: string, text: string | number | null | undefined) => {
    if (text !== null && text !== undefined && text !== '') lines.push({ label, text: String(text) });
  };
  add('when', `${shortTime(d.ts)} UTC  ${d.severity}${d.sqlstate ? ` ${d.sqlstate}` : ''}  kind ${d.kind ?? '-'} (${d.family ?? '-'})`);
  add('who', `pid ${d.pid ?? '?'}  ${d.user_name ?? '?'}@${d.database_name ?? '?'}  app ${d.application_name ?? '-'}  client ${d.client ?? '-'}`);
  add('message', d.message);
  add('DETAIL', d.detail);
  add('HINT', d.hint);
  add('CONTEXT', d.context);
  add('QUERY', d.internal_query);
  add('STATEMENT', d.statement);
  add('parameters', d.statementInfo?.parameters);
  add('normalized', d.statementInfo?.normalized);
  add('fingerprint', d.statementInfo?.fingerprint);
  add('source', d.location);
  add('evidence', `${d.file}:${d.line}  (entry ${d.id})`);
  const links: string[] = [];
  if (d.session_id !== null) links.push(`s same session ${d.session_id}`);
  if (d.pid !== null) links.push(`p same backend ${d.pid}`);
  if (d.statementInfo?.fingerprint) links.push('f same fingerprint');
  if (d.deadlockId !== null) links.push(`d deadlock #${d.deadlockId}`);
  if (d.lockWait !== null) {
    const w = d.lockWait;
    links.push(`l lock wait: ${w.mode} on ${w.object}, ${w.wait_ms === null ? '?' : `${Math.round(w.wait_ms)} ms`}, ${w.resolution}`);
  }
  if (links.length > 0) add('links', links.join('\n'));
  return lines;
}

const LABEL = 12;

export function DetailScreen({ width, height, active, memo, nav, say, id }: ScreenProps & { id: number }) {
  const { db } = useTui();
  const detail = useMemo(() => loadEventDetail(db, id), [db, id]);
  const rendered = useMemo(() => {
    if (detail === null) return [];
    const out: Array<{ label: string; text: string; first: boolean }> = [];
    for (const l of detailLines(detail)) {
      wrapText(l.text, Math.max(10, width - LABEL - 1)).forEach((t, i) => out.push({ label: i === 0 ? l.label : '', text: t, first: i === 0 }));
    }
    return out;
  }, [detail, width]);
  const [top, setTop] = useRemembered(memo, 'top', 0);

  useInput(
    (input, key) => {
      if (detail === null) return;
      const moved = moveIndex(input, key, top, Math.max(1, rendered.length - height + 1), height);
      if (moved !== null) return setTop(moved);
      if (input === 's' && detail.session_id !== null) nav.push({ name: 'events', filter: { session: detail.session_id }, title: `session ${detail.session_id}` });
      else if (input === 'p' && detail.pid !== null) nav.push({ name: 'events', filter: { pid: String(detail.pid) }, ...(detail.ts !== null && { at: detail.ts }), title: `backend ${detail.pid}` });
      else if (input === 'f') {
        const fp = detail.statementInfo?.fingerprint;
        if (fp) nav.push({ name: 'events', filter: { fingerprint: fp }, title: 'same statement' });
        else say('no fingerprint for this entry (not a statement, or the store has no statements table)');
      } else if (input === 'd') {
        if (detail.deadlockId !== null) nav.push({ name: 'deadlocks', id: detail.deadlockId });
        else say('this entry is not part of a deadlock');
      } else if (input === 'l') {
        if (detail.lockWait !== null) nav.push({ name: 'blockers' });
        else say('this entry is not part of a lock wait');
      }
      return undefined;
    },
    { isActive: active },
  );

  if (detail === null) return <Text>Entry {id} is not in the store.</Text>;
  return (
    <Box flexDirection="column" height={height}>
      {rendered.slice(top, top + height).map((l, i) => (
        <Text key={top + i} wrap="truncate">
          <Text bold>{l.label.padEnd(LABEL)}</Text>{' '}
          {l.label === 'message' ? <Tone tone={toneOfSeverity(detail.severity)}>{l.text}</Tone> : l.text}
        </Text>
      ))}
    </Box>
  );
}
