/** A picture's size in pixels from its header (PNG, GIF, JPEG), or null when it cannot be told. */
export function imageSize(bytes: Uint8Array, mime: string): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === "image/png" && bytes.length >= 24) return positive(view.getUint32(16), view.getUint32(20));
  if (mime === "image/gif" && bytes.length >= 10) return positive(view.getUint16(6, true), view.getUint16(8, true));
  if (mime === "image/jpeg") return jpegSize(view);
  return null;
}

const positive = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null);

/** Walks JPEG segments to the frame header (SOFn), which holds the size. */
function jpegSize(view: DataView): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < view.byteLength) {
    if (view.getUint8(at) !== 0xff) return null;
    const marker = view.getUint8(at + 1);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return positive(view.getUint16(at + 7), view.getUint16(at + 5));
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}
