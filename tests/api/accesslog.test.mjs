// tests/api/accesslog.test.mjs: the access log goes to a file rotated by
// size (the old files numbered, the oldest dropped), never holds a query
// string, and can be turned off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';

test('a file access log rotates past its size and keeps N old files', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-accesslog-'));
  const file = path.join(dir, 'access.log');
  const server = await startServer({ env: { OASIS_ACCESS_LOG: file,
    OASIS_ACCESS_LOG_MAX_KB: '1', OASIS_ACCESS_LOG_KEEP: '2' } });
  try {
    for (let i = 0; i < 120; i++) {
      const r = await fetch(`${server.url}/accessibilite?secret=${i}`);
      assert.equal(r.status, 200);
      await r.arrayBuffer();
    }
  } finally {
    await server.stop();
  }
  const names = fs.readdirSync(dir).sort();
  assert.deepEqual(names, ['access.log', 'access.log.1', 'access.log.2'], 'two old files kept');
  for (const n of names) {
    const text = fs.readFileSync(path.join(dir, n), 'utf8');
    assert.ok(text.length <= 1024, `${n} stays under the size (${text.length})`);
    assert.match(text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ GET \/accessibilite 200 \d+ \d+us$/m);
    assert.ok(!text.includes('secret'), 'never a query string');
    assert.ok(text.endsWith('\n'), 'whole lines only');
  }
  assert.ok(!server.log().includes('GET /accessibilite'), 'not on stderr as well');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('OASIS_ACCESS_LOG=0 turns it off', async () => {
  const server = await startServer({ env: { OASIS_ACCESS_LOG: '0' } });
  try {
    await (await fetch(`${server.url}/accessibilite`)).arrayBuffer();
  } finally {
    await server.stop();
  }
  assert.ok(!server.log().includes('GET /accessibilite'));
});

test('by default it goes to stderr (journald)', async () => {
  const server = await startServer({ env: { OASIS_ACCESS_LOG: '' } });
  try {
    await (await fetch(`${server.url}/accessibilite`)).arrayBuffer();
  } finally {
    await server.stop();
  }
  assert.match(server.log(), /info GET \/accessibilite 200 /);
});
