import { consentFor, latestConsent } from '../cases/domain/case-facts';
import type { Address } from '../cases/domain/case-file';
import { ACCENT, INK, MUTED, PdfFrame } from '../common/pdf/pdf-document';
import { PdfStrings, stringsFor } from '../common/pdf/pdf-strings';
import { levelGrounds } from './domain/level-grounds';
import { ReportData } from './dto/recommendation.dto';

/**
 * The report a prosecutor files: the case, the level in force and the rule that decided it, every
 * rule that fired with its weight and reason, the unknown answers, the victim, the children and the
 * author, the measures with their legal basis, the TGD conditions (CPP art. 41-3-1), the history,
 * and a place for the decision and the signature. In the instrument's language throughout.
 */
export function renderReport(data: ReportData): Promise<Buffer> {
  const t = stringsFor(data.assessment.language);
  const { recommendation: rec, assessment, caseFile } = data;
  const result = assessment.result!;
  const pdf = new PdfFrame({
    title: t.reportTitle,
    reference: caseFile.reference,
    jurisdiction: caseFile.jurisdiction,
    generatedAt: new Date(rec.generatedAt),
    strings: t,
  });
  const levelLabel = (id: string) => data.instrument.levels.find((l) => l.id === id)?.label ?? id;
  // The previous assessment may be another instrument's: its level in that instrument's words.
  const previousLevel = (trend: { previousAssessmentId: string; previousLevel: string }) =>
    data.history.find((h) => h.id === trend.previousAssessmentId)?.levelLabel ??
    levelLabel(trend.previousLevel);

  pdf.title(t.reportTitle, t.reportSubtitle);
  pdf.field(t.reference, caseFile.reference);
  pdf.field(t.jurisdiction, caseFile.jurisdiction);
  pdf.field(t.coordinator, caseFile.coordinator);
  pdf.field(t.issued, pdf.dateTime(rec.generatedAt));

  // The level, and first of all why.
  pdf.heading(t.levelHeading, 120);
  pdf.doc.font('Helvetica-Bold').fontSize(16);
  pdf.text(rec.levelLabel, { color: ACCENT, gap: 6 });
  pdf.doc.font('Helvetica').fontSize(10);
  const grounds = levelGrounds(result, data.instrument.levels);
  if (assessment.override) {
    pdf.field(
      t.override,
      `${assessment.override.justification} (${t.overrideBy(assessment.override.byName ?? assessment.override.by, pdf.dateTime(assessment.override.at))})`,
    );
    pdf.field(t.computed, result.levelLabel);
  }
  pdf.doc.font('Helvetica-Bold');
  pdf.text(assessment.override ? t.decisiveComputed : t.decisiveGround, { color: ACCENT });
  pdf.doc.font('Helvetica');
  const decisive = grounds.decisive;
  if (decisive.kind === 'rules') {
    pdf.text(t.forcedBy(decisive.level.label));
    for (const rule of decisive.rules) pdf.bullet(rule.reason, { bold: true, color: ACCENT });
  } else if (decisive.kind === 'points') {
    pdf.text(t.reachedByPoints(decisive.points, decisive.level.label, decisive.threshold));
  } else {
    pdf.text(t.baseLevel(decisive.level.label));
  }
  pdf.doc.y += 4;
  pdf.field(
    t.instrument,
    `${data.instrument.title} — ${result.questionnaire.id} ${result.questionnaire.version} (${result.questionnaire.hash.slice(0, 12)})`,
  );
  if (assessment.submittedAt) pdf.field(t.submitted, pdf.dateTime(assessment.submittedAt));
  pdf.field(t.points, String(result.score));
  if (assessment.trend)
    pdf.field(
      t.trend,
      `${t.direction[assessment.trend.direction]} (${previousLevel(assessment.trend)})`,
    );

  // Every rule that fired, the decisive ones first.
  pdf.heading(t.rulesHeading);
  pdf.text(t.rulesIntro, { color: MUTED, gap: 6 });
  if (grounds.rules.length === 0) pdf.text(t.noneFired);
  const heaviest = Math.max(1, ...grounds.rules.map((r) => r.points));
  for (const rule of grounds.rules) {
    const tags = [
      t.kind[rule.kind],
      ...(rule.minimumLevel ? [t.atLeast(levelLabel(rule.minimumLevel))] : []),
      ...(rule.decisive ? [t.decisiveTag] : []),
    ].join(' — ');
    ruleRow(pdf, rule.reason, tags, rule.points, heaviest, rule.decisive);
  }

  // Unknown answers.
  pdf.heading(t.unknownHeading);
  if (result.unknown.count === 0) pdf.text(t.noUnknown);
  else {
    pdf.text(t.unknownSummary(result.unknown.count, result.unknown.ratio, result.unknown.maxRatio));
    if (result.unknown.incomplete) {
      pdf.doc.font('Helvetica-Bold');
      pdf.text(t.incomplete, { color: ACCENT });
      pdf.doc.font('Helvetica');
    }
    for (const item of result.unknown.items)
      pdf.bullet(
        `${data.instrument.items[item.itemId] ?? item.itemId} — ${t.unknownAnswer[item.answer]}, ${t.unknownTreatment[item.treatment]}`,
      );
  }

  // The victim, the children, the author.
  pdf.heading(t.victimHeading);
  const victim = caseFile.victim;
  const born = victim.dateOfBirth ? ` (${t.bornOn(pdf.date(victim.dateOfBirth))})` : '';
  pdf.field(t.victim, `${[victim.firstName, victim.lastName].filter(Boolean).join(' ')}${born}`);
  pdf.field(t.consentTgd, consentLine(pdf, t, data));
  pdf.field(
    t.children,
    caseFile.children.length === 0
      ? t.noChildren
      : caseFile.children
          .map((c) =>
            t.child(c.firstName, c.age, [
              ...(c.exposed ? [t.childExposed] : []),
              ...(c.victim ? [t.childVictim] : []),
            ]),
          )
          .join('\n'),
  );

  pdf.heading(t.authorHeading);
  const author = caseFile.author;
  const name = [author?.firstName, author?.lastName].filter(Boolean).join(' ');
  pdf.field(t.authorName, name || t.unknownName);
  if (author?.address) pdf.field(t.address, addressLine(author.address));
  pdf.field(
    t.cohabitation,
    t.cohabits[
      author?.livesWithVictim === undefined ? 'unknown' : author.livesWithVictim ? 'yes' : 'no'
    ],
  );
  pdf.field(
    t.weapons,
    (author?.knownWeapons ?? []).map((w) => t.weaponKinds[w] ?? w).join(', ') || t.none,
  );
  pdf.field(
    t.measuresInForce,
    caseFile.measuresInForce
      .map(
        (m) =>
          `${t.measureTypes[m.type] ?? m.type}, ${t.measureDates(pdf.date(m.issuedAt), m.expiresAt && pdf.date(m.expiresAt))}${m.reference ? ` (${m.reference})` : ''}`,
      )
      .join('\n') || t.none,
  );
  if (author?.description) pdf.field(t.description, author.description);

  // Measures and the TGD's legal conditions.
  pdf.heading(t.measuresHeading);
  if (rec.measures.length === 0) pdf.text(t.noMeasure);
  for (const measure of rec.measures) {
    pdf.doc.font('Helvetica-Bold');
    pdf.text(measure.label);
    pdf.doc.font('Helvetica');
    pdf.text(t.legalBasisOf(measure.legalBasis), { color: MUTED, indent: 10 });
    for (const reason of measure.reasons) pdf.text(`– ${reason.reason}`, { indent: 10 });
    pdf.doc.y += 4;
  }

  pdf.heading(t.tgdHeading);
  const bans = caseFile.measuresInForce.map((m) => t.measureTypes[m.type] ?? m.type);
  for (const condition of rec.tgdConditions) {
    const say = t.condition[condition.id] as (status: string, arg: string | string[]) => string;
    const arg = condition.id === 'grave_danger' ? rec.levelLabel : bans;
    const colour =
      condition.status === 'met' ? '#1b5e20' : condition.status === 'not_met' ? ACCENT : MUTED;
    statusRow(pdf, t.status[condition.status], colour, say(condition.status, arg));
  }

  pdf.heading(t.historyHeading);
  if (data.history.length === 0) pdf.text(t.noHistory);
  for (const earlier of data.history) {
    const when = earlier.submittedAt ? pdf.date(earlier.submittedAt) : '—';
    const computed = earlier.computedLevelLabel
      ? ` (${t.computedWas(earlier.computedLevelLabel)})`
      : '';
    pdf.bullet(`${when} — ${earlier.instrumentTitle} — ${earlier.levelLabel}${computed}`);
  }

  // The prosecutor's decision, by hand.
  pdf.heading(t.decisionHeading, 300);
  pdf.checkbox(t.choiceGranted);
  pdf.checkbox(t.choiceRefused);
  pdf.checkbox(t.choiceOther);
  pdf.text(t.grounds, { color: MUTED });
  pdf.writingLines(4);
  pdf.signatureBlock({});

  return pdf.finish();
}

function consentLine(pdf: PdfFrame, t: PdfStrings, data: ReportData): string {
  const victim = data.caseFile.victim;
  const latest = latestConsent(victim, 'tgd_allocation');
  if (!latest) return t.consentNone;
  const how = latest.how ? t.consentMeans[latest.how] : '';
  const when = pdf.dateTime(latest.recordedAt);
  return consentFor(victim, 'tgd_allocation') === 'given'
    ? t.consentGiven(when, how)
    : t.consentRefused(when, how);
}

function addressLine(address: Address): string {
  return [
    address.line1,
    address.line2,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    address.country,
  ]
    .filter(Boolean)
    .join(', ');
}

/** One fired rule: its reason wrapped on the left; its kind, points and a bar on the right. */
function ruleRow(
  pdf: PdfFrame,
  reason: string,
  tags: string,
  points: number,
  heaviest: number,
  decisive: boolean,
): void {
  const { doc } = pdf;
  const reasonWidth = pdf.width * 0.6;
  const right = pdf.left + reasonWidth + 12;
  const rightWidth = pdf.width - reasonWidth - 12;
  doc.font(decisive ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  const rh = pdf.height(reason, reasonWidth);
  doc.font('Helvetica').fontSize(8);
  const th = pdf.height(tags, rightWidth);
  const h = Math.max(rh, th + 12);
  pdf.ensure(h + 6);
  const y = doc.y;
  doc
    .font(decisive ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(9)
    .fillColor(decisive ? ACCENT : INK)
    .text(reason, pdf.left, y, { width: reasonWidth });
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(tags, right, y, { width: rightWidth });
  const barY = y + th + 3;
  const label = pdf.t.pointsShort(points);
  const labelWidth = doc.widthOfString(label) + 4;
  const barWidth = points > 0 ? (points / heaviest) * (rightWidth - labelWidth - 4) : 0;
  if (barWidth > 0) doc.rect(right, barY + 1, barWidth, 6).fill(ACCENT);
  doc
    .fillColor(INK)
    .text(label, right + barWidth + 4, barY, { width: labelWidth + 2, lineBreak: false });
  doc.fontSize(10).font('Helvetica').fillColor(INK);
  doc.x = pdf.left;
  doc.y = y + h + 6;
}

/** A status word in colour, and its sentence wrapped beside it. */
function statusRow(pdf: PdfFrame, status: string, colour: string, sentence: string): void {
  const { doc } = pdf;
  const statusWidth = 80;
  const width = pdf.width - statusWidth - 8;
  doc.font('Helvetica');
  const h = Math.max(pdf.height(sentence, width), 12);
  pdf.ensure(h);
  const y = doc.y;
  doc.font('Helvetica-Bold').fillColor(colour).text(status, pdf.left, y, { width: statusWidth });
  doc
    .font('Helvetica')
    .fillColor(INK)
    .text(sentence, pdf.left + statusWidth + 8, y, { width });
  doc.x = pdf.left;
  doc.y = y + h + 3;
}
