import { contentUrl, type FileNode } from "../../../api/files";
import { formatNumber, t } from "../../../i18n";
import { ViewerFrame } from "./viewer-frame";

interface LightboxProps {
  images: readonly FileNode[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

/** Pictures one at a time, with Précédent / Suivant (and the arrow keys) through the folder's pictures. */
export function ImageLightbox({ images, index, onIndex, onClose }: LightboxProps) {
  const node = images[index]!;
  const many = images.length > 1;
  const step = (delta: number) => onIndex((index + delta + images.length) % images.length);
  const keys = (event: KeyboardEvent) => {
    if (!many || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
    event.preventDefault();
    step(event.key === "ArrowRight" ? 1 : -1);
  };
  return (
    <ViewerFrame
      node={node}
      kind="image"
      onClose={onClose}
      onKeyDown={keys}
      tools={
        many && (
          <div class="viewer-steps">
            <button type="button" class="button" onClick={() => step(-1)}>
              {t("files.previous")}
            </button>
            <span class="viewer-count" aria-live="polite">
              {t("files.imageCount", { index: formatNumber(index + 1), count: formatNumber(images.length) })}
            </span>
            <button type="button" class="button" onClick={() => step(1)}>
              {t("files.next")}
            </button>
          </div>
        )
      }
    >
      <img key={node.id} src={contentUrl(node.id, true)} alt={node.name} />
    </ViewerFrame>
  );
}
