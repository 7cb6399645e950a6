// Placeholder until the feature lands; replaced by its owner.
export function TreeView() {
  return <section aria-label="Tree view">Tree view</section>;
}
