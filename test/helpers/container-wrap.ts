/**
 * A real server's stderr lines as a container runtime would have stored them (see
 * src/parse/container-line.ts): each line in a record of its own, timed by the line's
 * own timestamp with nanoseconds added, as runtimes print them.
 */
import type { ContainerEnvelope } from '../../src/parse/container-line.js';

export interface WrapOptions {
  /** Cut lines longer than this into pieces of this many characters, as runtimes cut lines over 16 KiB. */
  cutAt?: number;
  /** A stdout record after the first piece of every cut line. */
  stdoutBetweenPieces?: boolean;
}

const STDERR_TIME = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/;

export function wrapLines(lines: readonly string[], envelope: ContainerEnvelope, opts: WrapOptions = {}): string[] {
  const out: string[] = [];
  let time = '2026-11-26T17:00:00.000000000Z';
  let n = 0;
  const record = (text: string, stream: 'stdout' | 'stderr', complete: boolean): string => {
    switch (envelope) {
      case 'timestamps':
        return `${time} ${text}`;
      case 'cri':
        return `${time} ${stream} ${complete ? 'F' : 'P'} ${text}`;
      case 'docker-json':
        return JSON.stringify({ log: complete ? `${text}\n` : text, stream, time });
    }
  };
  for (const line of lines) {
    const m = STDERR_TIME.exec(line);
    if (m) time = `${m[1]}T${m[2]}${String(++n % 1_000_000).padStart(6, '0')}Z`;
    const cutAt = opts.cutAt;
    if (cutAt === undefined || line.length <= cutAt || envelope === 'timestamps') {
      out.push(record(line, 'stderr', true));
      continue;
    }
    for (let at = 0; at < line.length; at += cutAt) {
      const last = at + cutAt >= line.length;
      out.push(record(line.slice(at, at + cutAt), 'stderr', last));
      if (at === 0 && opts.stdoutBetweenPieces) out.push(record('waiting for the server to accept connections', 'stdout', true));
    }
  }
  return out;
}
