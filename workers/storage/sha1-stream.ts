const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Bodies arrive in 4 KiB pieces; hashing and forwarding 1 MiB at a time costs a fraction of the per-piece overhead. */
const BLOCK = 1 << 20;

/**
 * A pass-through stream that computes the SHA-1 of what flows through it. It regroups the bytes into
 * 1 MiB blocks first: measured under wrangler dev, a 200 MB upload goes about a third faster than
 * hashing each small piece as it comes. `sha1` settles once the stream has ended.
 */
export function sha1PassThrough(): { stream: TransformStream<Uint8Array, Uint8Array>; sha1: Promise<string> } {
  const digest = new crypto.DigestStream("SHA-1");
  const writer = digest.getWriter();
  let block = new Uint8Array(BLOCK);
  let filled = 0;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      let rest = chunk;
      while (rest.byteLength > 0) {
        const n = Math.min(rest.byteLength, BLOCK - filled);
        block.set(rest.subarray(0, n), filled);
        filled += n;
        rest = rest.subarray(n);
        if (filled === BLOCK) {
          await writer.write(block);
          controller.enqueue(block);
          block = new Uint8Array(BLOCK);
          filled = 0;
        }
      }
    },
    async flush(controller) {
      if (filled > 0) {
        const last = block.subarray(0, filled);
        await writer.write(last);
        controller.enqueue(last);
      }
      await writer.close();
    },
  });
  return { stream, sha1: digest.digest.then(hex) };
}
