/** Placeholder, replaced by the screen's own work. */
export default function RequestQueuePage() {
  return <h2>…</h2>;
}
