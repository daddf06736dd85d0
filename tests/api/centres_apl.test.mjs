// tests/api/centres_apl.test.mjs: the centres de santé counted as supply by
// the engine.  On the observatory's small fixtures (tests/fixtures, as
// tests/api/obs_api.test.mjs imports them), 01001 has no GP within reach
// (APL 0).  Opening an antenna there moves its APL only once doctors work
// on it, by exactly what the observatory's what-if predicts for an
// antenna of the same FTE; a contract not yet started or a closed site
// counts nothing.  The figures are read from the observatory's API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
let server, admin, csrf;

function oasis(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8',
    env: { ...process.env, OASIS_TODAY: '2026-11-23' } });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
  return r;
}

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  const db = ['--db', server.dbPath];
  oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), ...db);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024', ...db);
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
        '--column', 'generaliste', ...db);
  oasis('apl', ...db, '--vintage', '2022', '--store');
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

const commune = async (code) => {
  const r = await fetch(`${server.url}/api/v1/communes/${code}`);
  assert.equal(r.status, 200);
  return r.json();
};
const near = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);

test('an antenna with 1.5 doctor FTE moves the APL of its commune', async () => {
  const before = await commune('01001');
  assert.equal(before.apl_estimation, 0);
  assert.equal(before.zone.classe, 'inconnu', 'no official figure: no class, never the model one');
  const other = await commune('75101');

  // What the observatory predicts for an antenna of 1.5 FTE in 01001.
  const sim = await api('POST', '/api/v1/scenarios/simulation',
    { changes: [{ code: '01001', fte: 1.5, antenne: true }] });
  assert.equal(sim.status, 200, sim.text);
  const predicted = sim.json.communes.find((c) => c.code === '01001').apl_estimation_apres;
  assert.ok(predicted > 0);

  const n = await api('POST', '/api/v1/centres/reseaux',
    { code: 'T01', nom: 'Réseau de l\'Ain (test)', departement: '01' });
  assert.equal(n.status, 201, n.text);
  const c = await api('POST', '/api/v1/centres',
    { reseau_id: n.json.id, code: 'T01-A', nom: 'Centre de santé de la Dombes' });
  assert.equal(c.status, 201, c.text);
  const s = await api('POST', `/api/v1/centres/${c.json.id}/sites`, {
    code: 'T01-ABER', type: 'antenne', nom: 'Antenne de l\'Abergement',
    commune: '01001', date_ouverture: '2025-01-01' });
  assert.equal(s.status, 201, s.text);
  const siteId = s.json.id;
  assert.equal((await commune('01001')).apl_estimation, 0, 'an antenna with no doctor adds nothing');

  for (const [first, fte] of [['Anne', 1], ['Paul', 0.5]]) {
    const p = await api('POST', '/api/v1/centres/personnel', {
      prenom: first, nom: 'Test', categorie: 'medecin',
      debut_contrat: '2025-01-01', sites: [{ site_id: siteId, etp: fte }] });
    assert.equal(p.status, 201, p.text);
  }
  // A secretary and a doctor hired from next year count nothing today.
  for (const [cat, start] of [['secretaire', '2025-01-01'], ['medecin', '2027-01-01']]) {
    const p = await api('POST', '/api/v1/centres/personnel', {
      prenom: 'X', nom: cat, categorie: cat, debut_contrat: start,
      sites: [{ site_id: siteId, etp: 1 }] });
    assert.equal(p.status, 201, p.text);
  }

  const after = await commune('01001');
  near(after.apl_estimation, predicted);
  assert.ok(after.apl_estimation > before.apl_estimation);
  // The estimate moved; the class did not: it comes from official figures only.
  assert.equal(after.zone.classe, 'inconnu');
  assert.match(after.provenance, /centres de santé : 1,50 ETP de médecins salariés, 1 site\(s\) ouvert\(s\) dans 1 commune\(s\), au 23 novembre 2026/);
  near((await commune('75101')).apl_estimation, other.apl_estimation, 0, 'a commune out of reach does not move');

  // The site says what it brings: the commune's APL with and without it.
  const site = await api('GET', `/api/v1/centres/sites/${siteId}`);
  const eff = site.json.effet_apl;
  assert.equal(eff.disponible, true);
  assert.equal(eff.compte, true);
  assert.equal(eff.etp_medecins, 1.5);
  near(eff.apl_avec_site, after.apl_estimation);
  near(eff.apl_sans_site, 0);
  assert.equal(eff.libelle, 'estimation oasis');
  assert.equal(eff.zone_sans_site, undefined, 'no class from the model');
  assert.equal(eff.nom_commune, before.nom);
  const html = await (await admin.get(`/centres/sites/${siteId}`)).text();
  assert.match(html, /Effet sur l'accessibilité \(APL\)/);
  assert.match(html, /data-apl-without>0,00/);

  // The map layer: the open site at its commune's point.
  const map = await (await fetch(`${server.url}/api/v1/centres/carte`)).json();
  assert.equal(map.type, 'FeatureCollection');
  const f = map.features.find((x) => x.properties.site_id === siteId);
  assert.deepEqual(f.geometry.coordinates, [4.9306, 46.1517]);
  assert.equal(f.properties.etp_medecins, 1.5);
  assert.equal(f.properties.nom_commune, "L'Abergement-Clémenciat");

  // Closing the antenna takes its doctors out of the supply.
  const closed = await api('POST', `/api/v1/centres/sites/${siteId}`, { date_fermeture: '2026-06-30' });
  assert.equal(closed.status, 200, closed.text);
  const gone = await commune('01001');
  assert.equal(gone.apl_estimation, 0);
  assert.doesNotMatch(gone.provenance, /centres de santé/);
  const map2 = await (await fetch(`${server.url}/api/v1/centres/carte`)).json();
  assert.equal(map2.features.length, 0, 'a closed site leaves the map');
  const all = await (await fetch(`${server.url}/api/v1/centres/carte?tous=1`)).json();
  assert.equal(all.features[0].properties.ouvert, false);
  const closedSite = await api('GET', `/api/v1/centres/sites/${siteId}`);
  assert.equal(closedSite.json.effet_apl.compte, false);
  assert.equal(closedSite.json.effet_apl.etp_medecins, 0);
});
