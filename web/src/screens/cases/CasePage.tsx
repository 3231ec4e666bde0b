/** Placeholder, replaced by the screen's own work. */
export default function CasePage() {
  return <h2>…</h2>;
}
