import { useState } from "preact/hooks";
import { contentUrl, type FileNode } from "../../../api/files";
import { viewerFor } from "../file-kind";
import { ImageLightbox } from "./image-lightbox";
import { TextReader } from "./text-reader";
import { ViewerFrame } from "./viewer-frame";

/** The viewer for a file the browser can show; `siblings` are the listing's items, for the lightbox's steps. */
export function FileViewer({ node, siblings, onClose }: { node: FileNode; siblings: readonly FileNode[]; onClose: () => void }) {
  const kind = viewerFor(node);
  const pictures = siblings.filter((s) => viewerFor(s) === "image");
  const images = pictures.some((s) => s.id === node.id) ? pictures : [node];
  const [index, setIndex] = useState(() => Math.max(0, images.findIndex((s) => s.id === node.id)));
  if (kind === "image") return <ImageLightbox images={images} index={Math.min(index, images.length - 1)} onIndex={setIndex} onClose={onClose} />;
  if (kind === "pdf") {
    return (
      <ViewerFrame node={node} kind="pdf" onClose={onClose}>
        {/* The browser's own PDF viewer; the server serves PDF inline and nothing unsafe. */}
        <iframe src={contentUrl(node.id, true)} title={node.name} />
      </ViewerFrame>
    );
  }
  if (kind === "markdown" || kind === "text") return <TextReader node={node} markdown={kind === "markdown"} onClose={onClose} />;
  return null;
}
