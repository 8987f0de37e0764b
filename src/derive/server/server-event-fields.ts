/**
 * What each server-life kind contributes to its `server_events` row, read from
 * the entry alone. Kinds not listed here are not server events.
 */
import { parseFailedProcess, parseOutOfMemoryDetail, parseParameterChanged, parseProcessExit, type Kind } from '../../classify/index.js';
import type { StoredEntry } from '../deriver.js';

export interface EventFields {
  subject_pid?: number;
  process?: string;
  signal?: number;
  signal_name?: string;
  exit_code?: number;
  query?: string;
  version?: string;
  mode?: string;
  lsn?: string;
  name?: string;
  value?: string | null;
  bytes?: number;
  memory_context?: string;
  seconds?: number;
  last_up?: string;
  note?: string;
}

type Read = (e: StoredEntry) => EventFields | undefined;
const none: Read = () => ({});

const OOM_KILLER = 'signal 9 (SIGKILL) is usually the kernel OOM killer: check the kernel log (dmesg, journalctl -k)';

const crash: Read = (e) => {
  const exit = parseProcessExit(e.message);
  const query = e.detail === null ? undefined : parseFailedProcess(e.detail);
  const out: EventFields = query === undefined ? {} : { query };
  if (!exit) return out;
  out.subject_pid = exit.pid;
  out.process = exit.process;
  if (exit.how === 'signal') {
    out.signal = exit.signal;
    if (exit.signalName !== undefined) out.signal_name = exit.signalName;
    if (exit.signal === 9) out.note = OOM_KILLER;
  } else if (exit.how === 'exit') out.exit_code = exit.exitCode;
  return out;
};

const match = (pattern: RegExp, build: (m: RegExpExecArray) => EventFields): Read => (e) => {
  const m = pattern.exec(e.message);
  return m ? build(m) : {};
};

export const EVENT_FIELDS: Partial<Record<Kind, Read>> = {
  // Only the banner: the `listening on …` lines add nothing to the story.
  startup: (e) => {
    const m = /^starting PostgreSQL (\S+)/.exec(e.message);
    return m ? { version: m[1]! } : undefined;
  },
  startup_failed: none,
  clean_startup: match(/ at (.+)$/, (m) => ({ last_up: m[1]! })),
  ready: (e) => ({ mode: e.message.includes('read-only') ? 'read-only' : 'read-write' }),
  server_crash: crash,
  terminating_others: none,
  reinitializing: none,
  recovery_interrupted: match(/ at (?:log time )?(.+)$/, (m) => ({ last_up: m[1]! })),
  recovery_not_properly_shutdown: none,
  redo_start: match(/^redo starts at (\S+)/, (m) => ({ lsn: m[1]! })),
  redo_done: match(/^redo done at (\S+)(?:.*elapsed: (\d+(?:\.\d+)?) s)?/, (m) =>
    m[2] === undefined ? { lsn: m[1]! } : { lsn: m[1]!, seconds: Number(m[2]) }),
  shutdown_request: match(/^received (\w+) shutdown request/, (m) => ({ mode: m[1]! })),
  shutting_down: none,
  shut_down: none,
  config_reload: none,
  parameter_changed: (e) => {
    const p = parseParameterChanged(e.message);
    if (!p) return {};
    return p.change === 'set' ? { name: p.name, value: p.value } : { name: p.name, value: null, note: 'reset to default' };
  },
  config_error: match(/parameter "(.+?)"(?:: "(.*)")?/, (m) => (m[2] === undefined ? { name: m[1]! } : { name: m[1]!, value: m[2] })),
  out_of_memory: (e) => {
    const oom = e.detail === null ? undefined : parseOutOfMemoryDetail(e.detail);
    const out: EventFields = e.statement === null ? {} : { query: e.statement };
    if (oom) {
      out.bytes = oom.requestBytes;
      if (oom.context !== '') out.memory_context = oom.context;
    }
    return out;
  },
  disk_full: (e) => (e.statement === null ? {} : { query: e.statement }),
  checkpoint_too_frequent: match(/\((\d+) seconds? apart\)/, (m) => ({ seconds: Number(m[1]) })),
};
