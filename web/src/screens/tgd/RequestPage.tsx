/** Placeholder, replaced by the screen's own work. */
export default function RequestPage() {
  return <h2>…</h2>;
}
