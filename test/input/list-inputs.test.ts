import assert from 'node:assert/strict';
import { symlink } from 'node:fs/promises';
import { relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Warning } from '../../src/parse/log-entry.js';
import { listInputs, totalInputBytes, type InputTarget } from '../../src/input/list-inputs.js';
import { tempTree } from './collect-inputs.js';

describe('listInputs', () => {
  let tree: Awaited<ReturnType<typeof tempTree>>;
  before(async () => {
    tree = await tempTree({
      'logs/b.log': 'bb\n',
      'logs/a.log': 'a\n',
      'logs/B-upper.log': 'B\n',
      'logs/.hidden.log': 'hidden\n',
      'logs/.git/config': '[core]\n',
      'logs/pgautopsy.db': 'SQLite format 3\u0000',
      'logs/pgautopsy.db-wal': '',
      'logs/chart.PNG': '',
      'logs/postmaster.pid': '123\n',
      'logs/sub/c.log.gz': 'not really gzip\n',
      'logs/sub/deeper/d.csv': 'd\n',
      'logs/empty/.keep': '',
      'logs/notes.txt': 'unknown formats are still offered\n',
      'other/e.json': '{}\n',
    });
    await symlink(tree.path('logs'), tree.path('logs/sub/loop'));            // a folder link loop
    await symlink(tree.path('logs/a.log'), tree.path('logs/alias.log'));     // the same file twice
    await symlink(tree.path('nowhere'), tree.path('logs/sub/dangling.log'));
  });
  after(() => tree.remove());

  async function list(args: string[]): Promise<{ targets: string[]; warnings: Warning[] }> {
    const warnings: Warning[] = [];
    const targets: string[] = [];
    for await (const t of listInputs(args, (w) => warnings.push(w))) targets.push(show(t));
    return { targets, warnings: warnings.map((w) => ({ ...w, file: rel(w.file) })) };
  }
  const rel = (p: string): string => relative(tree.dir, p);
  const show = (t: InputTarget): string => (t.kind === 'stdin' ? '-' : rel(t.path));

  it('walks a folder recursively in byte order, skipping hidden and non-log files, links followed once', async () => {
    const { targets, warnings } = await list([tree.path('logs')]);
    assert.deepEqual(targets, [
      'logs/B-upper.log',
      'logs/a.log',
      'logs/b.log',
      'logs/notes.txt',
      'logs/sub/c.log.gz',
      'logs/sub/deeper/d.csv',
    ]);
    assert.deepEqual(warnings, [{ file: 'logs/sub/dangling.log', message: 'no such file or directory' }]);
  });

  it('keeps argument order, reads stdin once, and never skips a file named explicitly', async () => {
    const { targets, warnings } = await list([tree.path('other'), '-', tree.path('logs/pgautopsy.db'), tree.path('logs/.hidden.log'), '-', tree.path('other/e.json')]);
    assert.deepEqual(targets, ['other/e.json', '-', 'logs/pgautopsy.db', 'logs/.hidden.log']);
    assert.deepEqual(warnings, []);
  });

  it('warns about paths that cannot be read and goes on', async () => {
    const { targets, warnings } = await list([tree.path('missing.log'), tree.path('logs/a.log/inside'), tree.path('other')]);
    assert.deepEqual(targets, ['other/e.json']);
    assert.deepEqual(warnings, [
      { file: 'missing.log', message: 'no such file or directory' },
      { file: 'logs/a.log/inside', message: 'a parent of it is not a directory' },
    ]);
  });

  it('totalInputBytes sums the sizes of what would be read', async () => {
    assert.equal(await totalInputBytes([tree.path('logs/a.log'), tree.path('logs/b.log'), '-', tree.path('missing')]), 2 + 3);
    assert.equal(await totalInputBytes([tree.path('logs')]), 2 + 3 + 2 + 34 + 16 + 2);
  });
});
