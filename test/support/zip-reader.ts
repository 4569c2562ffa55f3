/**
 * A small zip reader for tests: the central directory (zip64 included), each entry's local header,
 * and its bytes checked against the CRC-32 the archive gives. Stored entries only, which is what
 * the server writes; anything else fails the test.
 */
export interface ZipEntry {
  name: string;
  isFolder: boolean;
  bytes: Uint8Array;
  /** Flag bit 11: the name is UTF-8. */
  utf8: boolean;
  lastModified: Date;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dosDate(date: number, time: number): Date {
  return new Date((date >> 9) + 1980, ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2);
}

export function readZip(archive: Uint8Array): ZipEntry[] {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  let eocd = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("no end of central directory");
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  // Zip64: the locator sits just before the classic record and points at the zip64 one.
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const at = Number(view.getBigUint64(eocd - 12, true));
    if (view.getUint32(at, true) !== 0x06064b50) throw new Error("bad zip64 end of central directory");
    count = Number(view.getBigUint64(at + 32, true));
    cdOffset = Number(view.getBigUint64(at + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let local = view.getUint32(p + 42, true);
    const name = decoder.decode(archive.subarray(p + 46, p + 46 + nameLength));
    // Zip64 extra field: the 64-bit values, in order, for those the record marks 0xffffffff.
    for (let e = p + 46 + nameLength; e < p + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(q, true));
          q += 16; // uncompressed, then compressed
        }
        if (local === 0xffffffff) local = Number(view.getBigUint64(q, true));
      }
      e += 4 + length;
    }
    if (method !== 0) throw new Error(`${name}: compression method ${method}, expected stored`);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const localName = decoder.decode(archive.subarray(local + 30, local + 30 + view.getUint16(local + 26, true)));
    if (localName !== name) throw new Error(`${name}: the local header names ${localName}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const bytes = archive.slice(start, start + size);
    if (crc32(bytes) !== crc) throw new Error(`${name}: CRC mismatch`);
    entries.push({ name, isFolder: name.endsWith("/"), bytes, utf8: (flags & 0x800) !== 0, lastModified: dosDate(date, time) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
