// Placeholder until the feature lands; replaced by its owner.
export function StepOutline() {
  return <section aria-label="Outline">Outline</section>;
}
