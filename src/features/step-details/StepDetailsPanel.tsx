// Placeholder until the feature lands; replaced by its owner.
export function StepDetailsPanel() {
  return <section aria-label="Step details">Step details</section>;
}
