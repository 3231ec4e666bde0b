import PDFDocument from 'pdfkit';

import { ReportData } from './dto/recommendation.dto';

const LABELS = {
  fr: {
    title: 'Évaluation du danger — rapport au procureur de la République',
    confidential:
      'Document confidentiel — données personnelles sensibles (RGPD art. 9 et 10). Ne pas diffuser.',
    case: 'Dossier',
    victim: 'Victime',
    children: 'Enfants',
    author: 'Auteur',
    inForce: 'Mesures judiciaires en vigueur',
    none: 'aucune',
    level: 'Niveau de danger retenu',
    computed: 'Niveau calculé par la grille',
    override: 'Jugement professionnel',
    instrument: 'Instrument',
    score: 'Score',
    incomplete: 'Évaluation incomplète : réponses inconnues',
    trend: 'Évolution depuis la précédente évaluation',
    redFlags: 'Signaux rouges',
    weights: 'Poids des facteurs',
    measures: 'Mesures recommandées',
    legalBasis: 'Base légale',
    tgd: 'Conditions légales du TGD (CPP art. 41-3-1)',
    history: 'Évaluations précédentes',
    noHistory: 'Aucune évaluation précédente.',
    generated: 'Établi le',
    coordinator: 'Coordinateur',
    status: { met: 'remplie', not_met: 'non remplie', unknown: 'à établir' },
    direction: { up: 'en hausse', same: 'stable', down: 'en baisse' },
  },
  en: {
    title: 'Danger assessment — report to the public prosecutor',
    confidential:
      'Confidential — special-category personal data (GDPR art. 9 and 10). Do not circulate.',
    case: 'Case',
    victim: 'Victim',
    children: 'Children',
    author: 'Author',
    inForce: 'Judicial measures in force',
    none: 'none',
    level: 'Danger level in force',
    computed: 'Level computed by the instrument',
    override: 'Professional judgement',
    instrument: 'Instrument',
    score: 'Score',
    incomplete: 'Incomplete assessment: unknown answers',
    trend: 'Trend since the previous assessment',
    redFlags: 'Red flags',
    weights: 'Weight of the factors',
    measures: 'Recommended measures',
    legalBasis: 'Legal basis',
    tgd: 'Legal conditions of the Grave Danger Phone (CPP art. 41-3-1)',
    history: 'Previous assessments',
    noHistory: 'No previous assessment.',
    generated: 'Issued on',
    coordinator: 'Coordinator',
    status: { met: 'met', not_met: 'not met', unknown: 'to be established' },
    direction: { up: 'up', same: 'same', down: 'down' },
  },
};

const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#8b1a1a';
const MARGIN = 50;

/**
 * The printable report for the prosecutor: case summary, level in force beside the computed one,
 * red flags, a bar chart of the weights of the factors, the measures with reasons and legal basis,
 * the TGD conditions, and the history of assessments. pdfkit, vector only, standard fonts.
 */
export function renderReport(data: ReportData): Promise<Buffer> {
  const t = data.assessment.language === 'fr' ? LABELS.fr : LABELS.en;
  const { recommendation: rec, assessment, caseFile } = data;
  const result = assessment.result!;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `${t.title} — ${caseFile.reference}`,
      Author: 'TGD engine',
      Subject: caseFile.reference,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc
      .moveDown(0.8)
      .fillColor(ACCENT)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(text)
      .moveDown(0.3);
    doc.fillColor(INK).font('Helvetica').fontSize(10);
  };
  const field = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .text(`${label} : `, { continued: true })
      .font('Helvetica')
      .text(value);

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(15).text(t.title);
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(t.confidential).moveDown(0.5);
  doc.fontSize(10).fillColor(INK);
  field(t.case, `${caseFile.reference} (${caseFile.jurisdiction})`);
  field(t.generated, rec.generatedAt.replace('T', ' ').slice(0, 16) + ' UTC');
  field(t.coordinator, caseFile.coordinatorId);

  heading(t.case);
  field(t.victim, caseFile.victimName);
  field(t.children, caseFile.childrenLine);
  field(t.author, caseFile.authorDescription ?? '—');
  field(t.inForce, caseFile.measuresInForce.join(', ') || t.none);

  heading(t.level);
  doc.font('Helvetica-Bold').fontSize(16).fillColor(ACCENT).text(rec.levelLabel);
  doc.font('Helvetica').fontSize(10).fillColor(INK);
  field(t.computed, `${result.levelLabel} (${rec.computedLevel})`);
  if (assessment.override) {
    field(t.override, `${assessment.override.levelLabel} — ${assessment.override.justification}`);
  }
  field(
    t.instrument,
    `${result.questionnaire.id} ${result.questionnaire.version} (${result.questionnaire.hash.slice(0, 12)})`,
  );
  field(t.score, String(result.score));
  if (result.unknown.incomplete) field(t.incomplete, String(result.unknown.count));
  if (assessment.trend) {
    field(
      t.trend,
      `${t.direction[assessment.trend.direction]} (${assessment.trend.previousLevel})`,
    );
  }

  heading(t.redFlags);
  if (result.redFlags.length === 0) doc.text(t.none);
  for (const flag of result.redFlags) doc.fillColor(ACCENT).text(`• ${flag.label}`).fillColor(INK);

  heading(t.weights);
  const weighted = result.firedRules.filter((rule) => rule.points > 0);
  if (weighted.length === 0) doc.text(t.none);
  drawWeights(doc, weighted, width);

  heading(t.measures);
  for (const measure of rec.measures) {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.font('Helvetica-Bold').text(measure.label);
    doc
      .font('Helvetica')
      .fillColor(MUTED)
      .text(`${t.legalBasis} : ${measure.legalBasis}`)
      .fillColor(INK);
    for (const reason of measure.reasons) doc.text(`– ${reason.reason}`, { indent: 10 });
    doc.moveDown(0.3);
  }

  heading(t.tgd);
  for (const condition of rec.tgdConditions) {
    const colour =
      condition.status === 'met' ? '#1b5e20' : condition.status === 'not_met' ? ACCENT : MUTED;
    doc
      .fillColor(colour)
      .font('Helvetica-Bold')
      .text(`${t.status[condition.status as keyof typeof t.status]} : `, { continued: true });
    doc.fillColor(INK).font('Helvetica').text(condition.detail);
  }

  heading(t.history);
  if (data.earlier.length === 0) doc.text(t.noHistory);
  for (const earlier of data.earlier) {
    const when = earlier.submittedAt
      ? new Date(earlier.submittedAt).toISOString().slice(0, 10)
      : '—';
    const computed = earlier.computedLevel !== earlier.level ? ` (${earlier.computedLevel})` : '';
    doc.text(`${when} — ${earlier.questionnaire.id} — ${earlier.levelLabel}${computed}`);
  }

  doc.end();
  return done;
}

/** Horizontal bars, one per factor that weighed, scaled to the heaviest. */
function drawWeights(
  doc: PDFKit.PDFDocument,
  rules: Array<{ reason: string; points: number }>,
  width: number,
): void {
  const labelWidth = width * 0.62;
  const barArea = width - labelWidth - 30;
  const max = Math.max(1, ...rules.map((r) => r.points));
  for (const rule of rules) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    const label = rule.reason.length > 90 ? `${rule.reason.slice(0, 87)}…` : rule.reason;
    doc
      .fontSize(8)
      .fillColor(INK)
      .text(label, MARGIN, y, { width: labelWidth, height: 20, ellipsis: true });
    const barWidth = (rule.points / max) * barArea;
    doc.rect(MARGIN + labelWidth + 5, y + 1, barWidth, 8).fill(ACCENT);
    doc
      .fillColor(INK)
      .text(String(rule.points), MARGIN + labelWidth + 10 + barWidth, y, { lineBreak: false });
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, y + 12);
  }
  doc.fontSize(10);
}
