/** Placeholder, replaced by the screen's own work. */
export default function AssessmentPage() {
  return <h2>…</h2>;
}
