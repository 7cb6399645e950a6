// "Open a sample": loads the built-in sample histories.
import { loadSamples } from './loadController.ts';

export function SampleButton({ className }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => void loadSamples()}>
      Open a sample
    </button>
  );
}
