// tests/api/portal-territory.test.mjs: one territory and no wrong number in
// the plan and the portal (issue 13).  The Loir-et-Cher case of the issue:
// with the territory set to 41, Saône-et-Loire's 120 000 published
// consultations, an installation at Villeneuve-sur-Lot (47) and a Dordogne
// vacancy must count nowhere, and the cost per doctor settled is the
// territory's.  Also: a student's dossier closed « stage effectué » is not
// an installation; a published yearly total gives no "-1" patients; a year
// without a figure says « pas de donnée »; Le Creusot's portal page lists
// the health centre that /centres lists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const FIX = path.resolve('tests/fixtures');
let server, admin, csrf;
const oasis = (...args) => {
  const r = spawnSync(process.env.OASIS_BIN || 'build/asan/oasis',
                      [...args, '--db', server.dbPath], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
};
const sql = (s) => spawnSync('sqlite3', [server.dbPath, s], { encoding: 'utf8' }).stdout.trim();
const plain = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
  .replace(/\u202f|\u00a0/g, ' ').replace(/\s+/g, ' ');

// The communes of the case, with their départements and régions.
const COMMUNES = [
  ['41018', '41', '24', 'Blois', 47.5861, 1.3359, 45898],
  ['71153', '71', '27', 'Le Creusot', 46.8007, 4.4262, 21887],
  ['71076', '71', '27', 'Chalon-sur-Saône', 46.7806, 4.8539, 44756],
  ['47323', '47', '75', 'Villeneuve-sur-Lot', 44.4081, 0.7044, 22102],
  ['24322', '24', '75', 'Périgueux', 45.1846, 0.7214, 29896],
];

before(async () => {
  server = await startServer({ env: { OASIS_NOW: '2026-11-23T09:00:00Z' } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-terr-'));
  // the COG fixture plus the départements and régions of the case
  const cog = path.join(dir, 'cog');
  fs.mkdirSync(cog);
  const read = (f) => JSON.parse(fs.readFileSync(path.join(FIX, 'cog', f), 'utf8'));
  const deps = read('departements.json');
  deps.push({ code: '41', region: '24', chefLieu: '41018', nom: 'Loir-et-Cher', typeLiaison: 2, zone: 'metro' },
            { code: '71', region: '27', chefLieu: '71270', nom: 'Saône-et-Loire', typeLiaison: 0, zone: 'metro' },
            { code: '47', region: '75', chefLieu: '47001', nom: 'Lot-et-Garonne', typeLiaison: 2, zone: 'metro' },
            { code: '24', region: '75', chefLieu: '24322', nom: 'Dordogne', typeLiaison: 3, zone: 'metro' });
  const regs = read('regions.json');
  regs.push({ code: '24', chefLieu: '45234', nom: 'Centre-Val de Loire', typeLiaison: 0, zone: 'metro' },
            { code: '27', chefLieu: '21231', nom: 'Bourgogne-Franche-Comté', typeLiaison: 0, zone: 'metro' },
            { code: '75', chefLieu: '33063', nom: 'Nouvelle-Aquitaine', typeLiaison: 3, zone: 'metro' });
  const coms = read('communes.json');
  for (const [code, dep, reg, nom, , , pop] of COMMUNES) {
    coms.push({ code, nom, departement: dep, region: reg, type: 'commune-actuelle', population: pop });
  }
  fs.writeFileSync(path.join(cog, 'departements.json'), JSON.stringify(deps));
  fs.writeFileSync(path.join(cog, 'regions.json'), JSON.stringify(regs));
  fs.writeFileSync(path.join(cog, 'communes.json'), JSON.stringify(coms));
  fs.copyFileSync(path.join(FIX, 'cog', 'epci.json'), path.join(cog, 'epci.json'));
  const csv = path.join(dir, 'communes.csv');
  fs.writeFileSync(csv, fs.readFileSync(path.join(FIX, 'communes_small.csv'), 'utf8') +
    COMMUNES.map(([code, dep, reg, nom, lat, lon, pop]) =>
      `${code},COM,,${dep},${reg},${nom},${lat},${lon},${lat},${lon},00000,20,${pop},${pop},1,1,1,1,1,1`)
      .join('\n') + '\n');
  oasis('import', 'cog', cog, '--vintage', '2024');
  oasis('import', 'communes', csv);
  // the demonstration networks: Saône-et-Loire's with its published totals
  oasis('centres', 'load', 'data/centres');
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

async function api(method, p, body) {
  const r = await admin.fetch(p, { method, headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': csrf }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* HTML */ }
  return { status: r.status, json, text };
}

// A dossier closed with outcome `issue` in commune `code`.
async function closed(code, n, statut, issue) {
  const r = await api('POST', '/api/v1/dossiers', { prenom: 'Dr', nom: `Terr${n}`,
    email: `terr${n}@exemple.fr`, profession: 'medecin_generaliste', statut,
    projet: statut === 'etudiant' ? 'stage' : 'installation', territoire_type: 'commune',
    territoire_code: code, territoire_nom: 'x', besoins: ['lieu_exercice'], consentement: true });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal((await api('POST', `/api/v1/dossiers/${id}/etat`, { etat: 'en_cours' })).status, 200);
  const body = { etat: 'clos', issue };
  if (issue === 'installe') Object.assign(body, { commune: code, date_installation: '2026-09-01' });
  const c = await api('POST', `/api/v1/dossiers/${id}/etat`, body);
  assert.equal(c.status, 200, c.text);
}

// A public vacancy in a new centre of a network of département dep.
async function vacancy(dep, commune, title) {
  const n = await api('POST', '/api/v1/centres/reseaux', { code: `N${dep}`, name: `Réseau ${dep}`, dep });
  assert.equal(n.status, 201, n.text);
  const c = await api('POST', '/api/v1/centres', { network_id: n.json.id, code: `C${dep}`,
    name: `Centre ${dep}` });
  assert.equal(c.status, 201, c.text);
  const s = await api('POST', `/api/v1/centres/${c.json.id}/sites`, { code: `S${dep}`,
    kind: 'principal', name: `Site ${dep}`, commune, opened_on: '2024-01-01' });
  assert.equal(s.status, 201, s.text);
  const v = await api('POST', '/api/v1/centres/postes', { site_id: s.json.id, category: 'medecin',
    title, fte: 1, posted_on: '2026-11-01' });
  assert.equal(v.status, 201, v.text);
}

let actionId;

test('no territory: published totals give consultations, never "-1" patients; a year without a figure says so', async () => {
  // an action that funds the Saône-et-Loire centre of Chalon, and 12 000 € spent
  let r = await admin.post('/plan/actions', { nom: 'Centres départementaux', objectif: '' },
                           { from: '/plan/actions' });
  assert.equal(r.status, 303);
  actionId = r.headers.get('location').match(/(\d+)$/)[1];
  const from = `/plan/actions/${actionId}`;
  const chalon = sql("SELECT id FROM centre WHERE code = 'CSD71-CHALON'");
  r = await admin.post(`${from}/liens`, { objet: `centre:${chalon}`, libelle: '' }, { from });
  assert.equal(r.status, 303);
  r = await admin.post(`${from}/depenses`, { date: '2026-03-01', montant: '12 000', libelle: 'Salon' }, { from });
  assert.equal(r.status, 303);

  const j = (await api('GET', '/api/v1/plan')).json;
  // Saône-et-Loire's 2022 total; Corrèze's 2019-2023 cumul is no one year's
  assert.equal(j.modules.consultations, 120000);
  const y2022 = j.annees.find((y) => y.annee === 2022);
  assert.equal(y2022.indicateurs.consultations, 120000);
  // the published total gives no patients: no figure, not -1
  assert.equal(y2022.indicateurs.patients_mt, null);
  const y2026 = j.annees.find((y) => y.annee === 2026);
  assert.equal(y2026.indicateurs.consultations, null);
  const html = await (await admin.get('/plan')).text();
  assert.doesNotMatch(plain(html), /(^|\s)-1(\s|$)/);
  const row2026 = html.match(/<tr><th scope="row">2026<\/th>.*?<\/tr>/s)[0];
  assert.match(row2026, /data-label="Consultations">pas de donnée<\/td>/);
  assert.match(row2026, /data-label="Patients avec médecin traitant">pas de donnée<\/td>/);
});

test('Le Creusot: the portal lists the centre /centres lists, its location said indicative', async () => {
  const centres = plain(await (await admin.get('/centres')).text());
  assert.match(centres, /Centre territorial du Creusot/);
  const html = await (await fetch(server.url + '/portail/communes/71153')).text();
  const t = plain(html);
  assert.match(t, /S'installer au Creusot/);
  // sharing metadata in the head: description and OpenGraph (issue 18)
  const head = html.slice(0, html.indexOf('</head>'));
  assert.match(head, /<meta name="description" content="S&#39;installer au Creusot comme médecin : [^"]+">/);
  assert.match(head, /<meta property="og:title" content="Le Creusot">/);
  assert.match(head, /<meta property="og:url" content="http[^"]+\/portail\/communes\/71153">/);
  assert.match(head, /<meta property="og:locale" content="fr_FR">/);
  const home = await (await fetch(server.url + '/portail')).text();
  assert.match(home.slice(0, home.indexOf('</head>')), /<meta property="og:description" content="[^"]+">/);
  // a placeholder contact left in the settings is not shown to the public
  sql("INSERT OR REPLACE INTO portal_settings(key, value) VALUES ('contact', " +
      "'Coordonnées du service à compléter')");
  for (const p of ['/portail', '/portail/communes/71153']) {
    assert.doesNotMatch(await (await fetch(server.url + p)).text(), /à compléter/, p);
  }
  assert.doesNotMatch(t, /aucun centre de santé ni terrain de stage n'est enregistré/);
  assert.match(t, /Centre territorial du Creusot — Le Creusot — Centre de santé, Le Creusot \(dans la commune\) : emplacement indicatif/);
});

test('territory 41: Saône-et-Loire, Villeneuve-sur-Lot and Dordogne count nowhere', async () => {
  await closed('41018', 1, 'remplacant', 'installe');     // Blois: inside
  await closed('47323', 2, 'remplacant', 'installe');     // Villeneuve-sur-Lot: outside
  await closed('41018', 3, 'etudiant', 'stage');          // a student: no installation
  await vacancy('41', '41018', 'Médecin généraliste à Blois');
  await vacancy('24', '24322', 'Médecin généraliste à Périgueux');
  // housing for trainees in Dordogne: not this portal's to offer
  const h = await api('POST', '/api/v1/stages/logements', { name: 'Internat de Périgueux', commune: '24322' });
  assert.equal(h.status, 201, h.text);
  assert.equal((await api('POST', `/api/v1/stages/logements/${h.json.id}/chambres`,
                          { label: 'Chambre 1', rent_cents: 15000 })).status, 201);
  oasis('territoire', 'set', '41');

  const j = (await api('GET', '/api/v1/plan')).json;
  assert.equal(j.medecins_installes, 1);
  assert.equal(j.modules.installes_guichet, 1);
  assert.equal(j.hors_territoire.installes_guichet, 1);
  assert.equal(j.modules.consultations, 0);
  assert.equal(j.hors_territoire.consultations, 120000);
  // no year of the territory has a figure: the total is no figure either
  assert.equal(j.indicateurs.consultations, null);
  assert.equal(j.indicateurs.installes, 1);
  // the action's Saône-et-Loire centre is another territory's
  const a = j.actions.find((x) => x.id === Number(actionId));
  assert.equal(a.modules.consultations, 0);
  assert.equal(a.indicateurs.consultations, 0);
  // 12 000 € spent, one doctor settled in the territory
  assert.equal(j.depense_centimes, 1200000);
  assert.equal(j.cout_par_medecin_centimes, 1200000);
  assert.equal(j.annees.find((y) => y.annee === 2022)?.indicateurs.consultations ?? null, null);

  const t = plain(await (await admin.get('/plan')).text());
  assert.match(t, /Hors territoire \(Loir-et-Cher\), non comptés : 1 installation, 120 000 consultations en centres de santé\./);
  assert.match(t, /12 000 € dépensés par médecin installé/);

  // a centre of another territory cannot be linked any more; the one linked
  // before is shown as not counted
  const from = `/plan/actions/${actionId}`;
  const macon = sql("SELECT id FROM centre WHERE code = 'CSD71-MACON'");
  const form = await (await admin.get(from)).text();
  assert.match(plain(form), /Centre territorial de Chalon-sur-Saône hors territoire, non compté/);
  assert.doesNotMatch(form, new RegExp(`value="centre:${macon}"`));
  const r = await admin.post(`${from}/liens`, { objet: `centre:${macon}`, libelle: '' }, { from });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /hors territoire/);

  // the portal advertises the Blois post, not the Dordogne one
  const home = plain(await (await fetch(server.url + '/portail')).text());
  assert.match(home, /Médecin généraliste à Blois/);
  // a portal not named yet bears the territory's name, not « Votre territoire »
  assert.doesNotMatch(home, /Votre territoire/);
  assert.match(home, /Loir-et-Cher/);
  assert.doesNotMatch(home, /Périgueux/);
  assert.match(home, /Aucun logement pour stagiaires n'est enregistré/);
  // a commune of another territory says so
  const creusot = await (await fetch(server.url + '/api/v1/portail/communes/71153')).json();
  assert.equal(creusot.hors_territoire, true);
  const page = plain(await (await fetch(server.url + '/portail/communes/71153')).text());
  assert.match(page, /Hors territoire : cette commune n'est pas dans le territoire de ce portail \(Loir-et-Cher\)/);
  assert.match(page, /Centre territorial du Creusot .* hors territoire/);
});

test('territory 41: an event is held in the territory or refused; one held elsewhere is not listed', async () => {
  const from = '/portail/admin/evenements/nouveau';
  const base = { type: 'salon', titre: 'Salon des internes', date: '2027-03-20', heure: '10:00',
                 lieu: 'Halle aux grains', places: '0', texte_md: '', publie: '1' };
  let r = await admin.post('/portail/admin/evenements', { ...base, commune: '24322' }, { from });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /id="f-commune-err">[^<]*hors territoire \(Loir-et-Cher\)/);
  assert.match(html, /value="Salon des internes"/, 'what was typed is kept');
  r = await admin.post('/portail/admin/evenements', { ...base, commune: '4101' }, { from });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Code INSEE invalide/);
  r = await admin.post('/portail/admin/evenements', { ...base, commune: '41018' }, { from });
  assert.equal(r.status, 303);
  // one entered before the territory was set, held in Dordogne
  sql("INSERT INTO portal_events(kind, title, starts_on, capacity, commune) " +
      "VALUES ('salon', 'Forum de Périgueux', '2027-04-01', 0, '24322')");
  const cal = plain(await (await fetch(server.url + '/portail/evenements')).text());
  assert.match(cal, /Salon des internes/);
  assert.doesNotMatch(cal, /Forum de Périgueux/);
  const j = await (await fetch(server.url + '/api/v1/portail/evenements')).json();
  const list = j.evenements ?? j;
  assert.ok(list.some((e) => e.titre === 'Salon des internes' && e.commune === '41018'));
  assert.ok(!list.some((e) => e.titre === 'Forum de Périgueux'));
  // its page names the commune, linked to the commune's page
  const ev = list.find((e) => e.titre === 'Salon des internes');
  const page = await (await fetch(`${server.url}/portail/evenements/${ev.id}`)).text();
  assert.match(page, /<dt>Commune<\/dt><dd><a href="\/portail\/communes\/41018">Blois<\/a><\/dd>/);
  // one held elsewhere, reached by its address, says so
  const id = sql("SELECT id FROM portal_events WHERE title = 'Forum de Périgueux'");
  sql(`UPDATE portal_events SET is_published = 1 WHERE id = ${id}`);
  const other = plain(await (await fetch(`${server.url}/portail/evenements/${id}`)).text());
  assert.match(other, /Commune Périgueux hors territoire/);
});
