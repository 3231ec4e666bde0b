/** Placeholder, replaced by the screen's own work: TGD requests awaiting a decision, or undefined. */
export function usePendingRequestCount(enabled: boolean): number | undefined {
  return enabled ? undefined : undefined;
}
