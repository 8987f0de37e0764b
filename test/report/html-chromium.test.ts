/**
 * The HTML report in a real browser: Debian's headless `chromium`, driven by its own command
 * line (no puppeteer). It must open the report without console errors or CSP violations, and
 * markup smuggled into an application name and a query must come out as text, never as an
 * element. Skips, saying why, when no chromium is installed (.ci/run installs it).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { removeDir, runIngest, tempDir } from '../helpers/run-ingest.js';
import { EVIL_APP, HOSTILE_LOG } from '../helpers/hostile-log.js';
import { reportCommand, type IncidentFinder, type ReportOptions } from '../../src/commands/report.js';
import { loadIncidents } from '../../src/commands/incidents.js';

function findChromium(): string | null {
  const dirs = ['/usr/bin', ...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean)];
  for (const dir of dirs) {
    for (const name of ['chromium', 'chromium-browser']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

const CHROMIUM = findChromium();
const SKIP = CHROMIUM === null ? 'chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)' : false;


const SHOT = { width: 1200, height: 1400 };

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const scratch = tempDir();
after(() => {
  if (process.env['PGAUTOPSY_KEEP_CHROMIUM'] === undefined) removeDir(scratch);
});

let profiles = 0;
/** One headless Chromium run against a local file, with a fresh profile, nothing fetched from the network. */
function chromium(page: string, extra: string[]): Promise<Run> {
  const profile = join(scratch, `profile-${++profiles}`);
  mkdirSync(profile);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
    '--hide-scrollbars', '--mute-audio', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0',
    ...extra, pathToFileURL(page).href,
  ];
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(CHROMIUM!, args, { timeout: 25_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; signal?: string | null }) | null;
      resolve({
        code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
        signal: e?.signal ?? null,
        stdout,
        stderr,
        ms: Date.now() - t0,
      });
    });
  });
}

/**
 * What Chromium said about the page on stderr: console messages (it logs every one as
 * `CONSOLE`, whatever its level: the report has no script, so any is a problem), uncaught
 * exceptions, CSP violations, resources it refused or failed to load. Its own noise (D-Bus,
 * GPU, the launcher script) is not about the page and is left out.
 */
function pageProblems(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /CONSOLE|Uncaught|Refused to|Content Security Policy|Failed to load resource/i.test(l));
}

function assertOpenedCleanly(run: Run, what: string): void {
  assert.equal(run.signal, null, `${what}: chromium was killed (${run.signal}) after ${run.ms} ms\n${run.stderr}`);
  assert.equal(run.code, 0, `${what}: chromium exited ${run.code}\n${run.stderr}`);
  assert.deepEqual(pageProblems(run.stderr), [], `${what}: chromium reported problems with the page`);
}

/** The text a reader sees: tags dropped, entities decoded (the few the DOM serializer emits). */
function visibleText(dom: string): string {
  return dom
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

function render(db: string, opts: Partial<ReportOptions>, findIncidents?: IncidentFinder): string {
  const out = new PassThrough();
  out.resume();
  return reportCommand({ db, format: 'html', redact: false, ...opts }, out, findIncidents);
}

async function store(paths: string[]): Promise<string> {
  const run = await runIngest(paths);
  const path = run.db.name;
  run.db.close();
  return path;
}

interface Pixels {
  width: number;
  height: number;
  /** Number of pixels within ±tolerance of the colour. */
  count(hex: string, tolerance?: number): number;
}

/** Decodes the 8-bit, non-interlaced RGB/RGBA PNG Chromium writes. */
function decodePng(png: Buffer): Pixels {
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG signature');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      assert.equal(depth, 8, 'PNG bit depth');
      assert.equal(interlace, 0, 'PNG not interlaced');
      channels = colour === 2 ? 3 : colour === 6 ? 4 : 0;
      assert.ok(channels > 0, `PNG colour type ${colour}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[row + x - channels]! : 0;
      const b = y > 0 ? px[row - stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[row - stride + x - channels]! : 0;
      let v = src[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else assert.equal(filter, 0, `PNG filter ${filter}`);
      px[row + x] = v & 0xff;
    }
  }
  return {
    width,
    height,
    count(hex, tolerance = 3) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
      let n = 0;
      for (let i = 0; i < px.length; i += channels) {
        if (Math.abs(px[i]! - r) <= tolerance && Math.abs(px[i + 1]! - g) <= tolerance && Math.abs(px[i + 2]! - b) <= tolerance) n++;
      }
      return n;
    },
  };
}

interface Runs {
  hostile: { html: string; dump: Run };
  control: { dump: Run };
  outage: { dump: Run; shot: Run; png: string };
}

let prepared: Promise<Runs> | undefined;
/** Renders both reports, then runs every Chromium at once (each takes about a second). */
function runs(): Promise<Runs> {
  prepared ??= (async () => {
    const log = join(scratch, 'hostile.log');
    writeFileSync(log, `${HOSTILE_LOG}\n`);
    const hostileHtml = render(await store([log]), { from: '2026-11-26T09:59:00Z', to: '2026-11-26T10:01:00Z' });
    const hostilePage = join(scratch, 'hostile.html');
    writeFileSync(hostilePage, hostileHtml);
    // The same report with the application name planted unescaped: shows that the checks below
    // do see a script element and a CSP violation when there is one.
    const controlPage = join(scratch, 'control.html');
    assert.ok(hostileHtml.includes('<body>'));
    writeFileSync(controlPage, hostileHtml.replace('<body>', `<body><p>${EVIL_APP}</p>`));

    const outageHtml = render(await store(['samples/off-outage/postgresql.log']), {}, (db) => loadIncidents({ db }).incidents);
    const outagePage = join(scratch, 'off-outage.html');
    writeFileSync(outagePage, outageHtml);
    const png = join(scratch, 'off-outage.png');

    const [hostile, control, outage, shot] = await Promise.all([
      chromium(hostilePage, ['--dump-dom']),
      chromium(controlPage, ['--dump-dom']),
      chromium(outagePage, ['--dump-dom']),
      chromium(outagePage, [`--window-size=${SHOT.width},${SHOT.height}`, '--force-device-scale-factor=1', `--screenshot=${png}`]),
    ]);
    return { hostile: { html: hostileHtml, dump: hostile }, control: { dump: control }, outage: { dump: outage, shot, png } };
  })();
  return prepared;
}

test('chromium: markup in an application name and a query is rendered as text, with no errors', { skip: SKIP }, async (t) => {
  const { hostile } = await runs();
  t.diagnostic(`chromium --dump-dom took ${hostile.dump.ms} ms`);
  assertOpenedCleanly(hostile.dump, 'hostile report');
  const dom = hostile.dump.stdout;
  assert.match(dom, /^<!DOCTYPE html>/i);
  for (const heading of ['<h1>Postmortem', '<h2>Summary</h2>', '<h2>Timeline (UTC)</h2>', '<h2>Root-cause candidates</h2>', '<h2>Deadlocks (1)</h2>', '<h2>By application</h2>', '<h2>What the logs could not tell us</h2>']) {
    assert.ok(dom.includes(heading), `the DOM has ${heading}`);
  }
  // Chromium parsed the file: had any log text become markup, it would be an element now.
  assert.doesNotMatch(dom, /<script/i, 'no script element in the DOM');
  assert.equal(dom.match(/<pre>/g)?.length ?? 0, dom.match(/<\/pre>/g)?.length ?? 0, 'every <pre> closes itself, not the query');
  // As text: escaped in the serialized DOM, in the cells and blocks where it belongs.
  assert.match(dom, /<td>&lt;script&gt;alert\("app"\)&lt;\/script&gt;<\/td>/, 'the application name is a table cell\'s text');
  assert.match(dom, /<h2>Deadlocks \(1\)<\/h2>\s*<pre>[^<]*note = '&lt;\/pre&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;'/, 'the query is text inside the deadlock\'s <pre>');
  const text = visibleText(dom);
  assert.ok(text.includes(EVIL_APP), 'a reader sees the application name as written');
  assert.ok(text.includes(`note = '</pre><script>alert(1)</script>'`), 'a reader sees the query as written');
});

test('chromium: the checks notice a script element and a CSP violation (unescaped control page)', { skip: SKIP }, async () => {
  const { control } = await runs();
  assert.equal(control.dump.code, 0, control.dump.stderr);
  assert.match(control.dump.stdout, /<script>alert\("app"\)<\/script>/, 'the DOM dump shows a real script element');
  const problems = pageProblems(control.dump.stderr);
  assert.ok(problems.some((l) => /Content Security Policy/.test(l)), `chromium logs the blocked inline script on stderr:\n${control.dump.stderr}`);
});

test('chromium: the off-outage sample report opens cleanly, with its headings and three charts', { skip: SKIP }, async (t) => {
  const { outage } = await runs();
  t.diagnostic(`chromium --dump-dom took ${outage.dump.ms} ms, --screenshot ${outage.shot.ms} ms`);
  assertOpenedCleanly(outage.dump, 'off-outage report');
  const dom = outage.dump.stdout;
  for (const heading of ['<h1>Postmortem: PostgreSQL incident', '<h2>Summary</h2>', '<h2>Over time (', '<h2>Timeline (UTC)</h2>', '<h2>Root-cause candidates</h2>', '<h2>Blocking chains</h2>', '<h2>Connection exhaustion</h2>', '<h2>What the logs could not tell us</h2>']) {
    assert.ok(dom.includes(heading), `the DOM has ${heading}`);
  }
  assert.doesNotMatch(dom, /<script/i);
  assert.equal(dom.match(/<svg /g)?.length, 3, 'three charts');
  assert.ok((dom.match(/<rect /g)?.length ?? 0) > 20, 'the charts have bars');
});

test('chromium: a screenshot of the off-outage report shows the charts\' bars', { skip: SKIP }, async (t) => {
  const { outage } = await runs();
  assertOpenedCleanly(outage.shot, 'off-outage screenshot');
  const image = decodePng(readFileSync(outage.png));
  assert.deepEqual([image.width, image.height], [SHOT.width, SHOT.height]);
  // Colours from render-html.ts: errors, lock-wait seconds, connections opened. Each chart
  // fills thousands of pixels with its colour; a page where SVG did not render has none.
  const bars = { errors: image.count('#d62728'), 'lock waits': image.count('#ff7f0e'), 'connections opened': image.count('#1f77b4') };
  t.diagnostic(`bar pixels: ${JSON.stringify(bars)}`);
  for (const [what, n] of Object.entries(bars)) assert.ok(n > 2000, `${what}: ${n} pixels of its colour`);
  assert.ok(image.count('#ffffff') > (SHOT.width * SHOT.height) / 3, 'mostly white page');
});
