/** Placeholder, replaced by the screen's own work. */
export default function WorklistPage() {
  return <h2>…</h2>;
}
