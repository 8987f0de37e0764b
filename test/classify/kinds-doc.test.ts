import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kindsMarkdown } from '../../src/commands/kinds.js';

test('docs/kinds.md is the output of `pgautopsy kinds --markdown` (regenerate it after changing kinds)', () => {
  assert.equal(readFileSync('docs/kinds.md', 'utf8'), kindsMarkdown());
});
