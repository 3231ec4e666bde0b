import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Browser, Page } from 'playwright-core';

import {
  choose,
  describeInBrowser,
  launchChromium,
  screenshotPath,
  seriousAccessibilityViolations,
  signIn,
  until,
} from '../support/browser';
import { listen } from '../support/sse';
import { newCase, startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tgd-journey';

/**
 * An instrument no code knows: two sections, every item type, one mandatory item, help texts, two
 * languages (one item in French only), and a red flag forcing the highest level. Dropped into a copy
 * of rules/, it must be filled in the console with no change to the code.
 */
const INVENTED = {
  id: 'grille-inventee',
  version: '0.1',
  title: { fr: 'Grille inventée pour le test', en: 'Invented test grid' },
  languages: ['fr', 'en'],
  override: { direction: 'raise_only', minJustificationLength: 20 },
  sections: [
    { id: 'faits', title: { fr: 'Les faits', en: 'The facts' } },
    { id: 'contexte', title: { fr: 'Le contexte', en: 'The context' } },
  ],
  items: [
    {
      id: 'couteau',
      section: 'faits',
      type: 'yes_no',
      red: true,
      text: {
        fr: "L'auteur a-t-il menacé avec un couteau ?",
        en: 'Did the author threaten with a knife?',
      },
      help: {
        fr: 'Y compris tout objet tranchant brandi.',
        en: 'Including any sharp object brandished.',
      },
    },
    {
      id: 'coups',
      section: 'faits',
      type: 'yes_no',
      mandatory: true,
      weight: 2,
      text: { fr: 'Y a-t-il eu des coups ?', en: 'Has there been hitting?' },
    },
    {
      id: 'frequence',
      section: 'faits',
      type: 'single_choice',
      text: { fr: 'À quelle fréquence ?', en: 'How often?' },
      choices: [
        { id: 'rare', label: { fr: 'Rarement', en: 'Rarely' } },
        { id: 'souvent', label: { fr: 'Souvent', en: 'Often' } },
      ],
    },
    {
      id: 'formes',
      section: 'faits',
      type: 'multiple_choice',
      text: { fr: 'Formes des violences', en: 'Forms of violence' },
      choices: [
        { id: 'physiques', label: { fr: 'Physiques', en: 'Physical' } },
        { id: 'verbales', label: { fr: 'Verbales', en: 'Verbal' } },
      ],
    },
    {
      id: 'appels',
      section: 'contexte',
      type: 'number',
      min: 0,
      max: 20,
      text: { fr: "Nombre d'appels à la police", en: 'Number of calls to the police' },
    },
    {
      id: 'dernier_fait',
      section: 'contexte',
      type: 'date',
      text: { fr: 'Date du dernier fait', en: 'Date of the last incident' },
    },
    {
      id: 'remarque',
      section: 'contexte',
      type: 'text',
      maxLength: 200,
      text: { fr: "Remarque de l'intervenant" },
      help: { fr: 'Ce que la grille ne dit pas.' },
    },
  ],
  levels: [
    { id: 'faible', label: { fr: 'Faible', en: 'Low' }, minScore: 0 },
    { id: 'moyen', label: { fr: 'Moyen', en: 'Medium' }, minScore: 3 },
    { id: 'extreme', label: { fr: 'Extrême', en: 'Extreme' }, minScore: 10 },
  ],
  rules: [
    {
      name: 'frequence-souvent',
      conditions: { all: [{ fact: 'frequence', operator: 'equal', value: 'souvent' }] },
      event: { type: 'weight', params: { points: 1, reason: { fr: 'Violences fréquentes.' } } },
    },
    {
      name: 'menace-couteau',
      conditions: { all: [{ fact: 'couteau', operator: 'equal', value: 'yes' }] },
      event: {
        type: 'red-flag',
        params: {
          flag: 'couteau',
          label: { fr: 'Menace au couteau', en: 'Knife threat' },
          reason: { fr: 'Menace au couteau : niveau extrême imposé.' },
          minimumLevel: 'extreme',
        },
      },
    },
  ],
};

const HELP = 'Y compris tout objet tranchant brandi.';

describeInBrowser('the questionnaire in the console, from any definition', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let rules: string;
  let caseId: string;

  const coordinatorPage = async (): Promise<Page> => {
    // A context of its own: another machine, with its own sign-in.
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(page, base, { subject: 'coord-82', roles: ['coordinator'] });
    return page;
  };
  const draft = async (language = 'fr') => {
    const res = await t.http
      .post(`/api/v1/cases/${caseId}/assessments`)
      .set(await as(t, 'coordinator'))
      .send({ questionnaireId: INVENTED.id, language });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const stored = async (id: string) =>
    (await t.http.get(`/api/v1/assessments/${id}`).set(await as(t, 'coordinator'))).body as {
      answers: Record<string, unknown>;
      status: string;
    };
  const saved = (page: Page) =>
    until('the answers saved', async () =>
      /^Enregistré à/.test((await page.getByTestId('save-status').textContent()) ?? ''),
    );
  const focusedInside = (page: Page, selector: string) =>
    page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

  beforeAll(async () => {
    rules = mkdtempSync(join(tmpdir(), 'tgd-rules-'));
    cpSync('rules', rules, { recursive: true });
    writeFileSync(join(rules, 'questionnaires', 'grille-inventee.json'), JSON.stringify(INVENTED));
    t = await startTestApp({ env: { RULES_DIR: rules } });
    base = await listen(t);
    const kase = await t.http
      .post('/api/v1/cases')
      .set(await as(t, 'coordinator'))
      .send(newCase());
    caseId = kase.body.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(rules, { recursive: true, force: true });
  });

  it('fills an instrument the code has never seen; submission names the missing mandatory item, the result the rule that forced the level', async () => {
    const page = await coordinatorPage();
    await page.goto(`${base}/cases/${caseId}`);
    await page.getByRole('button', { name: 'Nouvelle évaluation' }).click();
    // The dialog settles with the focus on its first field, then the list is opened.
    const instrument = page.getByRole('combobox', { name: /^Instrument/ });
    await until('the instrument field focused', () =>
      instrument.evaluate((el) => el === document.activeElement),
    );
    await choose(page, instrument, 'Grille inventée pour le test (0.1)');
    // The victim's language, French, is among the instrument's: chosen for the interview.
    expect(await page.getByRole('combobox', { name: /^Langue de l'entretien/ }).inputValue()).toBe(
      'Français',
    );
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: 'Grille inventée pour le test' }).waitFor();

    // Sections as fieldsets; the help text describes its question; the red and the mandatory marked.
    await page.getByRole('group', { name: 'Les faits' }).waitFor();
    await page.getByRole('group', { name: 'Le contexte' }).waitFor();
    const knife = page.getByRole('radiogroup', { name: /menacé avec un couteau/ });
    expect(await knife.getAttribute('aria-describedby')).toBeTruthy();
    const described = await knife.evaluate((group) =>
      group
        .getAttribute('aria-describedby')!
        .split(' ')
        .filter(Boolean)
        .map((ref) => document.getElementById(ref)?.textContent)
        .join(' '),
    );
    expect(described).toContain(HELP);
    expect(await knife.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await page.getByRole('radiogroup', { name: /Question rouge/ }).count()).toBe(1);
    await page.getByRole('radiogroup', { name: /des coups \? \(obligatoire\)/ }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Every type, the mandatory item left aside.
    await knife.getByRole('radio', { name: 'Oui', exact: true }).check();
    await page
      .getByRole('radiogroup', { name: /fréquence/ })
      .getByRole('radio', { name: 'Souvent' })
      .check();
    await page
      .getByRole('group', { name: /Formes des violences/ })
      .getByRole('checkbox', { name: 'Verbales' })
      .check();
    await page.getByRole('textbox', { name: /Nombre d'appels/ }).fill('3');
    const date = page.getByRole('textbox', { name: /Date du dernier fait/ });
    await date.fill('12/11/2026');
    await date.press('Escape');
    await page.getByRole('checkbox', { name: /Inconnu \/ non demandé — Remarque/ }).check();
    await saved(page);
    await until('every answer on the server', async () => {
      const { answers } = await stored(id);
      return (
        JSON.stringify(answers) ===
        JSON.stringify({
          couteau: 'yes',
          frequence: 'souvent',
          formes: ['verbales'],
          appels: 3,
          dernier_fait: '2026-11-12',
          remarque: 'unknown',
        })
      );
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('console-questionnaire.png'), fullPage: true });

    // Submission: the missing mandatory item listed first, the focus on the list, its link to the field.
    await page.getByRole('button', { name: "Valider l'évaluation" }).click();
    const missing = page.getByTestId('missing-items');
    await missing.waitFor();
    expect((await missing.getByRole('link').allTextContents())[0]).toBe('Y a-t-il eu des coups ?');
    await until('the focus on the list of missing items', () =>
      focusedInside(page, '[data-testid="missing-items"]'),
    );
    await missing.getByRole('link', { name: 'Y a-t-il eu des coups ?' }).click();
    await until('the focus on the mandatory question', () =>
      focusedInside(page, '[data-item="coups"]'),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page
      .getByRole('radiogroup', { name: /des coups/ })
      .getByRole('radio', { name: 'Non', exact: true })
      .check();
    await page.getByRole('button', { name: "Valider l'évaluation" }).click();

    // The result: the forced level, the red flag, the forcing rule first.
    await page.getByRole('heading', { name: 'Niveau de danger' }).waitFor();
    expect(await page.getByTestId('red-flags').textContent()).toContain('Menace au couteau');
    const rows = page.getByTestId('fired-rules').locator('tbody tr');
    expect(await rows.first().getAttribute('data-rule')).toBe('menace-couteau');
    expect(await rows.first().textContent()).toContain('A fixé le niveau');
    expect(await rows.count()).toBe(2);
    expect(await page.locator('[data-rank="2"]').first().textContent()).toBe('Extrême');
    // Top level of a raise-only instrument: nothing to raise.
    await page.getByText('Le niveau calculé est déjà le plus élevé').waitFor();
    expect((await stored(id)).status).toBe('submitted');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('saves as it is typed, and a tab closed right after typing loses nothing: the draft resumes on another machine', async () => {
    const id = await draft('en');
    const page = await coordinatorPage();
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.postData() ?? '');
    });
    await page.goto(`${base}/assessments/${id}`);
    // The assessment's language, and the reference language where a text lacks it.
    const hitting = page.getByRole('radiogroup', { name: /Has there been hitting/ });
    await hitting.waitFor();
    await page.getByRole('textbox', { name: /Remarque de l'intervenant/ }).waitFor();

    // The question's own controls in the questionnaire's language too, the console's in French.
    await hitting.getByRole('radio', { name: 'Unknown / not asked', exact: true }).waitFor();
    await hitting.getByRole('radio', { name: 'Yes', exact: true }).check();
    await saved(page);
    expect(patches).toEqual([JSON.stringify({ answers: { coups: 'yes' } })]);
    await page
      .getByRole('textbox', { name: /Remarque de l'intervenant/ })
      .pressSequentially('Appel de la voisine', { delay: 20 });
    // Typing is debounced: at most one request for the whole text (none unless the machine
    // stalled over 600 ms between two keys), and the last keys still queued when the tab closes.
    expect(patches.length).toBeLessThanOrEqual(2);
    await page.close();

    await until('the typed text on the server', async () => {
      const { answers } = await stored(id);
      return answers.remarque === 'Appel de la voisine' && answers.coups === 'yes';
    });
    const elsewhere = await coordinatorPage();
    await elsewhere.goto(`${base}/assessments/${id}`);
    const again = elsewhere.getByRole('radiogroup', { name: /Has there been hitting/ });
    await again.waitFor();
    expect(await again.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
    expect(
      await elsewhere.getByRole('textbox', { name: /Remarque de l'intervenant/ }).inputValue(),
    ).toBe('Appel de la voisine');
    await elsewhere.context().close();
  });

  it('is filled and submitted with the keyboard alone; the override keeps to the instrument’s direction; the trend shows both assessments', async () => {
    const id = await draft();
    const page = await coordinatorPage();
    await page.goto(`${base}/assessments/${id}`);
    await page.getByRole('heading', { level: 2, name: 'Grille inventée pour le test' }).waitFor();
    const tabTo = async (what: string, selector: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (await focusedInside(page, selector)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    // Into the first radio group: the arrow chooses "Non"; the next group: Space chooses "Oui".
    await tabTo('the knife question', '[data-item="couteau"]');
    await page.keyboard.press('ArrowRight');
    await tabTo('the mandatory question', '[data-item="coups"]');
    await page.keyboard.press('Space');
    await saved(page);
    expect((await stored(id)).answers).toEqual({ couteau: 'no', coups: 'yes' });
    await tabTo('the submit button', '[data-testid="submit-assessment"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Niveau de danger' }).waitFor();
    await until('the focus on the result', () => focusedInside(page, '#level-title'));
    expect(await page.locator('[data-rank="0"]').first().textContent()).toBe('Faible');
    expect(await page.getByTestId('unknown-items').textContent()).toContain('sans réponse');

    // Raise-only: the lower levels are not offered; the justification's minimum is checked.
    await page.getByRole('combobox', { name: /^Niveau retenu par le professionnel/ }).click();
    const offered = await page.getByRole('option').allTextContents();
    expect(offered).toEqual(['Moyen', 'Extrême']);
    await page.getByRole('option', { name: 'Moyen' }).click();
    await page.getByRole('textbox', { name: /^Justification/ }).fill('Trop court');
    await page.getByRole('button', { name: "Enregistrer l'appréciation" }).click();
    await page.getByText('La justification doit compter au moins 20 caractères.').waitFor();
    await page
      .getByRole('textbox', { name: /^Justification/ })
      .fill('Menaces réitérées la veille, la grille ne le reflète pas.');
    await page.getByRole('button', { name: "Enregistrer l'appréciation" }).click();
    await page.getByText(/Niveau porté à « Moyen »/).waitFor();

    // Two submitted assessments of the case: the chart and its table.
    await page.locator('.recharts-wrapper').waitFor();
    const trend = page.getByRole('table', { name: /Niveau retenu à chaque évaluation/ });
    expect(await trend.locator('tbody tr').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: screenshotPath('console-assessment-result.png'),
      fullPage: true,
    });

    // The case lists both, the override said.
    await page.getByRole('link', { name: /Retour au dossier/ }).click();
    const list = page.getByTestId('case-assessments');
    await list.waitFor();
    expect(await list.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await list.locator(`[data-assessment="${id}"]`).textContent()).toContain(
      'Oui, par appréciation professionnelle',
    );
    await page.context().close();
  });
});
