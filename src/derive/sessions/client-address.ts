/** Splits `entries.client` (`%h`, or `%r` / csv / json `host(port)`) into host and port. */
export function splitClient(client: string | null): { host: string | null; port: number | null } {
  if (client === null) return { host: null, port: null };
  const m = /^(.*)\((\d+)\)$/.exec(client);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: client, port: null };
}
