export interface TempFile {
  path: string;
  bytes: number;
}

const TEMP_FILE = /^temporary file: path "(.*)", size (\d+)$/;

/** `temporary file: path "base/pgsql_tmp/pgsql_tmp10819.0", size 2800000` */
export function parseTempFile(message: string): TempFile | undefined {
  const m = TEMP_FILE.exec(message);
  return m ? { path: m[1]!, bytes: Number(m[2]) } : undefined;
}
