// Lets the event loop run its queued tasks (not only microtasks) before the
// caller goes on. A worker that reads a Blob only receives its bytes while
// its event loop runs, so long synchronous work in between stalls the read;
// awaiting this every few milliseconds keeps the bytes coming. A
// MessageChannel message is a task without setTimeout's clamping (4 ms once
// timeouts nest).
let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node: an open port must not keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const ch = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    ch.port2.postMessage(null);
  });
}
