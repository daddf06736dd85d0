// tests/api/lib/server.mjs: start the real `oasis serve` for a test file.
//
// SHARED HELPER — used by tests/api/*.test.mjs and tests/e2e/*.test.mjs.
//
//   import { startServer } from '../api/lib/server.mjs';
//   let server;
//   before(async () => { server = await startServer(); });
//   after(async () => { await server?.stop(); });
//
// startServer() runs `$OASIS_BIN serve --listen 127.0.0.1:PORT --db TMP` on
// a free port with a fresh temporary database (deleted by stop()) and
// OASIS_ADMIN_PASSWORD set, waits until GET /healthz answers 200, and
// returns { url, port, dbPath, adminLogin, adminPassword, log(), stop() }.
// stop() sends SIGTERM, waits for the exit, and throws if the server did not
// exit cleanly (status 0) — so a sanitizer report fails the test file.
// OASIS_BIN defaults to build/asan/oasis (what `make api` / `make e2e` pass).
//
// Also exported: a tiny cookie-keeping client, `new Client(url)`, with
// get/post helpers that follow nothing (redirect: 'manual') and a
// `login(login, password)` that goes through the real login form.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(opts = {}) {
  // opts.dbPath: serve an existing database (a restart), kept by stop().
  const dir = opts.dbPath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-test-'));
  const dbPath = opts.dbPath || path.join(dir, 'oasis.db');
  const port = await freePort();
  const adminPassword = opts.adminPassword || 'motdepasse-admin-1';
  const env = { ...process.env, OASIS_ADMIN_PASSWORD: adminPassword,
                ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1',
                ...(opts.env || {}) };
  const child = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`,
                            '--db', dbPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`oasis serve exited early:\n${output}`);
    }
    try {
      const r = await fetch(url + '/healthz');
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`oasis serve did not answer /healthz:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, port, dbPath, adminLogin: 'admin', adminPassword,
    log: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const { code, sig } = await exited;
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      if (code !== 0) {
        throw new Error(`oasis serve stopped with ${code ?? sig}:\n${output}`);
      }
    },
  };
}

// A cookie jar client (one "browser") for the API tests.
export class Client {
  constructor(url) { this.url = url; this.cookies = new Map(); }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(r) {
    for (const c of r.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim(), v = pair.slice(i + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return r;
  }

  async fetch(p, init = {}) {
    const headers = { ...(init.headers || {}) };
    if (this.cookies.size) headers.Cookie = this.cookieHeader();
    return this.keep(await fetch(this.url + p, { redirect: 'manual', ...init, headers }));
  }

  get(p, init = {}) { return this.fetch(p, init); }

  // The CSRF token the server embeds in the forms of page p.
  async csrf(p = '/connexion') {
    const html = await (await this.get(p)).text();
    const m = html.match(/name="csrf_token" value="([0-9a-f]{64})"/);
    if (!m) throw new Error(`no CSRF token on ${p}`);
    return m[1];
  }

  // POST an urlencoded form; fields is an object.  csrf: true fetches a
  // token from page `from` first; a string is used as is; false sends none.
  async post(p, fields = {}, { csrf = true, from = '/connexion', headers = {} } = {}) {
    const body = new URLSearchParams(fields);
    if (csrf === true) body.set('csrf_token', await this.csrf(from));
    else if (typeof csrf === 'string') body.set('csrf_token', csrf);
    return this.fetch(p, { method: 'POST', body: body.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  }

  async login(login, password) {
    const r = await this.post('/connexion', { identifiant: login, mot_de_passe: password });
    if (r.status !== 303) throw new Error(`login ${login}: ${r.status}`);
    this.apiCsrf = undefined;   // a new session, a new token
    return r;
  }

  // A JSON API call: the body, when there is one, sent as JSON; on a POST
  // the CSRF token of this client's session (GET /api/v1/moi, read once;
  // none for an anonymous client).  Answers { status, json (null when the
  // answer is not JSON), text, headers }.
  async api(method, p, body) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') {
      if (this.apiCsrf === undefined) {
        const r = await this.get('/api/v1/moi');
        this.apiCsrf = r.status === 200 ? (await r.json()).csrf : null;
      }
      if (this.apiCsrf) headers['X-CSRF-Token'] = this.apiCsrf;
    }
    const r = await this.fetch(p, { method, headers,
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json, text, headers: r.headers };
  }
}
