// tests/api/legal.test.mjs: mentions légales, données personnelles and the
// site map (issue 18); the publisher's facts come from /admin/instance and
// are said to be missing until entered, never shown as placeholders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('every page links the three legal pages', async () => {
  const html = await (await fetch(server.url + '/')).text();
  for (const p of ['/mentions-legales', '/donnees-personnelles', '/plan-du-site']) {
    assert.match(html, new RegExp(`href="${p}"`));
    const r = await fetch(server.url + p);
    assert.equal(r.status, 200, p);
    assert.equal(((await r.text()).match(/<h1>/g) || []).length, 1, p);
  }
});

test('the publisher is entered by the admin and shown; missing facts say so', async () => {
  let html = await (await fetch(server.url + '/mentions-legales')).text();
  assert.match(html, /non renseigné par l&#39;administrateur|non renseigné par l'administrateur/);
  const a = new Client(server.url);
  await a.login('admin', server.adminPassword);
  let r = await a.post('/admin/instance', { editeur: 'Département de Loir-et-Cher',
    directeur_publication: 'Le président du conseil départemental', contact: 'sante@exemple.fr',
    adresse: '', hebergeur: 'Direction du numérique <b>', dpo: 'dpo@exemple.fr' }, { from: '/admin/instance' });
  assert.equal(r.status, 303);
  html = await (await fetch(server.url + '/mentions-legales')).text();
  assert.match(html, /Département de Loir-et-Cher/);
  assert.match(html, /Direction du numérique &lt;b&gt;/);
  assert.match(html, /<dt>Adresse<\/dt><dd class="muted">non renseigné/);
  const privacy = await (await fetch(server.url + '/donnees-personnelles')).text();
  assert.match(privacy, /responsable des traitements est Département de Loir-et-Cher/);
  assert.match(privacy, /dpo@exemple\.fr/);
  assert.match(privacy, /oasis_session/);
  // too long a value: refused with the field named, nothing stored
  r = await a.post('/admin/instance', { editeur: 'x'.repeat(300) }, { from: '/admin/instance' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Collectivité éditrice : 200 caractères au plus/);
  const journal = await (await a.get('/admin/journal?entite=instance')).text();
  assert.match(journal, /update/);
  // anonymous visitors cannot change it (sent to the login page)
  const anon = await new Client(server.url).post('/admin/instance', { editeur: 'Pirate' });
  assert.ok(anon.status === 303 || anon.status >= 400, String(anon.status));
  assert.match(await (await fetch(server.url + '/mentions-legales')).text(), /Loir-et-Cher/);
});

test('the site map lists public pages, never the API or the back office', async () => {
  const html = await (await fetch(server.url + '/plan-du-site')).text();
  for (const p of ['/observatoire', '/aides', '/aides/simulateur', '/demande', '/portail',
                   '/mentions-legales', '/sources']) {
    assert.match(html, new RegExp(`href="${p}"`), p);
  }
  assert.doesNotMatch(html, /href="\/api\//);
  assert.doesNotMatch(html, /href="\/admin/);
  assert.doesNotMatch(html, /href="\/healthz"/);
  assert.doesNotMatch(html, /\{/);
  assert.match(html, /Mentions légales|Mentions l&eacute;gales/);
});

// The demonstration banner (issue 18): set by `oasis instance set
// demonstration 1`, shown on every page, public or not, cached or
// not, with a link to the page that explains how to start a real instance.
test('a demonstration instance says so on every page', async () => {
  const { execFileSync, spawnSync } = await import('node:child_process');
  const path = await import('node:path');
  const bin = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
  const oasis = (...args) => spawnSync(bin, [...args, '--db', server.dbPath],
    { encoding: 'utf8' });
  const BANNER = /<div class="demo-banner" role="note"[^>]*>[\s\S]*?Démonstration — données fictives[\s\S]*?href="\/demonstration"/;
  const a = new Client(server.url);
  await a.login('admin', server.adminPassword);
  const paths = ['/', '/aides', '/observatoire', '/mentions-legales'];
  for (const p of paths) {           // not a demo: no banner (and cached)
    assert.doesNotMatch(await (await fetch(server.url + p)).text(), /demo-banner/, p);
  }
  assert.doesNotMatch(await (await a.get('/admin')).text(), /demo-banner/);
  let r = oasis('instance', 'set', 'demonstration', '1');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(oasis('instance', 'get', 'demonstration').stdout, '1\n');
  for (const p of paths) {
    const html = await (await fetch(server.url + p)).text();
    assert.match(html, BANNER, p);
    // after the skip link, before the header: the first thing read
    assert.ok(html.indexOf('skip-link') < html.indexOf('demo-banner') &&
              html.indexOf('demo-banner') < html.indexOf('site-header'), p);
  }
  assert.match(await (await a.get('/admin')).text(), BANNER);
  let demo = await (await fetch(server.url + '/demonstration')).text();
  assert.match(demo, /sont fictifs/);
  assert.match(demo, /oasis init --territory CODE/);
  // only the instance's own keys; a bad command changes nothing
  r = oasis('instance', 'set', 'portal.theme', 'x');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nom « portal\.theme » refusé/);
  assert.equal(oasis('instance', 'set', 'demonstration').status, 2);
  assert.match(oasis('instance', 'list').stdout, /^instance\.demonstration\t1$/m);
  // the territory keeps its own `oasis settings territory` (territory/scope.c)
  r = oasis('settings', 'territory');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /aucun territoire/);
  r = oasis('instance', 'unset', 'instance.demonstration');
  assert.equal(r.status, 0, r.stderr);
  for (const p of paths) {
    assert.doesNotMatch(await (await fetch(server.url + p)).text(), /demo-banner/, p);
  }
  demo = await (await fetch(server.url + '/demonstration')).text();
  assert.match(demo, /n'est pas une démonstration|n&#39;est pas une démonstration/);
  assert.equal(execFileSync(bin, ['instance', 'get', 'instance.demonstration',
                                  '--db', server.dbPath], { encoding: 'utf8' }), '');
  // audited, from the command line
  const audit = await (await a.get('/admin/journal')).text();
  assert.match(audit, /\(ligne de commande\)<\/td><td>instance <\/td><td>unset<\/td>/);
  assert.match(audit, /\(ligne de commande\)<\/td><td>instance <\/td><td>set<\/td>/);
});
