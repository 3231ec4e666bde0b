import { ACCENT, PdfFrame } from '../common/pdf/pdf-document';
import { stringsFor } from '../common/pdf/pdf-strings';

/** What the prosecutor's decision on a TGD request prints. */
export interface DecisionData {
  language: string;
  caseReference: string;
  jurisdiction: string;
  filedAt: Date;
  /** Who filed the request: a name when known, else the subject. */
  filedBy: string;
  consentRecordedAt: Date;
  approved: boolean;
  decidedAt: Date;
  /** The prosecutor who decided: a name when known, else the subject. */
  decidedBy: string;
  reasons: string;
  /** For an approval: the allocation it opened. */
  allocation: { startsAt: Date; endsAt: Date; months: number } | null;
  assessment: { levelLabel: string; submittedAt: Date | null };
  generatedAt: Date;
}

/**
 * The prosecutor's decision on a request for a Grave Danger Phone (CPP art. 41-3-1), ready to sign:
 * the parquet and the case, the legal basis, the decision and its reasons verbatim, for an approval
 * the period and the conditions of the device, the level the request rests on, and the signature.
 */
export function renderDecision(data: DecisionData): Promise<Buffer> {
  const t = stringsFor(data.language);
  const pdf = new PdfFrame({
    title: t.decisionTitle,
    reference: data.caseReference,
    jurisdiction: data.jurisdiction,
    generatedAt: data.generatedAt,
    strings: t,
  });
  const { doc } = pdf;

  doc.font('Helvetica-Bold').fontSize(11);
  pdf.text(t.parquet);
  doc.font('Helvetica').fontSize(10);
  pdf.text(t.court(data.jurisdiction), { gap: 10 });
  pdf.field(t.reference, data.caseReference);
  pdf.field(t.requestFiled, `${pdf.dateTime(data.filedAt)} ${t.filedBy} ${data.filedBy}`);
  pdf.field(t.decidedOn, `${pdf.dateTime(data.decidedAt)} ${t.filedBy} ${data.decidedBy}`);
  pdf.field(
    t.levelInForce,
    data.assessment.submittedAt
      ? `${data.assessment.levelLabel} (${t.levelOf(pdf.date(data.assessment.submittedAt))})`
      : data.assessment.levelLabel,
  );
  doc.y += 12;

  doc.font('Helvetica-Bold').fontSize(14);
  pdf.text(t.decisionTitle, { gap: 10 });
  doc.font('Helvetica').fontSize(10);

  doc.font('Helvetica-Bold');
  pdf.text(t.legalBasisHeading);
  doc.font('Helvetica');
  pdf.text(t.legalBasisText, { indent: 14, gap: 4 });
  if (data.assessment.submittedAt)
    pdf.text(t.assessmentSeen(data.assessment.levelLabel, pdf.date(data.assessment.submittedAt)), {
      indent: 14,
      gap: 4,
    });
  pdf.text(t.consentSeen(pdf.dateTime(data.consentRecordedAt)), { indent: 14, gap: 10 });

  doc.font('Helvetica-Bold').fontSize(12);
  pdf.text(t.decides, { gap: 6 });
  pdf.text(data.approved ? t.granted : t.refused, { color: ACCENT, gap: 6 });
  doc.font('Helvetica').fontSize(10);

  pdf.heading(t.reasonsHeading);
  pdf.text(data.reasons);

  if (data.approved && data.allocation) {
    pdf.heading(t.periodHeading);
    pdf.text(
      t.period(
        pdf.date(data.allocation.startsAt),
        pdf.date(data.allocation.endsAt),
        data.allocation.months,
      ),
    );
    pdf.heading(t.conditionsHeading);
    for (const condition of t.conditions) pdf.bullet(condition);
  }

  pdf.signatureBlock({ date: pdf.date(data.decidedAt) });
  return pdf.finish();
}
