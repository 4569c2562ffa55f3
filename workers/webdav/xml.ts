import { SaxesParser } from "saxes";
import { badRequest } from "../http/errors";

export const DAV_NS = "DAV:";
export const OC_NS = "http://owncloud.org/ns";
export const NC_NS = "http://nextcloud.org/ns";

export interface XmlElement {
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * Parses a request body strictly, with namespaces: malformed XML, an undeclared prefix or an
 * undeclared-by-empty prefix (`xmlns:a=""`) is a 400, never a guess.
 */
export function parseXml(body: string): XmlElement | null {
  if (body.trim() === "") return null;
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | undefined;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (typeof attr === "object" && attr.prefix !== "xmlns" && attr.name !== "xmlns") attrs[attr.uri ? `{${attr.uri}}${attr.local}` : attr.local] = attr.value;
    }
    const element: XmlElement = { ns: tag.uri ?? "", local: tag.local ?? tag.name, attrs, children: [], text: "" };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on("text", (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on("cdata", (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(body).close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure || !root) throw badRequest(`Malformed XML body: ${failure?.message ?? "no root element"}`, "invalid_xml");
  return root;
}

export const child = (element: XmlElement | null | undefined, ns: string, local: string) =>
  element?.children.find((c) => c.ns === ns && c.local === local);

const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" };
const SPECIAL = /[<>&"]/;

export function escapeXml(text: string): string {
  // Most names and values have nothing to escape; listings call this thousands of times.
  return SPECIAL.test(text) ? text.replace(/[<>&"]/g, (ch) => ENTITIES[ch]!) : text;
}

/** An element and its content as standalone XML: each element declares its own default namespace. */
export function serializeElement(element: XmlElement): string {
  const attrs = Object.entries(element.attrs)
    .filter(([name]) => !name.startsWith("{"))
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join("");
  return `<${element.local} xmlns="${escapeXml(element.ns)}"${attrs}>${serializeContent(element)}</${element.local}>`;
}

/** What is inside an element (text and child elements), as XML. */
export function serializeContent(element: XmlElement): string {
  return element.children.length ? element.children.map(serializeElement).join("") : escapeXml(element.text);
}
