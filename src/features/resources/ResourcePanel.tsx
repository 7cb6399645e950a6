// Placeholder until the feature lands; replaced by its owner.
export function ResourcePanel() {
  return <section aria-label="Resource usage">Resource usage</section>;
}
