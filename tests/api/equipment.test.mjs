// tests/api/equipment.test.mjs: the INSEE BPE health equipment, imported
// with `oasis import equipment`, on the observatory's commune sheet — and
// the sheet's plain statement when no BPE was imported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startObsServer } from './obs_pages_fixture.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let world, dir;
before(async () => {
  world = await startObsServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-bpe-'));
});
after(async () => {
  await world?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sheet = async (code) => {
  const r = await fetch(`${world.server.url}/observatoire/communes/${code}`);
  assert.equal(r.status, 200);
  return r.text();
};

test('commune sheet: health equipment from the BPE, or why there is none', async () => {
  // the public reads why; the command that imports is for the team
  const before = await sheet('01004');
  assert.match(before, /Équipements de santé \(INSEE, BPE\)<\/dt><dd>non importés<\/dd>/);
  assert.doesNotMatch(before, /oasis import|oasis zonage|oasis apl/);

  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, 'NIVGEO,CODGEO,NB_D108,NB_D113\nCOM,01004,1,-2\n');
  let r = spawnSync(BIN, ['import', 'equipment', bad, '--vintage', '2020',
                          '--db', world.server.dbPath], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.csv, ligne 2, colonne 4 \(NB_D113\)/);

  const good = path.join(dir, 'bpe.csv');
  fs.writeFileSync(good, 'NIVGEO,CODGEO,LIBGEO,NB_D108,NB_D113,NB_D307\n' +
                         'COM,01004,Ambérieu-en-Bugey,1,2,5\nCOM,01001,X,0,0,0\n');
  r = spawnSync(BIN, ['import', 'equipment', good, '--vintage', '2020',
                      '--db', world.server.dbPath], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const html = await sheet('01004');
  assert.match(html, /Équipements de santé \(INSEE, BPE 2020\)/);
  assert.match(html, /centre de santé : 1 ; maison de santé pluridisciplinaire : 2 ; pharmacie : 5/);
  assert.match(html, /Fichier : bpe\.csv/);
  assert.match(await sheet('01001'), /aucun centre de santé, maison de santé, pharmacie/);
});
