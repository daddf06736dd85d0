// tests/api/portal-feeds.test.mjs: the portal and the plan reading the other
// modules with real data.  The territory (Ain, fixtures), two stored APL runs,
// the aid catalogue, a centre de santé with an open post and its finances, a
// placement with an allowance paid, a partner of the guichet unique and a
// dossier closed "installé" are all recorded through those modules' own CLI
// and JSON APIs; the portal's pages and the plan's dashboard must show
// exactly what they hold (figures recomputed here from the database).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
let server, admin, csrf;

const oasis = (...args) => execFileSync(BIN, [...args, '--db', server.dbPath],
  { stdio: ['ignore', 'pipe', 'pipe'] });
const sql = (s) => execFileSync('sqlite3', [server.dbPath, s]).toString().trim();

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);
const page = async (p) => {
  const r = await fetch(server.url + p);
  return { status: r.status, html: await r.text() };
};
const plain = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
  .replace(/\u202f|\u00a0/g, ' ').replace(/\s+/g, ' ');

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  // the fixture's communes plus Blois (41), where the Loir-et-Cher aids apply
  const communes = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-pf-')), 'communes.csv');
  fs.writeFileSync(communes, fs.readFileSync(path.join(FIX, 'communes_small.csv'), 'utf8') +
    '41018,COM,,41,24,Blois,47.5861,1.3359,47.59,1.33,41000,37.46,45898,46351,24000,500,450,28000,3000,21000\n');
  oasis('import', 'communes', communes);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024');
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022');
  // the same people as a second vintage (the file names its columns 2020)
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2023',
        '--col-std', 'pop_standardisee_2020', '--col-total', 'pop_totale_2020');
  oasis('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
        '--column', 'generaliste');
  oasis('apl', '--vintage', '2022', '--store');
  oasis('apl', '--vintage', '2023', '--store');
  // the DREES table as published: what the portal and the plan show
  oasis('import', 'apl-reference', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022');
  oasis('aids', 'load', 'data/aids');
  oasis('stages', 'load', '--aides');
  // an allowance of the Ain, where this portal's placement is
  const schemes = path.join(path.dirname(communes), 'schemes.csv');
  fs.writeFileSync(schemes, 'name;funder;dep;levels;monthly_eur;valid_from;valid_to;source\n' +
    "Indemnité de stage de l'Ain (essai);Département de l'Ain;01;*;250;;;essai\n");
  execFileSync(BIN, ['stages-load', schemes, '--db', server.dbPath]);
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

test('home: no territory set → the figures say why; set → the DREES figures', async () => {
  let { html } = await page('/portail');
  assert.match(plain(html), /le territoire de l'instance n'est pas encore réglé/);
  const bad = await admin.post('/portail/admin/reglages', {
    nom: 'Ain', accroche: 'Venez', logo: '', couleur_principale: '#1f3f8f',
    couleur_secondaire: '#146346', presentation: '', pourquoi_md: '', contact: 'Écrivez-nous.',
    origines_widget: '', territoire: '1' }, { from: '/portail/admin' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /un code comme 41/);
  const r = await admin.post('/portail/admin/reglages', {
    nom: 'Ain', accroche: 'Venez', logo: '', couleur_principale: '#1f3f8f',
    couleur_secondaire: '#146346', presentation: '', pourquoi_md: '', contact: 'Écrivez-nous.',
    origines_widget: '', territoire: '01' }, { from: '/portail/admin' });
  assert.equal(r.status, 303);
  ({ html } = await page('/portail'));
  const t = plain(html);
  // independent computation from the DREES table as published (all ages),
  // never from our model's stored runs
  const rows = sql(`SELECT commune, apl, pop_std, pop_total FROM apl_reference
    WHERE vintage = 2022 AND commune LIKE '01%'`).split('\n').map((l) => l.split('|'));
  assert.equal(rows.length, 3);
  const sd = rows.filter((x) => Number(x[1]) < 2.5);
  const apl = rows.reduce((s, x) => s + x[2] * x[1], 0) / rows.reduce((s, x) => s + +x[2], 0);
  const pop = sd.reduce((s, x) => s + Number(x[3]), 0);
  assert.ok(t.includes(`${sd.length} sur 3 communes sous-denses (APL inférieure à 2,5)`), t);
  assert.ok(t.includes(`${pop.toLocaleString('fr-FR').replace(/\s/g, ' ')} habitants vivent`), t);
  assert.ok(t.includes(`${apl.toFixed(1).replace('.', ',')} consultations`), t);
  assert.match(t, /APL de la DREES 2022, Ain \(3 communes\) ; classement indicatif/);
  const home = await (await fetch(server.url + '/api/v1/portail')).json();
  assert.equal(home.chiffres.length, 3);
  assert.equal(home.chiffres[0].valeur, `${sd.length} sur 3`);
  assert.match(t, /Aucun poste salarié n'est ouvert/);
  assert.match(t, /Aucune place de stage n'est ouverte/);
  assert.match(html, /href="\/demande"/);
});

let centreId, placeId, siteId;

test('posts, placements and housing from the centres and placements modules', async () => {
  const n = await api('POST', '/api/v1/centres/reseaux', { code: 'N01', name: 'Réseau Ain', dep: '01' });
  assert.equal(n.status, 201, n.text);
  const c = await api('POST', '/api/v1/centres', { network_id: n.json.id, code: 'C01', name: 'Centre de santé du Bugey' });
  assert.equal(c.status, 201, c.text);
  centreId = c.json.id;
  const s = await api('POST', `/api/v1/centres/${centreId}/sites`, {
    code: 'S01', kind: 'principal', name: 'Site d\'Ambérieu', commune: '01004', opened_on: '2024-01-01' });
  assert.equal(s.status, 201, s.text);
  siteId = s.json.id;
  const v = await api('POST', '/api/v1/centres/postes', { site_id: siteId, category: 'medecin',
    title: 'Médecin généraliste salarié', fte: 1, posted_on: '2026-11-01' });
  assert.equal(v.status, 201, v.text);
  const p = await api('POST', '/api/v1/stages/terrains', { structure: 'MSP de Vendôme',
    commune: '01004', supervisor: 'Dr Lefèvre', level: 'interne_mg', capacity: 2 });
  assert.equal(p.status, 201, p.text);
  placeId = p.json.id;
  const sem = await api('POST', `/api/v1/stages/terrains/${placeId}/semestres`,
                        { semester: '2026-11', capacity: 2 });
  assert.equal(sem.status, 201, sem.text);
  const h = await api('POST', '/api/v1/stages/logements', { name: 'Maison des internes', commune: '01004' });
  await api('POST', `/api/v1/stages/logements/${h.json.id}/chambres`, { label: 'Chambre 1', rent_cents: 15000 });
  const t = plain((await page('/portail')).html);
  assert.match(t, /1 poste ouvert dans les centres de santé : Médecin généraliste salarié — Centre de santé du Bugey, Ambérieu-en-Bugey \(temps plein\)/);
  assert.match(t, /2 places de stage ouvertes dans 1 structure \(novembre 2026/);
  assert.match(t, /1 chambre sur 1 libre pour les stagiaires/);
});

test('commune page: zone and APL, structures nearby, aids, published partners', async () => {
  const part = await api('POST', '/api/v1/partenaires', { nom: 'Logement Ain Habitat',
    type: 'logement', themes: 'logement', territoires: '01', email: 'contact@ain-habitat.exemple.fr',
    telephone: '04 74 00 00 00', publier: true });
  assert.equal(part.status, 201, part.text);
  // its contact person is never published (issue 17)
  const person = await admin.post(`/accompagnement/partenaires/${part.json.id}/contacts`,
    { contact_nom: 'Claire Privée', contact_role: 'chargée d\'accueil',
      contact_email: 'claire.privee@exemple.fr', contact_telephone: '06 00 00 00 00' },
    { from: `/accompagnement/partenaires/${part.json.id}` });
  assert.equal(person.status, 303);
  assert.match(sql("SELECT name FROM case_partner_contacts"), /Claire Privée/);
  // a partner not published stays in the back office
  await api('POST', '/api/v1/partenaires', { nom: 'Logement discret', type: 'logement',
    themes: 'logement', territoires: '01', email: 'discret@exemple.fr' });
  await api('POST', '/api/v1/partenaires', { nom: 'Pôle emploi Cantal', type: 'emploi',
    themes: 'emploi_conjoint', territoires: '15', email: 'x@exemple.fr' });
  const { status, html } = await page('/portail/communes/01001');
  assert.equal(status, 200);
  const t = plain(html);
  // the class and the APL of zoning_of(): the DREES table, indicative
  const aplTxt = sql("SELECT apl FROM apl_reference WHERE vintage = 2022 AND commune = '01001'");
  assert.match(html, /badge badge-sous-dense">Sous-dense/);
  assert.match(t, /classement indicatif d'après l'APL DREES 2022 .* zonage officiel non importé/);
  assert.ok(t.includes(`accès en moyenne à ${Number(aplTxt).toFixed(1).replace('.', ',')} consultations`), t);
  assert.match(t, /tous âges, millésime 2022/);
  // the national mean: the same all-ages series, weighted (not the under-65 one)
  const nat = Number(sql(`SELECT sum(apl * pop_std) / sum(pop_std) FROM apl_reference WHERE vintage = 2022`));
  const nat65 = Number(sql(`SELECT sum(apl_under65 * pop_std) / sum(pop_std) FROM apl_reference WHERE vintage = 2022`));
  assert.notEqual(nat.toFixed(1), nat65.toFixed(1));
  assert.ok(t.includes(`la moyenne nationale est de ${nat.toFixed(1).replace('.', ',')} (même série`), t);
  assert.doesNotMatch(t, /environ 3,3/);
  assert.match(t, /Membre de CC de la Plaine de l'Ain ; 832 habitants/);
  // the request form of the guichet unique, prefilled with the commune
  assert.match(html, /href="\/demande\?territoire_type=commune&amp;territoire_code=01001&amp;territoire_nom=L%27Abergement-Cl%C3%A9menciat"/);
  // the centre's site in Ambérieu (same EPCI, about 40 km), with its open post
  assert.match(html, new RegExp(`href="/centres/sites/${siteId}"`));
  assert.match(t, /Centre de santé du Bugey — Site d'Ambérieu — Centre de santé, Ambérieu-en-Bugey \(à \d+ km\) : 1 poste/);
  // partners: the published Ain housing partner as an organisation, not the
  // Cantal one, not the unpublished one, never a person
  assert.match(t, /Logement Logement Ain Habitat — 04 74 00 00 00 — contact@ain-habitat\.exemple\.fr/);
  assert.doesNotMatch(t, /Pôle emploi Cantal/);
  assert.doesNotMatch(t, /Logement discret/);
  assert.doesNotMatch(html, /Claire Privée|claire\.privee|06 00 00 00 00/);
  // aids: the catalogue (Loir-et-Cher and national schemes) has none for a GP in the Ain
  assert.match(t, /Les aides pour s'installer ici/);
  const j = await (await fetch(server.url + '/api/v1/portail/communes/01001')).json();
  assert.equal(j.zone.classe, 'sous_dense');
  assert.equal(j.zone.officiel, false);
  assert.equal(j.zone.source, 'APL DREES 2022');
  assert.equal(j.millesime_apl, 2022);
  assert.equal(j.hors_territoire, false);
  assert.equal(j.a_une_fiche, false);
  assert.equal(j.partenaires[0].nom, 'Logement Ain Habitat');
  assert.equal(j.structures[0].nom, 'Centre de santé du Bugey — Site d\'Ambérieu');
  // unknown communes and EPCI: French 404
  for (const code of ['99999', 'abcde', '4101']) {
    const r = await page(`/portail/communes/${code}`);
    assert.equal(r.status, 404, code);
    assert.match(r.html, /Commune inconnue/);
  }
  assert.equal((await page('/portail/epci/123456789')).status, 404);
  // search by name
  const r = await fetch(server.url + '/portail/communes?code=Ambérieu', { redirect: 'manual' });
  assert.equal(r.headers.get('location'), '/portail/communes/01004');
});

test('aids open in a Loir-et-Cher commune come from the aids simulator', async () => {
  const { status, html } = await page('/portail/communes/41018');
  assert.equal(status, 200);
  const t = plain(html);
  // no DREES row for Blois: said, not invented
  assert.match(t, /Aucune donnée pour l'instant : ni le zonage de l'ARS ni l'APL de la DREES/);
  // Blois is outside the Ain portal's territory, and the page says so
  assert.match(t, /Hors territoire : cette commune n'est pas dans le territoire de ce portail \(Ain\)/);
  // the published Loir-et-Cher schemes for a GP's first liberal installation
  assert.match(t, /Le 41 en bonne santé : aide à l'équipement à la première installation \(Département de Loir-et-Cher\) : montant non publié ou avantage en nature, contre un engagement d'exercer 3 ans/);
  const j = await (await fetch(server.url + '/api/v1/portail/communes/41018')).json();
  const ids = j.aides.map((a) => a.id).sort();
  assert.ok(ids.includes('loir-et-cher-aide-equipement'), ids.join());
  // schemes for students or interns only are not offered to an installing GP
  assert.ok(!ids.includes('loir-et-cher-bourse-internes'), ids.join());
  assert.match(t, /Le simulateur détaillé .* arrive bientôt|Simuler mes aides selon ma situation/);
});

test('simulator: linked and targeted by the widget once this build serves it', async () => {
  const served = (await fetch(server.url + '/aides/simulateur')).status === 200;
  const widget = (await page('/portail/widget')).html;
  const commune = (await page('/portail/communes/01001')).html;
  if (served) {
    assert.match(widget, /<form method="get" action="\/aides\/simulateur" target="_blank">/);
    assert.match(commune, /href="\/aides\/simulateur\?commune=01001"/);
  } else {
    // not on main when this was written: no link to a 404, the absence is said
    assert.doesNotMatch(widget + commune, /\/aides\/simulateur/);
    assert.match(widget, /Le simulateur des aides n'est pas encore disponible/);
    assert.match(plain(commune), /Le simulateur détaillé .* arrive bientôt/);
  }
});

test('EPCI page: its communes with their zone, aggregated access', async () => {
  const { status, html } = await page('/portail/epci/200029999');
  assert.equal(status, 200);
  const t = plain(html);
  assert.match(t, /S'installer dans CC de la Plaine de l'Ain/);
  assert.match(t, /sur 2 communes : 1 sous-dense, 1 intermédiaire ; 806 habitants vivent dans une commune sous-dense/);
  assert.match(html, /href="\/portail\/communes\/01001"/);
  assert.match(html, /href="\/portail\/communes\/01004"/);
  assert.match(t, /Logement Ain Habitat/);
});

test('plan: totals equal the payments the modules logged; links pick real objects', async () => {
  // centre finances (salaries, charges, reimbursements) through the centres API
  let r = await api('POST', `/api/v1/centres/${centreId}/finances`, { month: '2026-03',
    salaries_cents: 500000, charges_cents: 100000, reimbursements_cents: 200000 });
  assert.equal(r.status, 200 <= r.status && r.status < 300 ? r.status : 201, r.text);
  // an allowance paid through the placements API
  const tr = await api('POST', '/api/v1/stages/stagiaires', { first_name: 'Léa', last_name: 'Test',
    school: 'Faculté de Tours', level: 'interne_mg', email: 'lea@exemple.fr' });
  const as = await api('POST', '/api/v1/stages/affectations', { trainee_id: tr.json.id,
    place_id: placeId, start_on: '2026-11-02', end_on: '2027-04-30' });
  assert.equal(as.status, 201, as.text);
  const al = await api('GET', `/api/v1/stages/affectations/${as.json.id}/indemnites`);
  r = await api('POST', `/api/v1/stages/affectations/${as.json.id}/paiements`,
    { dispositif_id: al.json.indemnites[0].dispositif_id, montant_centimes: 25000,
      date_paiement: '2026-11-20' });
  assert.equal(r.status, 201, r.text);
  // a doctor settled, closed in the guichet unique
  r = await api('POST', '/api/v1/dossiers', { prenom: 'Camille', nom: 'Durand',
    email: 'camille@exemple.fr', telephone: '05 55 12 34 56', profession: 'medecin_generaliste',
    statut: 'interne', projet: 'installation', territoire_type: 'commune',
    territoire_nom: 'Ambérieu', territoire_code: '01004', date_souhaitee: '',
    message: '', consentement: true, besoins: ['logement'] });
  assert.equal(r.status, 201, r.text);
  const did = r.json.id;
  await api('POST', `/api/v1/dossiers/${did}/etat`, { etat: 'en_cours', raison: 'appel' });
  r = await api('POST', `/api/v1/dossiers/${did}/etat`, { etat: 'clos', issue: 'installe',
    commune: '01004', date_installation: '2026-09-01', raison: 'Installée' });
  assert.equal(r.status, 200, r.text);

  // an action funding the centre and the placement, plus a manual entry
  r = await admin.post('/plan/actions', { name: 'Centres et stages', objective: '' },
                       { from: '/plan/actions' });
  assert.equal(r.status, 303);
  const id = r.headers.get('location').match(/\/plan\/actions\/(\d+)/)[1];
  const from = `/plan/actions/${id}`;
  const form = await (await admin.get(from)).text();
  assert.match(form, new RegExp(`<option value="centre:${centreId}">Centre de santé du Bugey</option>`));
  assert.match(form, new RegExp(`<option value="stage:${placeId}">MSP de Vendôme</option>`));
  assert.match(form, /<option value="aide:loir-et-cher-aide-equipement">/);
  r = await admin.post(`${from}/liens`, { objet: 'centre:999', label: '' }, { from });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Objet inconnu/);
  for (const objet of [`centre:${centreId}`, `stage:${placeId}`]) {
    r = await admin.post(`${from}/liens`, { objet, label: '' }, { from });
    assert.equal(r.status, 303, objet);
  }
  // a second action linking the same centre: shown in both, counted once
  r = await admin.post('/plan/actions', { name: 'Doublon', objective: '' }, { from: '/plan/actions' });
  const id2 = r.headers.get('location').match(/\/plan\/actions\/(\d+)/)[1];
  await admin.post(`/plan/actions/${id2}/liens`, { objet: `centre:${centreId}`, label: '' },
                   { from: `/plan/actions/${id2}` });
  const actionPage = await (await admin.get(from)).text();
  assert.match(actionPage, new RegExp(`<a href="/centres/${centreId}">Centre de santé du Bugey</a>`));
  assert.match(actionPage, new RegExp(`<a href="/stages/terrains/${placeId}">MSP de Vendôme</a>`));
  r = await admin.post(`${from}/depenses`, { date: '2026-02-01', amount: '50', label: 'Salon' }, { from });
  assert.equal(r.status, 303);

  const paid = {
    centres: Number(sql(`SELECT sum(salaries_cents + charges_cents) FROM centre_finance WHERE centre_id = ${centreId}`)),
    receipts: Number(sql(`SELECT sum(reimbursements_cents) FROM centre_finance WHERE centre_id = ${centreId}`)),
    stages: Number(sql('SELECT sum(amount_cents) FROM allowance_payment')),
    manual: Number(sql('SELECT sum(cents) FROM plan_spending')),
  };
  assert.deepEqual(paid, { centres: 600000, receipts: 200000, stages: 25000, manual: 5000 });
  const j = await (await admin.get('/api/v1/plan')).json();
  assert.equal(j.depense_centimes, paid.centres + paid.stages + paid.manual);
  assert.equal(j.depenses_par_source.centres_centimes, paid.centres);
  assert.equal(j.depenses_par_source.stages_centimes, paid.stages);
  assert.equal(j.depenses_par_source.manuel_centimes, paid.manual);
  assert.equal(j.depenses_par_source.recettes_centres_centimes, paid.receipts);
  assert.equal(j.non_rattache_centimes, 0);
  const a1 = j.actions.find((a) => a.id === Number(id));
  const a2 = j.actions.find((a) => a.id === Number(id2));
  assert.equal(a1.depense_centimes, paid.centres + paid.stages + paid.manual);
  assert.equal(a2.depense_centimes, paid.centres);
  assert.equal(a1.modules.stagiaires, 1);
  assert.equal(j.medecins_installes, 1);
  assert.equal(j.modules.installes_guichet, 1);
  assert.equal(j.cout_par_medecin_centimes, paid.centres + paid.stages + paid.manual);
  const y2026 = j.annees.find((y) => y.annee === 2026);
  assert.equal(y2026.depense_centimes, paid.centres + paid.stages + paid.manual);
  assert.deepEqual(j.acces.map((v) => v.millesime), [2022]);
  assert.equal(j.acces[0].communes_sous_denses, 1);

  const t = plain(await (await admin.get('/plan')).text());
  assert.match(t, /6 300 € dépensés/);
  assert.match(t, /Centres de santé : salaires et charges 6 000 €/);
  assert.match(t, /Indemnités de stage versées 250 €/);
  assert.match(t, /6 300 € dépensés par médecin installé/);
  assert.match(t, /2022 \d+,\d\d 1 sur 3 806/);
});
