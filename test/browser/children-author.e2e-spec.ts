import { Browser, Page } from 'playwright-core';

import {
  describeInBrowser,
  launchChromium,
  screenshotPath,
  seriousAccessibilityViolations,
  signIn,
} from '../support/browser';
import { listen } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';
import { as, assessedCase } from '../support/tgd-journey';

/**
 * Issue #17, children and authors: a coordinator records a child's workshop attendance (refused for
 * the child outside La cabane's 5–10 years) and a referral to the children's judge, the author's
 * first follow-up offered then taken up and an anti-approach bracelet ordered; the TGD conditions
 * of the case then read the bracelet as a ban in force.
 */
describeInBrowser('children and the author’s track in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let kase: { id: string; reference: string };
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    // The lowest level and no measure: the last TGD condition is not met until the bracelet.
    ({ kase } = await assessedCase(t, [], {
      author: { lastName: 'Moreau', livesWithVictim: false, judicialMeasures: [] },
      children: [
        {
          firstName: 'Léa',
          age: 7,
          exposed: true,
          victim: false,
          schoolContact: { name: 'École Jean-Jaurès' },
        },
        { firstName: 'Hugo', age: 12, exposed: true, victim: true },
      ],
    }));
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(page, base, { subject: 'coordinator@FR-82', roles: ['coordinator'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const dialog = () => page.getByRole('dialog');

  it('records a workshop attendance (refused outside 5–10 years) and a referral to the children’s judge', async () => {
    await page.goto(`${base}/cases/${kase.id}`);
    const children = page.getByRole('region', { name: 'Enfants' });
    await children.getByRole('article', { name: 'Léa, 7 ans' }).waitFor();
    await children.getByText('École ou mode de garde : École Jean-Jaurès').waitFor();

    // Hugo is 12: said beside the date, nothing is sent.
    await children
      .getByRole('button', { name: "Enregistrer une présence à l'atelier La cabane pour Hugo" })
      .click();
    await dialog().getByLabel('Présent le').fill(today);
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await dialog()
      .getByText("L'atelier La cabane accueille les enfants de 5 à 10 ans ; cet enfant a 12 ans.")
      .waitFor();
    await dialog().getByRole('button', { name: 'Annuler' }).click();

    await children
      .getByRole('button', { name: "Enregistrer une présence à l'atelier La cabane pour Léa" })
      .click();
    await dialog().getByLabel('Présent le').fill(today);
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    const lea = children.getByRole('article', { name: 'Léa, 7 ans' });
    await lea.getByRole('cell', { name: 'Atelier « La cabane »' }).waitFor();

    await children
      .getByRole('button', { name: 'Enregistrer une saisine du juge des enfants pour Léa' })
      .click();
    // Required fields are said beside them.
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await dialog().getByText('Champ obligatoire.').first().waitFor();
    await dialog().getByLabel('Saisine le').fill(today);
    await dialog().getByLabel('Saisi par').fill('Parquet des mineurs de Montauban');
    await dialog().getByLabel('Référence (tribunal)').fill('TPE 26/0123');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await lea.getByRole('cell', { name: 'Saisine du juge des enfants' }).waitFor();
    await lea
      .getByText(/Saisi le .* par Parquet des mineurs de Montauban · TPE 26\/0123/)
      .waitFor();
    expect(
      await children.getByRole('article', { name: 'Hugo, 12 ans' }).getByRole('row').count(),
    ).toBe(0);

    const stored = await t.http.get(`/api/v1/cases/${kase.id}`).set(await as(t, 'coordinator'));
    expect(stored.body.children[0].followUp).toMatchObject([
      { kind: 'workshop', workshop: 'la_cabane', attendedOn: today },
      { kind: 'childrens_judge', referredOn: today, reference: 'TPE 26/0123' },
    ]);
    expect(stored.body.children[1].followUp).toEqual([]);
  });

  it('edits a school contact in the case form; the children keep their ids and follow-up', async () => {
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL(`${base}/cases/${kase.id}/edit`);
    const hugo = page.getByRole('group', { name: 'Enfant 2', exact: true });
    await hugo.getByLabel('École ou mode de garde').fill('Collège Ingres');
    await hugo.getByLabel("Téléphone de l'école ou du mode de garde").fill('05 63 00 00');
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await hugo
      .getByText('Numéro au format international, par exemple +33612345678.')
      .first()
      .waitFor();
    await hugo.getByLabel("Téléphone de l'école ou du mode de garde").fill('+33563000001');
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await page.waitForURL(`${base}/cases/${kase.id}`);
    const children = page.getByRole('region', { name: 'Enfants' });
    await children
      .getByRole('article', { name: 'Hugo, 12 ans' })
      .getByText('École ou mode de garde : Collège Ingres · +33563000001')
      .waitFor();
    await children
      .getByRole('article', { name: 'Léa, 7 ans' })
      .getByRole('cell', { name: 'Atelier « La cabane »' })
      .waitFor();
    const stored = await t.http.get(`/api/v1/cases/${kase.id}`).set(await as(t, 'coordinator'));
    expect(stored.body.children[0].followUp).toHaveLength(2);
    expect(stored.body.children[1].schoolContact).toEqual({
      name: 'Collège Ingres',
      phone: '+33563000001',
    });
  });

  it('records the authors’ cell offered then taken up and a bracelet; the TGD conditions read it', async () => {
    const conditions = page.getByTestId('tgd-conditions');
    await conditions
      .getByText(
        "Aucune interdiction judiciaire de contact en vigueur, et le danger n'est pas au plus haut niveau.",
      )
      .waitFor();

    const track = page.getByRole('region', { name: "Parcours de l'auteur" });
    await track.getByText('premier suivi non proposé').waitFor();
    await track.getByRole('button', { name: 'Premier suivi proposé' }).click();
    await dialog().getByLabel("Programme auteurs (identifiant de l'annuaire)").fill('Cellule 82');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await dialog()
      .getByText(
        'Identifiant de partenaire en minuscules, chiffres et tirets, par exemple psy-enfance-82.',
      )
      .waitFor();
    await dialog()
      .getByLabel("Programme auteurs (identifiant de l'annuaire)")
      .fill('cellule-auteurs-82');
    await dialog().getByLabel('Proposé le').fill(today);
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await track
      .getByText(/premier suivi proposé le .* \(cellule-auteurs-82\), pas encore accepté/)
      .waitFor();

    await track.getByRole('button', { name: 'Premier suivi accepté' }).click();
    await dialog().getByLabel('Accepté le').fill(today);
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await track.getByText(/accepté le/).waitFor();

    await track.getByRole('button', { name: 'Bracelet anti-rapprochement ordonné' }).click();
    await dialog().getByLabel('Ordonné le').fill(today);
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    const measures = track.getByTestId('author-measures');
    await measures.getByText(/Bracelet anti-rapprochement/).waitFor();
    await measures.getByText('en vigueur', { exact: true }).waitFor();

    // In the history, in French words.
    const history = page.getByTestId('case-history');
    await history.getByText('Cellule auteurs : premier suivi accepté').waitFor();
    await history.getByText('Mesure judiciaire : Bracelet anti-rapprochement').waitFor();
    await history.getByText("Suivi d'un enfant : Saisine du juge des enfants").waitFor();

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The children and the author's track below the case's sticky header.
    await page.locator('#case-panel-children').evaluate((el) => el.scrollIntoView());
    await page.setViewportSize({ width: 1280, height: 1300 });
    await page.screenshot({ path: screenshotPath('console-children.png') });

    // The TGD panel reads the measures in force: the bracelet meets the contact-ban condition.
    await page.reload();
    await page
      .getByTestId('tgd-conditions')
      .getByText(
        'Interdiction judiciaire de contact en vigueur, ou danger imminent au plus haut niveau.',
      )
      .waitFor();
    const stored = await t.http.get(`/api/v1/cases/${kase.id}`).set(await as(t, 'coordinator'));
    expect(stored.body.author).toMatchObject({
      authorsCell: { partnerId: 'cellule-auteurs-82', offeredOn: today, takenUpOn: today },
      judicialMeasures: [{ type: 'anti_approach_bracelet', issuedAt: today }],
    });
  });
});
