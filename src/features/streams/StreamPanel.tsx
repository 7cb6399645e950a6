// Placeholder until the feature lands; replaced by its owner.
export function StreamPanel() {
  return <section aria-label="Stream progress">Stream progress</section>;
}
