/** A text as the file service takes a body: a stream of its UTF-8 bytes, and their length. */
export function textBody(text: string): { body: ReadableStream<Uint8Array>; length: number } {
  return bytesBody(new TextEncoder().encode(text));
}

export function bytesBody(bytes: Uint8Array): { body: ReadableStream<Uint8Array>; length: number } {
  return { body: new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }), length: bytes.byteLength };
}
