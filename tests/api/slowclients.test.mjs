// tests/api/slowclients.test.mjs: one address holding a crowd of slow
// connections (a byte every second keeps each alive) must not take the
// site down for everyone else (issue 17).  127.0.0.2 is another address
// of the loopback network: the crowd comes from there, the probe from
// 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from './lib/server.mjs';

let server;
const sockets = [];
let timer;
before(async () => { server = await startServer(); });
after(async () => {
  clearInterval(timer);
  for (const s of sockets) s.destroy();
  await server?.stop();
});

test('1,200 slow connections from one address leave /healthz answering', async () => {
  for (let i = 0; i < 1200; i++) {
    const s = net.connect({ host: '127.0.0.1', port: server.port, localAddress: '127.0.0.2' });
    s.on('error', () => {});
    s.on('connect', () => s.write('G'));
    sockets.push(s);
  }
  timer = setInterval(() => { for (const s of sockets) if (!s.destroyed) s.write('E'); }, 1000);
  await new Promise((r) => setTimeout(r, 2000));
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    const r = await fetch(server.url + '/healthz', { signal: AbortSignal.timeout(5000) });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'ok\n');
    assert.ok(Date.now() - t0 < 3000, `healthz took ${Date.now() - t0} ms`);
  }
  const open = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
  assert.ok(open < 1200, `the address was limited (${open} still open)`);
});
