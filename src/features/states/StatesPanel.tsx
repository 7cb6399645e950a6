// Placeholder until the feature lands; replaced by its owner.
export function StatesPanel() {
  return <section aria-label="States">States</section>;
}
