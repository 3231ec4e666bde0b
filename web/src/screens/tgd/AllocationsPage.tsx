/** Placeholder, replaced by the screen's own work. */
export default function AllocationsPage() {
  return <h2>…</h2>;
}
