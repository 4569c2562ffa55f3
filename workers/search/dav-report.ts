import { ApiError, badRequest, notFound } from "../http/errors";
import type { Dav } from "../webdav/context";
import { multistatus } from "../webdav/multistatus";
import { readPropSelection } from "../webdav/prop-request";
import { renderNodes } from "../webdav/render-nodes";
import { OC_NS, child, parseXml } from "../webdav/xml";
import type { Filter } from "./filter";
import { searchTree } from "./service";

/**
 * REPORT `oc:filter-files` on a folder: what Nextcloud's clients use to list favorites
 * (`<oc:favorite>1</oc:favorite>`) and files with system tags (`<oc:systemtag>id</oc:systemtag>`),
 * at any depth below it. All rules must hold.
 */
export async function handleReport(dav: Dav): Promise<Response> {
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  const root = parseXml(await dav.c.req.text());
  if (!root) throw badRequest("A REPORT needs a body", "invalid_xml");
  if (root.ns !== OC_NS || root.local !== "filter-files") throw new ApiError(415, "unsupported_report", `The report {${root.ns}}${root.local} is not supported`);
  const rules: Filter[] = [];
  for (const rule of child(root, OC_NS, "filter-rules")?.children ?? []) {
    const value = rule.text.trim();
    if (rule.ns === OC_NS && rule.local === "favorite") {
      rules.push({ op: "favorite", value: ["1", "true", "yes"].includes(value.toLowerCase()) });
    } else if (rule.ns === OC_NS && rule.local === "systemtag") {
      if (!/^\d{1,15}$/.test(value)) throw badRequest("<oc:systemtag> takes a tag id", "invalid_filter");
      rules.push({ op: "systemtag", tagId: Number(value) });
    } else {
      throw badRequest(`Unsupported filter rule {${rule.ns}}${rule.local}`, "invalid_filter");
    }
  }
  if (rules.length === 0) throw badRequest("The report needs at least one filter rule", "invalid_filter");
  const request = root.children.some((c) => c.ns === "DAV:" && c.local === "prop") ? readPropSelection(root.children) : { kind: "allprop" as const, include: [] };
  const hits = node.isFolder ? await searchTree(dav.db, dav.user.id, { scope: node, filter: { op: "and", items: rules } }) : [];
  return multistatus(await renderNodes(dav, hits, request));
}
