/** The input formats a stored file can have been read as. */
export type LogFormat = 'stderr' | 'csv' | 'json' | 'syslog' | 'unknown';

/** The container runtimes' records a stderr line can come in (parse/container-line.ts). */
export type ContainerEnvelope = 'timestamps' | 'cri' | 'docker-json';

/**
 * What PostgreSQL's lines were wrapped in, outermost first, as `files.envelope` says it:
 * a container runtime's records, CloudNativePG's JSON lines, or both (`cri cloudnative-pg`).
 */
export type Envelope = ContainerEnvelope | 'cloudnative-pg' | `${ContainerEnvelope} cloudnative-pg`;

const WRAPPER_NAMES: Readonly<Record<ContainerEnvelope | 'cloudnative-pg', string>> = {
  timestamps: 'timestamped lines (kubectl logs --timestamps, docker logs -t)',
  cri: 'CRI records (containerd, CRI-O)',
  'docker-json': 'Docker json-file records',
  'cloudnative-pg': "CloudNativePG's JSON lines",
};

/** How the ingest summary names an envelope. */
export function envelopeName(envelope: Envelope): string {
  return envelope
    .split(' ')
    .reverse()
    .map((w) => WRAPPER_NAMES[w as keyof typeof WRAPPER_NAMES])
    .join(' in ');
}
