import { MUTED, PdfFrame } from '../common/pdf/pdf-document';
import { stringsFor } from '../common/pdf/pdf-strings';
import { ConcertationMeeting } from './concertation-meeting.entity';
import { ActionStatus, AgendaReason, Decision, MeetingKind } from './domain/concertation';
import { ActionDto } from './dto/concertation.dto';

const KINDS: Record<MeetingKind, string> = {
  concertation_cell: 'Cellule de concertation',
  partners_platform: 'Plate-forme partenariale trimestrielle',
  risk_meeting: "Réunion d'évaluation des risques (type MARAC)",
};
const REASONS: Record<AgendaReason, string> = {
  highest_level: 'niveau de danger parmi les deux plus élevés',
  repeat: 'victime déjà connue dans les 12 derniers mois',
  added: 'ajouté par la coordination',
};
/** After an action's words: done, or cancelled by the case's closure; nothing while open. */
const ACTION_MARKS: Record<ActionStatus, string> = {
  open: '',
  done: ' (faite)',
  cancelled: ' (annulée : dossier clôturé)',
};

export interface MinutesInput {
  meeting: ConcertationMeeting;
  decisions: Decision[];
  actions: ActionDto[];
  generatedAt: Date;
}

/**
 * The minutes of a concertation meeting, in French, in the frame of the printed documents (page
 * numbers, confidentiality footer): network, date, kind, attendees, the agenda by pseudonymous
 * reference with its decisions and actions (partner, deadline). Never the victim's identity.
 */
export function renderMinutes(input: MinutesInput): Promise<Buffer> {
  const { meeting, decisions, actions } = input;
  const base = stringsFor('fr');
  const frame = new PdfFrame({
    title: 'Compte rendu de réunion de concertation',
    reference: meeting.id.slice(0, 8).toUpperCase(),
    jurisdiction: meeting.jurisdiction,
    generatedAt: input.generatedAt,
    strings: { ...base, caseRef: (reference: string) => `Réunion ${reference}` },
  });
  frame.title('Compte rendu de réunion de concertation', meeting.networkName);
  frame.field('Réseau', meeting.networkName);
  frame.field('Date', frame.dateTime(meeting.scheduledAt));
  frame.field('Type de réunion', KINDS[meeting.kind]);
  frame.field('Ressort', meeting.jurisdiction);
  frame.field('Coordination', meeting.coordinatorName ?? meeting.coordinatorId);

  frame.heading('Participants');
  if (meeting.participants.length === 0) frame.text('Aucun partenaire invité.', { color: MUTED });
  for (const p of meeting.participants)
    frame.bullet(
      `${p.partnerName} — ${p.attended === true ? 'présent' : p.attended === false ? 'absent' : 'présence non relevée'}`,
    );

  frame.heading('Ordre du jour, décisions et actions');
  if (meeting.agenda.length === 0) frame.text('Aucun dossier à l’ordre du jour.', { color: MUTED });
  meeting.agenda.forEach((item, i) => {
    frame.doc.font('Helvetica-Bold');
    frame.text(`${i + 1}. Dossier ${item.reference}`);
    frame.doc.font('Helvetica');
    frame.text(
      `Niveau : ${item.levelLabel ?? 'non évalué'} — Réitération : ${item.repeat ? 'oui' : 'non'} — Motif : ${item.reasons.map((r) => REASONS[r]).join(', ') || '—'}`,
      { indent: 14, color: MUTED },
    );
    const itsDecisions = decisions.filter((d) => d.caseId === item.caseId);
    const itsActions = actions.filter((a) => a.caseId === item.caseId);
    if (itsDecisions.length === 0 && itsActions.length === 0)
      frame.text('Ni décision ni action.', { indent: 14, color: MUTED });
    for (const d of itsDecisions) frame.text(`Décision : ${d.text}`, { indent: 14 });
    for (const a of itsActions)
      frame.text(
        `Action confiée à ${a.partnerName}, échéance le ${frame.date(a.dueAt)} : ${a.description}${ACTION_MARKS[a.status]}`,
        { indent: 14 },
      );
    frame.doc.y += 4;
  });
  return frame.finish();
}
