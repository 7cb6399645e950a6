// Keeps a canvas's backing store the size of the element it fills, in device
// pixels: measured now, then on every resize of that element. Used by the
// tree drawing and the timeline; `onSize` gets the CSS size and the ratio.

export function watchCanvasSize(
  stage: HTMLElement,
  canvas: HTMLCanvasElement,
  onSize: (width: number, height: number, dpr: number) => void,
): () => void {
  const resize = (width: number, height: number) => {
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    onSize(width, height, dpr);
  };
  const rect = stage.getBoundingClientRect();
  resize(rect.width, rect.height);
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver((entries) => {
          const box = entries[entries.length - 1]?.contentRect;
          if (box) resize(box.width, box.height);
        })
      : null;
  observer?.observe(stage);
  return () => observer?.disconnect();
}
