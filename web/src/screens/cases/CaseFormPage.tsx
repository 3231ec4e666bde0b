/** Placeholder, replaced by the screen's own work. */
export default function CaseFormPage() {
  return <h2>…</h2>;
}
