// tests/api/lockout-pair.test.mjs: a stranger cannot lock an account out.
// The lock belongs to the (account, address) pair; the account itself only
// gets capped delays; `oasis user unlock` clears both.  Also: the login
// redirect refuses a TAB-smuggled "//" (browsers strip TAB from URLs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

function cli(...args) {
  return execFileSync(process.env.OASIS_BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OASIS_PASSWORD: 'motdepasse-du-proprio-1' } });
}

// A login attempt from the client address ip (the server trusts
// X-Forwarded-For from its local proxy: the last entry counts).
async function attempt(c, token, login, pw, ip) {
  return c.fetch('/connexion', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
    body: new URLSearchParams({ identifiant: login, mot_de_passe: pw, csrf_token: token }).toString() });
}

test('failures from one address lock that pair, not the owner', async () => {
  cli('user', 'add', 'proprio', '--role', 'agent', '--db', server.dbPath);
  const c = new Client(server.url);
  const token = await c.csrf();
  const attacker = '203.0.113.66';
  for (let i = 0; i < 3; i++) {
    assert.equal((await attempt(c, token, 'proprio', 'faux-' + i, attacker)).status, 401);
  }
  // 3 free failures, then the pair and the login must wait.  The wait runs
  // from the last failure; under ASan on a loaded machine the password
  // hash alone can outlast the first delay, so the failures are dated now
  // (their count untouched) to measure the wait, not the hashing time.
  assert.equal(execFileSync('sqlite3', [server.dbPath, "SELECT n_fail FROM login_failures " +
    "WHERE kind = 'pair'"], { encoding: 'utf8' }).trim(), '3');
  execFileSync('sqlite3', [server.dbPath,
    `UPDATE login_failures SET last_at = ${Date.now()} WHERE kind IN ('pair', 'login')`]);
  assert.equal((await attempt(c, token, 'proprio', 'faux-3', attacker)).status, 429);
  // Waiting out the doubling delays up to the lock would take minutes: set
  // the counters as twelve failures just now would have left them.
  const sql = `UPDATE login_failures SET n_fail = 12, last_at = ${Date.now()} ` +
              `WHERE kind IN ('pair', 'login')`;
  execFileSync('sqlite3', [server.dbPath, sql]);
  const locked = await attempt(c, token, 'proprio', 'motdepasse-du-proprio-1', attacker);
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get('retry-after')) > 800, 'the pair is locked for 15 minutes');
  // The owner, from elsewhere, only waits the per-account delay (≤ 60 s).
  const owner = await attempt(c, token, 'proprio', 'motdepasse-du-proprio-1', '198.51.100.9');
  assert.equal(owner.status, 429);
  const wait = Number(owner.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 60, `owner waits ${wait} s, never a lock`);
  // The administrator clears it from the command line.
  cli('user', 'unlock', 'proprio', '--db', server.dbPath);
  const ok = await attempt(c, token, 'proprio', 'motdepasse-du-proprio-1', '198.51.100.9');
  assert.equal(ok.status, 303, 'unlocked: the owner logs in');
});

test('a TAB-smuggled "//" after login stays on the site', async () => {
  for (const suite of ['/\t/evil.example/phish', '/%09/evil.example', '\\\\evil.example',
                       '/\\evil.example', '/\n/evil.example', '/ /evil.example']) {
    const c = new Client(server.url);
    const r = await c.post('/connexion', { identifiant: 'admin',
      mot_de_passe: server.adminPassword, suite });
    assert.equal(r.status, 303, JSON.stringify(suite));
    const loc = r.headers.get('location');
    assert.ok(loc === '/' || (loc.startsWith('/') && !/^\/[\s\\/]/.test(loc) && !/[\t\n\r\\]/.test(loc)),
              `${JSON.stringify(suite)} → ${loc}`);
    assert.equal(new URL(loc, server.url).host, new URL(server.url).host);
  }
});
