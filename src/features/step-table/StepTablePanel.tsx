// Placeholder until the feature lands; replaced by its owner.
export function StepTablePanel() {
  return <section aria-label="Steps">Steps</section>;
}
