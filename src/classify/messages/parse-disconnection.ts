export interface Disconnection {
  sessionMs: number;
  user: string;
  database: string;
  host: string;
  port?: number;
}

const DISCONNECTION =
  /^disconnection: session time: (\d+):(\d{2}):(\d{2})\.(\d{3}) user=(.*?) database=(.*?) host=(\S*)(?: port=(\d+))?$/;

/** `disconnection: session time: 0:00:01.234 user=app database=shop host=10.0.0.5 port=51234` (hours can pass 24). */
export function parseDisconnection(message: string): Disconnection | undefined {
  const m = DISCONNECTION.exec(message);
  if (!m) return undefined;
  const [h, min, s, ms] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  const out: Disconnection = {
    sessionMs: ((h * 60 + min) * 60 + s) * 1000 + ms,
    user: m[5]!,
    database: m[6]!,
    host: m[7]!,
  };
  if (m[8] !== undefined) out.port = Number(m[8]);
  return out;
}
