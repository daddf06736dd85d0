// The observatory's HTML pages over HTTP (no browser): French 404 pages
// naming the unknown code, bad parameters refused with the field named,
// the what-if form refusing bad input without saving anything, the
// tables present without JavaScript, search and siting.  The fixture
// world is tests/api/obs_pages_fixture.mjs (CLI imports of
// tests/fixtures, default run stored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib/server.mjs';
import { startObsServer } from './obs_pages_fixture.mjs';
import { csvRow } from './obs_csv.mjs';

let world, server;
before(async () => {
  world = await startObsServer();
  server = world.server;
});
after(async () => { await world?.stop(); });

async function get(p, status = 200) {
  const r = await fetch(server.url + p, { redirect: 'manual' });
  assert.equal(r.status, status, p);
  return r;
}
const html = async (p, status = 200) => {
  const r = await get(p, status);
  assert.match(r.headers.get('content-type'), /text\/html/, p);
  return r.text();
};

async function agent() {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  c.simulate = (fields) => c.post('/observatoire/simulation', fields,
                                  { from: '/observatoire/simulation' });
  return c;
}

test('drill-down pages carry their table without JavaScript', async () => {
  const home = await html('/observatoire');
  assert.match(home, /<html lang="fr"/);
  for (const name of ['Auvergne-Rhône-Alpes', 'Île-de-France', 'Normandie']) {
    assert.ok(home.includes(name), name);
  }
  assert.match(home, /href="\/observatoire\/regions\/84"/);
  assert.match(home, /href="\/api\/v1\/export\?contenu=territoires&amp;millesime=2022&amp;format=csv"/);
  const dep = await html('/observatoire/departements/01');
  assert.match(dep, /<table class="table-stack">/);
  assert.match(dep, /href="\/observatoire\/communes\/01001"/);
  const island = JSON.parse(dep.match(/id="obs-map-data">([^<]*)<\/script>/)[1]);
  assert.deepEqual(island.contours, ['/api/v1/contours/departement/01']);
  assert.deepEqual(Object.keys(island.codes).sort(), ['01001', '01004']);
  assert.equal(island.codes['01001'].h, '/observatoire/communes/01001');
  assert.match(dep, /href="\/observatoire\/epci\/200029999"/);
  // server-side sort: by APL descending puts Ambérieu (APL > 0) first
  const desc = await html('/observatoire/departements/01?tri=apl&ordre=desc');
  assert.ok(desc.indexOf('>Ambérieu-en-Bugey<') < desc.indexOf('>L&#39;Abergement'));
  assert.match(desc, /aria-sort="descending"/);
  const asc = await html('/observatoire/departements/01?tri=apl');
  assert.ok(asc.indexOf('>Ambérieu-en-Bugey<') > asc.indexOf('>L&#39;Abergement'));
  const epci = await html('/observatoire/epci/200029999?indicateur=zone');
  assert.match(epci, /<option value="zone" selected>/);
  assert.match(epci, /sous-dense/);
  const reg = await html('/observatoire/regions/84?indicateur=population');
  assert.match(reg, /href="\/observatoire\/departements\/01\?indicateur=population"/);
});

test('a name with an apostrophe is escaped once in the table caption', async () => {
  const body = await html('/observatoire/epci/200029999');
  assert.match(body, /<caption id="tableau-titre">Communes de CC de la Plaine de l&#39;Ain </);
  assert.doesNotMatch(body, /&amp;#39;/);
});

test('unknown codes: French 404 pages naming the code', async () => {
  for (const [p, what] of [['/observatoire/communes/99999', 'Commune introuvable'],
                           ['/observatoire/departements/99', 'Département introuvable'],
                           ['/observatoire/regions/00', 'Région introuvable'],
                           ['/observatoire/epci/123456789', 'Intercommunalité introuvable'],
                           ['/observatoire/implantation?territoire=departement:98',
                            'Territoire introuvable']]) {
    const body = await html(p, 404);
    assert.ok(body.includes(what), `${p}: ${what}`);
    const code = p.match(/(\d+)$/)[1];
    assert.ok(body.includes(`« ${code} »`), `${p} names ${code}`);
    assert.match(body, /<html lang="fr"/);
  }
  const c = await agent();
  const r = await c.get('/observatoire/scenarios/4242');
  assert.equal(r.status, 404);
  assert.match(await r.text(), /« 4242 »/);
});

test('bad parameters are refused with the field named', async () => {
  assert.match(await html('/observatoire?indicateur=bonheur', 400), /Indicateur inconnu/);
  assert.match(await html('/observatoire/departements/01?tri=couleur', 400), /tri/);
  assert.match(await html('/observatoire?millesime=deux', 400), /millesime|millésime/);
  assert.match(await html('/observatoire?millesime=2031', 404), /2031/);
  assert.match(await html('/observatoire/communes/01001?age_retraite=cent', 400),
               /âge de départ à la retraite/i);
  assert.match(await html('/observatoire/implantation?territoire=departement:01&etp=abc', 400),
               /ETP par site/);
  assert.match(await html('/observatoire/implantation?territoire=departement:01&etp=-1', 400),
               /ETP par site/);
  assert.match(await html('/observatoire/implantation?territoire=departement:01&k=0', 400),
               /Nombre de sites/);
  assert.match(await html('/observatoire/implantation?niveau=canton&code=1', 400),
               /Territoire/);
});

test('the commune sheet: official APL and class first, the estimate labelled, provenance', async () => {
  const body = await html('/observatoire/communes/01001');
  assert.match(body, /<h1>L&#39;Abergement-Clémenciat<\/h1>/);
  assert.match(body, /badge-sous-dense/);
  // the DREES value heads the sheet; the class is zoning_of()'s, indicative
  assert.match(body, /<span class="stat-value">1,89<\/span><span class="stat-label">APL publiée par la DREES \(2022\)/);
  assert.match(body, /Sous-dense — classement indicatif d&#39;après l&#39;APL DREES 2022 \(1,89 ; seuils 2,50 et 4,00\) — zonage officiel non importé/);
  assert.doesNotMatch(body.replace(/<pre[\s\S]*?<\/pre>/g, ''), /\b(ZIP|ZAC|ZAR)\b/);
  // our model's value: named, with its validation figure
  assert.match(body, /estime l(&#39;|')APL de la commune à <strong>0,00<\/strong> \(« estimation oasis »/);
  assert.match(body, /Validation : estimation oasis comparée à l(&#39;|')APL DREES 2022/);
  assert.match(body, /Âges des médecins inconnus/);
  assert.match(body, /supply_small\.csv/);
  assert.match(body, /CC de la Plaine de l&#39;Ain/);
  // who practises there: the register's page for the commune
  assert.match(body, /href="\/observatoire\/praticiens\/commune\/01001"/);
  assert.match(body, /href="\/api\/v1\/export\/departement\/01\?millesime=2022&amp;format=xlsx"/);
  // an old or déléguée code shows its commune
  const del = await html('/observatoire/communes/01099');
  assert.match(del, /<h1>Ambérieu-en-Bugey<\/h1>/);
  assert.match(del, /commune déléguée/);
});

test('search by postal code or name', async () => {
  const r = await get('/observatoire/recherche?q=01500', 303);
  assert.equal(r.headers.get('location'), '/observatoire/communes/01004');
  const r2 = await get('/observatoire/recherche?q=amberieu', 303);
  assert.equal(r2.headers.get('location'), '/observatoire/communes/01004');
  assert.match(await html('/observatoire/recherche?q=zzzzzz'), /Aucune commune ne correspond/);
  assert.match(await html('/observatoire/recherche?q=paris'), /Paris 1er Arrondissement/);
});

test('what-if: agents only, bad input refused with the field named, nothing saved', async () => {
  const anon = await get('/observatoire/simulation', 303);
  assert.match(anon.headers.get('location'), /connexion/);
  const c = await agent();
  let r = await c.simulate({ code_1: '01001', type_1: 'etp', etp_1: 'beaucoup',
                             action: 'calculer' });
  assert.equal(r.status, 400);
  let body = await r.text();
  assert.match(body, /Ligne 1, ETP : « beaucoup »/);
  assert.match(body, /id="etp_1" name="etp_1" value="beaucoup"[^>]*aria-invalid="true"/);

  r = await c.simulate({ code_2: '99999', etp_2: '1', action: 'calculer' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Ligne 2, code INSEE : commune inconnue : « 99999 »/);

  r = await c.simulate({ code_1: '01004', etp_1: '', action: 'calculer' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Ligne 1 : indiquez le nombre d&#39;ETP/);

  r = await c.simulate({ action: 'calculer' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /au moins une modification/);

  // a valid change plus a removal below zero: refused whole, nothing saved
  r = await c.simulate({ code_1: '01001', etp_1: '1', code_3: '01004', etp_3: '-1000',
                         nom: 'Refusé', action: 'enregistrer' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Ligne 3, ETP : ETP négatif/);
  r = await c.simulate({ code_1: '01001', etp_1: '1', nom: '', action: 'enregistrer' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Nom du scénario/);
  r = await c.simulate({ code_1: '01001', type_1: 'antenne', etp_1: '0',
                         nom: 'Antenne vide', action: 'enregistrer' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Ligne 1, ETP/);
  const list = await (await c.get('/api/v1/scenarios')).json();
  assert.equal(list.scenarios.length, 0);

  // without the CSRF token: refused before the handler
  r = await c.post('/observatoire/simulation', { code_1: '01001', etp_1: '1' },
                   { csrf: false });
  assert.equal(r.status, 403);

  // a good one: computed, 01001 leaves sous-dense
  r = await c.simulate({ code_1: '01001', type_1: 'etp', etp_1: '1,5', action: 'calculer' });
  assert.equal(r.status, 200);
  body = await r.text();
  const zoneTable = body.slice(body.indexOf('id="zones-titre"'), body.indexOf('</table>',
    body.indexOf('id="zones-titre"')));
  assert.match(zoneTable, /01001/);
  assert.match(zoneTable, /badge-sous-dense[^]*badge-bien-dote|badge-sous-dense[^]*badge-intermediaire/);

  // saved, shown, deleted
  r = await c.simulate({ code_1: '01001', etp_1: '1', nom: 'Un de plus', action: 'enregistrer' });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/observatoire\/scenarios\/\d+$/);
  body = await (await c.get(loc)).text();
  assert.match(body, /<h1>Un de plus<\/h1>/);
  assert.match(body, /\/api\/v1\/scenarios\/\d+\/export\?territoire=departement:01&amp;format=csv/);
  r = await c.post(loc + '/suppression', {}, { from: loc });
  assert.equal(r.status, 303);
  assert.equal((await c.get(loc)).status, 404);
});

// French number "12,34" (spaces as thousands) to a Number.
const frNum = (x) => Number(x.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

test('what-if: the unsaved result exports as CSV with its provenance, same numbers', async () => {
  const c = await agent();
  const before = (await (await c.get('/api/v1/scenarios')).json()).scenarios.length;
  let r = await c.simulate({ code_1: '01001', type_1: 'etp', etp_1: '1,5', action: 'calculer' });
  assert.equal(r.status, 200);
  const body = await r.text();
  // the page's APL after for 01001, and the export form re-posting the change
  const zoneTable = body.slice(body.indexOf('id="variations-titre"'));
  const m = zoneTable.match(/01001<\/span><\/th><td[^>]*>([^<]+)<\/td><td[^>]*>([^<]+)<\/td><td[^>]*>([^<]+)<\/td>/);
  assert.ok(m, 'the 01001 row in the changes table');
  // « APL officielle + effet simulé »: 1,89 (DREES) + the engine's effect
  const [aplBefore, effect, aplAfter] = [frNum(m[1]), frNum(m[2]), frNum(m[3])];
  assert.equal(aplBefore, 1.89);
  assert.equal(aplAfter.toFixed(2), (1.89 + effect).toFixed(2));
  assert.match(body, /Communes concernées : <a href="\/observatoire\/communes\/01001">L&#39;Abergement-Clémenciat<\/a>\./);
  assert.match(body, /<input type="hidden" name="code_1" value="01001"><input type="hidden" name="type_1" value="etp"><input type="hidden" name="etp_1" value="1,5">/);
  assert.match(body, /name="action" value="exporter"/);
  assert.match(body, /Sans l(&#39;|')enregistrer : les communes du département Ain avec l(&#39;|')APL avant et après/);
  assert.match(body, /Télécharger ce résultat<\/span><button type="submit" name="format" value="csv"/);

  r = await c.simulate({ code_1: '01001', type_1: 'etp', etp_1: '1,5', action: 'exporter',
                         format: 'csv' });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition') || '', /apl-departement-01-scenario-2022\.csv/);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const csv = buf.toString('utf8').replace(/^\uFEFF/, '');
  // the header row first; the note and the provenance in X-Provenance
  assert.match(csv, /^code;nom;/);
  assert.ok(!/^#/m.test(csv), 'no comment lines in the CSV');
  const prov = decodeURIComponent(r.headers.get('x-provenance')).split(' | ');
  assert.match(prov[0], /^simulation non enregistrée, calculée le \d{4}-\d\d-\d\d \(1 modification\)$/);
  assert.match(prov[1], /^modification 1 : \+1,50 ETP à 01001 \(L'Abergement-Clémenciat\)$/);
  assert.ok(prov.slice(2).some((l) => /supply_small\.csv/.test(l)), 'the model provenance follows');
  const lines = csv.split(/\r\n/).filter((l) => l);
  const head = lines[0].split(';');
  assert.deepEqual(head.slice(-5), ['apl_avant', 'apl_apres', 'effet_simule', 'zone_avant',
                                     'zone_apres']);
  const row = csvRow(lines.find((l) => l.startsWith('01001;')));
  assert.equal(frNum(row[head.indexOf('apl_avant')]).toFixed(2), aplBefore.toFixed(2));
  assert.equal(frNum(row[head.indexOf('apl_apres')]).toFixed(2), aplAfter.toFixed(2));
  assert.equal(row[head.indexOf('zone_avant')], 'sous-dense (indicatif)');
  assert.equal(row[head.indexOf('zone_apres')], 'non zoné (indicatif)');
  assert.ok(lines.find((l) => l.startsWith('01004;')), 'every commune of the département');

  // an antenna, exported as GeoJSON; a bad format and a bad input are refused
  r = await c.simulate({ code_1: '01004', type_1: 'antenne', etp_1: '2', action: 'exporter',
                         format: 'geojson' });
  assert.equal(r.status, 200);
  const geo = await r.json();
  assert.ok(geo.meta.provenance.some((l) => /modification 1 : antenne de 2,00 ETP à 01004/.test(l)),
    JSON.stringify(geo.meta.provenance));
  r = await c.simulate({ code_1: '01001', etp_1: '1', action: 'exporter', format: 'pdf' });
  assert.equal(r.status, 400);
  r = await c.simulate({ code_1: '01001', etp_1: '-5', action: 'exporter', format: 'csv' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Ligne 1, ETP : ETP négatif/);
  // nothing was saved
  const after = (await (await c.get('/api/v1/scenarios')).json()).scenarios.length;
  assert.equal(after, before);
});

test('siting page: the objective stated, a lone hamlet is no candidate', async () => {
  const body = await html('/observatoire/implantation?territoire=departement:01&etp=1&k=2');
  assert.match(body, /Ce que le classement optimise :<\/strong> classer les communes par la population standardisée de leur bassin/);
  assert.match(body, /au moins 5 000 habitants/);
  // 01001 (811 inhabitants, nobody within reach) is no candidate
  assert.match(body, /Aucune commune candidate ne fait sortir d(&#39;|')habitants/);
  const ranking = body.slice(body.indexOf('id="classement-titre"'));
  assert.ok(!ranking.slice(0, ranking.indexOf('</table>')).includes('01001'));
  assert.match(ranking, /bassin de 14\s?\d{3} habitants/);
  assert.match(body, /\/api\/v1\/implantation\?territoire=departement:01&amp;etp=1\.00&amp;k=2&amp;millesime=2022&amp;format=csv/);
  const form = await html('/observatoire/implantation');
  assert.match(form, /Choisissez un territoire/);
});

test('with practitioners\' birth years the sheet projects APL at 5 and 10 years', async () => {
  const w2 = await startObsServer({}, { practitioners: true });
  try {
    const r = await fetch(w2.server.url +
                          '/observatoire/communes/01004?offre=praticiens&age_retraite=62');
    assert.equal(r.status, 200);
    const body = await r.text();
    assert.match(body, /partent à 62 ans/);
    assert.match(body, /2027 \(dans 5 ans\)/);
    assert.match(body, /2032 \(dans 10 ans\)/);
    // anchored: the projection starts from the DREES 3,646 and adds the effect
    assert.match(body, /APL officielle DREES \+ effet simulé par oasis/);
    assert.match(body, /<th scope="row">APL DREES 2022<\/th><td class="num" data-label="APL">3,65<\/td>/);
    const j = await (await fetch(w2.server.url +
                                 '/api/v1/communes/01004?offre=praticiens&age_retraite=62')).json();
    for (const p of j.projection.projections) {
      assert.ok(Math.abs(p.apl - (3.646 + p.effet_simule)) < 1e-9 || p.apl === 0, JSON.stringify(p));
      assert.match(p.zone, /\(indicatif\)$/);
    }
    assert.doesNotMatch(body, /Âges des médecins inconnus/);
    assert.match(body, /médecins généralistes dans la commune/);
    // the drill-down keeps the supply source in its sort links and selector
    const dep = await (await fetch(w2.server.url +
                                   '/observatoire/departements/01?offre=praticiens')).text();
    assert.match(dep, /offre=praticiens&(amp;)?tri=apl/);
    assert.match(dep, /<input type="hidden" name="offre" value="praticiens">/);
  } finally {
    await w2.stop();
  }
});

// A view computed with non-default parameters keeps them in its export
// links and in its links to commune sheets (table and map), and the files
// behind those links hold the page's figures.
test('export and commune-sheet links keep offre, tmax and decroissance', async () => {
  const q = 'tmax=180&decroissance=step';
  const dep = await html(`/observatoire/departements/01?${q}`);
  const plain = await html('/observatoire/departements/01');
  assert.match(dep, /href="\/api\/v1\/export\/departement\/01\?millesime=2022&amp;tmax=180&amp;decroissance=step&amp;format=csv"/);
  assert.match(dep, /href="\/observatoire\/communes\/01004\?tmax=180&amp;decroissance=step"/);
  assert.match(dep, /"h":"\\\/observatoire\\\/communes\\\/01004\?tmax=180&decroissance=step"/);
  assert.match(dep, /implantation\?tmax=180&amp;decroissance=step&amp;territoire=departement:01/);
  assert.match(plain, /href="\/api\/v1\/export\/departement\/01\?millesime=2022&amp;format=csv"/);
  assert.match(plain, /href="\/observatoire\/communes\/01004"/);
  // the CSV behind the link has the page's APL, which differs from the default's
  // tmax changes our estimate, never the official DREES figure
  const aplOf = (page) => frNum(page.match(/01001<\/span><\/th>[\s\S]*?<td class="num" data-label="Estimation oasis">(?:<span[^>]*><\/span>)?([^<]+)</)[1]);
  const csvApl = async (href) => {
    const text = (await (await get(href.replace(/&amp;/g, '&'))).text()).replace(/^\uFEFF/, '');
    const lines = text.split(/\r\n/).filter((l) => l && !l.startsWith('#'));
    const head = lines[0].split(';');
    return frNum(csvRow(lines.find((l) => l.startsWith('01001;')))[head.indexOf('apl_estimation')]);
  };
  const href = dep.match(/href="(\/api\/v1\/export\/departement\/01\?[^"]+format=csv)"/)[1];
  assert.equal((await csvApl(href)).toFixed(2), aplOf(dep).toFixed(2));
  assert.notEqual(aplOf(dep).toFixed(2), aplOf(plain).toFixed(2), 'tmax changes the figures');
  // the commune sheet keeps them in its export, JSON and siting links
  const sheet = await html(`/observatoire/communes/01004?${q}`);
  assert.match(sheet, /\/api\/v1\/export\/departement\/01\?millesime=2022&amp;tmax=180&amp;decroissance=step&amp;format=xlsx/);
  assert.match(sheet, /\/api\/v1\/communes\/01004\?tmax=180&amp;decroissance=step&amp;millesime=2022/);
  // the siting page too
  const siting = await html(`/observatoire/implantation?territoire=departement:01&etp=1&k=2&${q}`);
  assert.match(siting, /\/api\/v1\/implantation\?territoire=departement:01&amp;etp=1\.00&amp;k=2&amp;millesime=2022&amp;tmax=180&amp;decroissance=step&amp;format=csv/);
  assert.match(siting, /href="\/observatoire\/communes\/01001\?tmax=180&amp;decroissance=step"/);
  assert.match(siting, /<input type="hidden" name="tmax" value="180"><input type="hidden" name="decroissance" value="step"><\/form>/);
});

// A centre de santé and its antenna created through the centres' JSON API:
// the département and EPCI pages list the open site under the map
// (server-rendered, linking to the site's page and the commune sheet), the
// map island asks obs-map.js to draw it; a closed site is not listed.
test('centres de santé: open sites listed under the commune-level maps', async () => {
  const c = await agent();
  const csrf = (await (await c.get('/api/v1/moi')).json()).csrf;
  const post = async (p, body) => {
    const r = await c.fetch(p, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    const json = await r.json();
    assert.equal(r.status, 201, JSON.stringify(json));
    return json;
  };
  let body = await html('/observatoire/departements/01');
  assert.match(body, /Aucun site de centre de santé suivi dans oasis/);
  assert.doesNotMatch(body, /"sites":"\\\/api/);
  const net = await post('/api/v1/centres/reseaux', { code: 'OBS01', name: 'Réseau Ain', dep: '01' });
  const centre = await post('/api/v1/centres', { network_id: net.id, code: 'OBS01-C',
                                                 name: 'Centre départemental de l\'Ain' });
  const site = await post(`/api/v1/centres/${centre.id}/sites`, {
    code: 'OBS01-A', kind: 'antenne', name: 'Antenne de Clémenciat', commune: '01001',
    opened_on: '2020-01-01', services: { consultations: true, home_visits: true } });
  await post(`/api/v1/centres/${centre.id}/sites`, {
    code: 'OBS01-F', kind: 'antenne', name: 'Antenne fermée', commune: '01004',
    opened_on: '2020-01-01', closed_on: '2021-01-01' });

  for (const p of ['/observatoire/departements/01', '/observatoire/epci/200029999']) {
    body = await html(p);
    const list = body.slice(body.indexOf('id="obs-sites"'), body.indexOf('</table>',
      body.indexOf('id="obs-sites"')));
    assert.ok(list.length > 0, `${p}: the sites table`);
    assert.match(list, new RegExp(`<a href="/centres/sites/${site.id}">Antenne de Clémenciat</a>`));
    assert.match(list, /Centre départemental de l&#39;Ain/);
    assert.match(list, /<a href="\/observatoire\/communes\/01001">L&#39;Abergement-Clémenciat<\/a>/);
    assert.match(list, /consultations, visites à domicile/);
    assert.doesNotMatch(list, /Antenne fermée/, `${p}: a closed site is not listed`);
    assert.match(body, /Sites des centres de santé dans ces communes \(1\)/);
    assert.match(body, /"sites":"\\\/api\\\/v1\\\/centres\\\/carte"/);
    assert.match(body, /site d(&#39;|')un centre de santé \(cliquez/);   // legend entry
  }
  // the map endpoint places the same site at its commune's point
  const geo = await (await get('/api/v1/centres/carte')).json();
  const f = geo.features.find((x) => x.properties.site_id === site.id);
  assert.equal(f.properties.commune, '01001');
  assert.equal(f.properties.url, `/centres/sites/${site.id}`);
  // région pages (areas, not communes) have no list
  body = await html('/observatoire/regions/84');
  assert.doesNotMatch(body, /id="obs-sites"/);
});
