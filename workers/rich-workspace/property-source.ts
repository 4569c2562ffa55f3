import type { PropertySource } from "../webdav/property-source";
import { propertyKey } from "../webdav/properties";
import { escapeXml, NC_NS } from "../webdav/xml";
import { readmesOf, readmeText } from "./service";

const TEXT = propertyKey(NC_NS, "rich-workspace");
const FILE = propertyKey(NC_NS, "rich-workspace-file");

/**
 * `nc:rich-workspace` (the Readme's text) and `nc:rich-workspace-file` (its file id) of folders. The
 * text is read only for the listing's own folder (its first node), never for each child folder.
 */
export const richWorkspaceProperty: PropertySource = {
  keys: [TEXT, FILE],
  async load({ db, ids, nodes, files, read }) {
    const readmes = await readmesOf(db, ids, read);
    const first = (await nodes)[0];
    const firstReadme = first?.isFolder ? readmes.get(first.id) : undefined;
    const text = firstReadme ? await readmeText(files, firstReadme) : "";
    return (node, key) => {
      if (!node.isFolder) return null;
      const readme = readmes.get(node.id);
      if (key === FILE) return readme ? String(readme.id) : "";
      return node === first ? escapeXml(text) : null;
    };
  },
};
