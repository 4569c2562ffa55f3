/** The drag of listed items onto a folder; other drags (files from the desktop: the upload's) are not ours. */
export const DRAG_TYPE = "application/x-cumulus-nodes";

export const isItemDrag = (event: DragEvent) => event.dataTransfer?.types.includes(DRAG_TYPE) ?? false;

export function startItemDrag(event: DragEvent, ids: readonly number[], label: string): void {
  if (!event.dataTransfer) return;
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(ids));
  event.dataTransfer.setData("text/plain", label);
}

export function draggedIds(event: DragEvent): number[] {
  try {
    const parsed: unknown = JSON.parse(event.dataTransfer?.getData(DRAG_TYPE) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isSafeInteger(id)) : [];
  } catch {
    return [];
  }
}

/** Handlers that make an element take dropped items, with `active` showing where they would go. */
export function dropTarget(onDrop: (ids: number[]) => void, setActive: (active: boolean) => void) {
  return {
    onDragOver: (event: DragEvent) => {
      if (!isItemDrag(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
      setActive(true);
    },
    onDragLeave: () => setActive(false),
    onDrop: (event: DragEvent) => {
      if (!isItemDrag(event)) return;
      event.preventDefault();
      setActive(false);
      const ids = draggedIds(event);
      if (ids.length > 0) onDrop(ids);
    },
  };
}
