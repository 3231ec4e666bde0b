import type { Schemas } from '../../api/client';

/** Placeholder, replaced by the screen's own work. */
export function CaseObligations({ caseFile }: { caseFile: Schemas['CaseDto'] }) {
  return <p data-case={caseFile.id}>…</p>;
}
