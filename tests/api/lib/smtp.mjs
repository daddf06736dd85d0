// tests/api/lib/smtp.mjs: a real SMTP server for the tests: Debian's
// python3-aiosmtpd, storing what it receives in a Maildir.  Tests assert on
// the messages that arrive, never on a mock.
//   const smtp = await startSmtp();  smtp.url  smtp.messages()
//   await smtp.waitFor((m) => m.subject.includes('…'))  await smtp.stop()
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

// "=?UTF-8?B?…?=" words of a header, decoded.
function decodeHeader(v) {
  return v.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
}

function parse(raw) {
  const cut = raw.indexOf('\n\n');
  const head = raw.slice(0, cut).replace(/\r/g, '');
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  return { headers, subject: headers.subject || '', to: headers.to || '',
           body: raw.slice(cut + 2).replace(/\r\n/g, '\n') };
}

export async function startSmtp() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-smtp-'));
  const box = path.join(dir, 'Maildir');
  const child = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
                                          '-c', 'aiosmtpd.handlers.Mailbox', box],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((res) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); res(true); });
      s.on('error', () => res(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const messages = () => {
    const out = [];
    for (const sub of ['new', 'cur']) {
      const d = path.join(box, sub);
      if (!fs.existsSync(d)) continue;
      for (const f of fs.readdirSync(d).sort()) {
        out.push(parse(fs.readFileSync(path.join(d, f), 'utf8')));
      }
    }
    return out;
  };
  return {
    port, url: `smtp://127.0.0.1:${port}`, messages,
    async waitFor(pred, ms = 15000) {
      const t0 = Date.now();
      for (;;) {
        const m = messages().filter(pred);
        if (m.length) return m[m.length - 1];
        if (Date.now() - t0 > ms) throw new Error('no such e-mail arrived');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      child.kill();
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
