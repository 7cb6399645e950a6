// Placeholder until the feature lands; replaced by its owner.
export function RunSummaryPanel() {
  return <section aria-label="Run summary">Run summary</section>;
}
