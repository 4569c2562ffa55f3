import { Buffer } from "node:buffer";
import mammoth from "mammoth";
import { ApiError } from "../../../workers/http/errors";

/** A picture found in the Word file, waiting to be saved beside the new document. */
export interface ImportedImage {
  /** What the HTML's `<img src>` says until the picture has its place. */
  placeholder: string;
  contentType: string;
  bytes: Uint8Array;
}

export const PLACEHOLDER_PREFIX = "cumulus-import-image:";

export const unreadableDocx = () => new ApiError(422, "invalid_docx", "This file could not be read as a Word document (.docx)");

/**
 * A .docx as plain HTML (mammoth maps Word's styles to headings, lists, tables and marks), with its
 * pictures set aside. Mammoth's Node build reads a Buffer and its browser build an ArrayBuffer: both
 * are given, so it works whichever the bundler picks.
 */
export async function docxToHtml(bytes: ArrayBuffer): Promise<{ html: string; images: ImportedImage[] }> {
  const images: ImportedImage[] = [];
  const convertImage = mammoth.images.imgElement(async (image) => {
    const placeholder = `${PLACEHOLDER_PREFIX}${images.length}`;
    images.push({ placeholder, contentType: image.contentType, bytes: new Uint8Array(await image.readAsArrayBuffer()) });
    return { src: placeholder };
  });
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes), arrayBuffer: bytes }, { convertImage, externalFileAccess: false });
    return { html: result.value, images };
  } catch {
    // Not a zip, or a zip without a Word document inside: the user's file, not our fault.
    throw unreadableDocx();
  }
}
