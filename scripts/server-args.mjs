// The Node flags the production server runs with (npm start, the bench, the chaos test). V8 grows its heap
// lazily up to a limit sized from the machine's memory (gigabytes here): under a burst of page renders the
// server's RSS climbed past 500 MB though the live data is a fraction of it. A cap makes it collect sooner;
// the bench measured the same throughput with 256 MB and a peak RSS of 222 MB. Buffers (uploads, media
// downloads) live outside this heap.
export const DEFAULT_HEAP_MB = 320;

export function serverNodeArgs(env = process.env) {
  const mb = Number(env.CHARLA_HEAP_MB);
  return [`--max-old-space-size=${Number.isInteger(mb) && mb >= 64 ? mb : DEFAULT_HEAP_MB}`];
}
