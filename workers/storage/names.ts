import { badRequest } from "../http/errors";

const MAX_NAME_BYTES = 255;
const encoder = new TextEncoder();

/** Why a name is refused, or null: no slash, no NUL or control characters, not "." or "..", at most 255 bytes. */
export function nameProblem(name: string): string | null {
  if (name === "") return "a name cannot be empty";
  if (name === "." || name === "..") return `"${name}" is not a file name`;
  if (name.includes("/")) return "a name cannot contain /";
  // Control characters break clients and file systems alike.
  if (/[\u0000-\u001f\u007f]/.test(name)) return "a name cannot contain control characters";
  if (encoder.encode(name).byteLength > MAX_NAME_BYTES) return `a name has at most ${MAX_NAME_BYTES} bytes`;
  return null;
}

export function assertValidName(name: string): void {
  const problem = nameProblem(name);
  if (problem) throw badRequest(problem, "invalid_name");
}

/** Splits a decoded path into names, ignoring empty segments (clients send `//`), refusing bad ones. */
export function splitPath(path: string): string[] {
  const segments = path.split("/").filter((s) => s !== "");
  for (const segment of segments) assertValidName(segment);
  return segments;
}

/** The n-th name for a taken one, as Nextcloud keeps both: "rapport.pdf" → "rapport (2).pdf", "Photos" → "Photos (2)". */
export function numberedName(name: string, n: number, isFolder = false): string {
  const dot = isFolder ? -1 : name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
