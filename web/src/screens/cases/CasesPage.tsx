/** Placeholder, replaced by the screen's own work. */
export default function CasesPage() {
  return <h2>…</h2>;
}
