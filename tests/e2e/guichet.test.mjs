// tests/e2e/guichet.test.mjs: the guichet unique's whole journey in a real
// browser, with e-mail through a real SMTP server (aiosmtpd) (issue 14):
// a student sends a request → the acknowledgment arrives → she follows its
// link and replies with a document → the agent hands the housing sub-task
// to a partner's contact → the partner answers from the e-mailed link → the
// agent opens a Le Creusot aid application from the dossier → commission →
// convention → the commitment is in the register, linked to the dossier.
// Every page: one <h1>, no serious/critical axe violation, no console
// error, a screenshot; the pages people use on a phone also at 390 px, with
// no horizontal scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../api/lib/server.mjs';
import { startSmtp } from '../api/lib/smtp.mjs';
import { seedAids } from '../api/aid_seed.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let server, smtp;
before(async () => {
  smtp = await startSmtp();
  server = await startServer({ env: { OASIS_NOW: '2026-03-02T09:00:00Z',
    OASIS_SMTP_URL: smtp.url, OASIS_SMTP_FROM: 'guichet@exemple.fr',
    OASIS_GUICHET_EMAIL: 'equipe@exemple.fr' } });
  seedAids(server.dbPath);
});
after(async () => { await server?.stop(); await smtp?.stop(); });

async function check(page, errors, shot) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe`);
  const [scroll, width, wide] = await page.evaluate(() => {
    const w = window.innerWidth;
    // the widest elements past the right edge, outside scrolling regions
    const out = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && !el.closest('.table-wrap'))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
        + `${el.className ? '.' + el.className : ''} (${Math.round(el.getBoundingClientRect().right)})`);
    return [document.documentElement.scrollWidth, w, out];
  });
  assert.ok(scroll <= width, `${shot}: horizontal scroll (${scroll} > ${width}): ${wide.join(', ')}`);
  await screenshot(page, `guichet-${shot}`);
  assert.deepEqual(errors, [], `${shot}: console errors`);
}

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

const PDF = (name) => ({ name, mimeType: 'application/pdf',
                         buffer: Buffer.from(`%PDF-1.4\n% ${name}\n`) });

test('a student\'s request, followed by partners, ends in a signed aid commitment', async () => {
  const phone = await launch(VIEWPORTS.phone);
  const desk = await launch(VIEWPORTS.desktop);
  try {
    // 1. the student sends her request, on her phone
    const student = await phone.context.newPage();
    const sErr = watchErrors(student);
    await student.goto(server.url + '/demande');
    await student.fill('#f-prenom', 'Inès');
    await student.fill('#f-nom', 'Moreau');
    await student.fill('#f-email', 'ines.moreau@exemple.fr');
    await student.selectOption('#f-profession', 'medecin_generaliste');
    await student.selectOption('#f-statut', 'etudiant');
    await student.selectOption('#f-projet', 'stage');
    await student.check('input[name="territoire_type"][value="commune"]');
    await student.fill('#f-territoire_nom', 'Le Creusot');
    await student.fill('#f-territoire_code', '71153');
    await student.check('input[name="besoins"][value="logement"]');
    await student.check('input[name="besoins"][value="aides"]');
    await student.check('#f-consentement');
    await submit(student, student.getByRole('button', { name: 'Envoyer ma demande' }));
    const ref = await student.locator('#reference').innerText();
    assert.match(ref, /^BD-2026-\d{4}$/);
    await check(student, sErr, 'phone-merci');

    // 2. the acknowledgment arrives, with her private link
    const ack = await smtp.waitFor((m) => m.subject === `Votre demande d'accompagnement ${ref}`);
    assert.match(ack.to, /ines\.moreau@exemple\.fr/);
    const followUrl = ack.body.match(new RegExp(`${server.url}/suivi/[0-9a-f]{64}`))[0];

    // 3. she follows it and replies with a document
    await student.goto(followUrl);
    assert.match(await student.locator('main').innerText(), /Votre demande est enregistrée/);
    await check(student, sErr, 'phone-suivi');
    await student.fill('#f-texte', 'Voici mon certificat de scolarité (3e année).');
    await student.setInputFiles('#f-fichier', PDF('certificat.pdf'));
    await submit(student, student.getByRole('button', { name: 'Envoyer' }));
    assert.match(await student.locator('main').innerText(), /votre message est transmis/);
    assert.match(await student.locator('main').innerText(), /certificat\.pdf/);
    await check(student, sErr, 'phone-suivi-envoye');

    // 4. the agent: a partner with a contact, then the dossier
    const agent = await desk.context.newPage();
    const aErr = watchErrors(agent);
    await agent.goto(server.url + '/connexion');
    await agent.fill('#identifiant', server.adminLogin);
    await agent.fill('#mot_de_passe', server.adminPassword);
    await submit(agent, agent.locator('main button[type="submit"]'));
    await agent.goto(server.url + '/accompagnement/partenaires');
    await agent.fill('#f-nom', 'Creusot Habitat');
    await agent.selectOption('#f-type', 'logement');
    await agent.check('input[name="themes"][value="logement"]');
    await agent.fill('#f-territoires', '71');
    await agent.fill('#f-email', 'accueil@creusot-habitat.exemple.fr');
    await submit(agent, agent.getByRole('button', { name: 'Ajouter', exact: true }));
    await agent.fill('#f-contact_nom', 'Paul Girard');
    await agent.fill('#f-contact_email', 'paul.girard@creusot-habitat.exemple.fr');
    await submit(agent, agent.getByRole('button', { name: 'Ajouter le contact' }));
    await agent.goto(server.url + `/accompagnement/dossiers?q=${ref}`);
    await submit(agent, agent.locator('tbody a').first());
    const dossierUrl = agent.url();
    const main = await agent.locator('main').innerText();
    assert.match(main, /Voici mon certificat de scolarité/);
    assert.match(main, /certificat\.pdf/);
    await check(agent, aErr, 'dossier');

    // 5. housing handed to the partner's contact
    const card = (title) => agent.locator('li.card',
      { has: agent.locator('h3', { hasText: new RegExp(`^${title}`) }) });
    const logement = card('Logement');
    await logement.locator('select[name="partenaire"]').selectOption({ label: 'Creusot Habitat' });
    await logement.locator('select[name="contact"]').selectOption({ label: 'Paul Girard (paul.girard@creusot-habitat.exemple.fr)' });
    await logement.locator('input[name="relance"]').fill('2026-03-10');
    await submit(agent, logement.getByRole('button', { name: /Confier/ }));
    assert.match(await card('Logement').locator('.card-meta').innerText(), /Creusot Habitat, relance le 10\/03\/2026/);
    const handoff = await smtp.waitFor((m) => m.subject.includes(`une demande vous est confiée (${ref})`));
    assert.match(handoff.to, /paul\.girard@/);
    assert.doesNotMatch(handoff.body, /Inès|Moreau/);
    const avisUrl = handoff.body.match(new RegExp(`${server.url}/avis/[0-9a-f]{64}`))[0];

    // 6. the partner answers from the e-mailed link, on a phone, no account
    const outside = await launch(VIEWPORTS.phone);
    const partner = await outside.context.newPage();
    const pErr = watchErrors(partner);
    await partner.goto(avisUrl);
    assert.match(await partner.locator('h1').innerText(), /Demande confiée à Creusot Habitat/);
    assert.doesNotMatch(await partner.locator('main').innerText(), /Inès|Moreau|ines\.moreau/);
    await check(partner, pErr, 'phone-avis');
    await partner.selectOption('#f-avis', 'favorable');
    await partner.fill('#f-texte', 'Un T2 meublé est libre rue de la Gare dès avril.');
    await partner.setInputFiles('#f-fichier', PDF('offre-logement.pdf'));
    await submit(partner, partner.getByRole('button', { name: "Envoyer l'avis" }));
    assert.match(await partner.locator('main').innerText(), /votre avis est transmis/);
    await outside.close();
    await smtp.waitFor((m) => m.subject === `Dossier ${ref} : avis « Favorable » de Creusot Habitat (Logement)`);

    // 7. the avis in the dossier; an aid application from it
    await agent.goto(dossierUrl);
    const avis = agent.locator('section', { has: agent.locator('#t-avis') });
    assert.match(await avis.innerText(), /Creusot Habitat — Logement[\s\S]*Favorable[\s\S]*rue de la Gare/);
    await agent.locator('summary', { hasText: "Ouvrir une demande d'aide" }).click();
    const panel = agent.locator('section', { has: agent.locator('#t-demandes-aide') });
    await panel.locator('select[name="aide"]').selectOption('creusot-etudiants');
    assert.equal(await panel.locator('input[name="beneficiaire"]').inputValue(), 'Inès Moreau');
    await panel.locator('input[name="annee"]').fill('3');
    await panel.locator('input[name="pass_las"]').check();
    await submit(agent, panel.getByRole('button', { name: 'Déposer la demande' }));
    assert.match(await agent.locator('h1').innerText(), /Demande d'aide n° \d+ déposée/);
    const applicUrl = agent.url();
    await check(agent, aErr, 'demande-aide');
    // the documents are the ones the scheme's .aid file lists
    assert.match(await agent.locator('main').innerText(),
                 /Certificat de scolarité de l'année en cours/);

    // 8. documents, complete, commission, grant
    for (let i = 0; i < 4; i++) {
      await submit(agent, agent.getByRole('button', { name: /^Reçue ce jour/ }).first());
    }
    await submit(agent, agent.getByRole('button', { name: 'Déclarer la demande complète' }));
    await agent.goto(server.url + '/instruction/commissions');
    await agent.fill('#f-date', '2026-03-16');
    await agent.fill('#f-titre', 'Commission santé du Creusot');
    await submit(agent, agent.getByRole('button', { name: 'Créer la séance' }));
    await check(agent, aErr, 'commission');
    await agent.goto(applicUrl);
    await agent.selectOption('#f-commission', { label: '16/03/2026 — Commission santé du Creusot' });
    await submit(agent, agent.getByRole('button', { name: "Inscrire à l'ordre du jour" }));
    await agent.fill('#f-montant', '10 800');
    await submit(agent, agent.getByRole('button', { name: 'Accorder' }));
    assert.match(await agent.locator('h1').innerText(), /accordée/);
    await agent.getByRole('link', { name: /Lettre de décision/ }).click();
    await agent.waitForLoadState();
    assert.match(await agent.locator('main').innerText(), /décidé de vous accorder l'aide/);
    await check(agent, aErr, 'lettre-decision');
    await agent.goto(applicUrl + '/convention');
    assert.match(await agent.locator('main').innerText(), /Article 2 — Engagements/);
    await check(agent, aErr, 'convention');

    // 9. the convention signed: the commitment in the register
    await agent.goto(applicUrl);
    await agent.fill('#f-signature', '2026-03-20');
    await agent.fill('#f-debut', '2029-11-01');
    await agent.fill('#f-fin', '2034-10-31');
    await submit(agent, agent.getByRole('button', { name: 'Enregistrer la convention signée' }));
    assert.match(await agent.locator('h1').innerText(), /convention signée/);
    assert.match(await agent.locator('main').innerText(), /Échéancier des versements/);
    await check(agent, aErr, 'demande-signee');
    await agent.locator('#lien-engagement').click();
    await agent.waitForLoadState();
    assert.match(await agent.locator('main').innerText(), /Inès Moreau/);
    assert.match(await agent.locator('main').innerText(), /10\s800\s€/);
    // the register's commitment links back to its application and dossier
    assert.equal(await agent.locator(`main a[href="${new URL(applicUrl).pathname}"]`).count(), 1);
    assert.equal(await agent.locator(`main a[href="${new URL(dossierUrl).pathname}"]`).count(), 1);

    // 10. the dossier links to it; and reads on a phone without scrolling
    await agent.goto(dossierUrl);
    const commitLink = agent.locator('#t-demandes-aide').locator('..')
      .locator('a[href^="/aides/engagements/"]');
    assert.equal(await commitLink.count(), 1);
    const phoneAgent = await phone.context.newPage();
    const paErr = watchErrors(phoneAgent);
    await phone.context.addCookies(await desk.context.cookies());
    await phoneAgent.goto(dossierUrl);
    assert.match(await phoneAgent.locator('h1').innerText(), new RegExp(`Dossier ${ref}`));
    await check(phoneAgent, paErr, 'phone-dossier');
    // the other pages of this work, on a phone too
    for (const [p, shot] of [[applicUrl, 'phone-demande-aide'],
                             [applicUrl + '/convention', 'phone-convention'],
                             ['/instruction', 'phone-instruction'],
                             ['/instruction/commissions', 'phone-commissions'],
                             ['/accompagnement', 'phone-accueil-agent'],
                             ['/accompagnement/groupes', 'phone-groupes'],
                             ['/accompagnement/statistiques', 'phone-statistiques']]) {
      await phoneAgent.goto(p.startsWith('/') ? server.url + p : p);
      await check(phoneAgent, paErr, shot);
    }
    await agent.goto(server.url + '/accompagnement/groupes');
    await check(agent, aErr, 'groupes');
    await agent.goto(server.url + '/accompagnement/statistiques');
    assert.match(await agent.locator('main').innerText(), /Délais des partenaires[\s\S]*Creusot Habitat/);
    await check(agent, aErr, 'statistiques');
  } finally {
    await phone.close();
    await desk.close();
  }
});
