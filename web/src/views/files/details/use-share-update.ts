import { deleteShare, updateShare, type ShareJson } from "../../../api/sharing";
import { useAction } from "../../../ui/use-action";
import type { UpdateShare } from "./share-options";

/** One share's changes and removal, with the outcome to show under it. */
export function useShareUpdate(share: ShareJson, onChanged: (share: ShareJson) => void, onRemoved: (share: ShareJson) => void) {
  const action = useAction();
  const update: UpdateShare = (changes, done) =>
    action.run(async () => onChanged(await updateShare(share.id, changes)), done ?? null);
  const remove = () =>
    action.run(async () => {
      await deleteShare(share.id);
      onRemoved(share);
    });
  return { action, update, remove };
}
