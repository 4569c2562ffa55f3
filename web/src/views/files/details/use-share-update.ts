import { useState } from "preact/hooks";
import { CREATE, deleteShare, DELETE, READ, UPDATE, updateShare, type ShareChanges, type ShareJson } from "../../../api/sharing";
import { useAction } from "../../../ui/use-action";
import type { UpdateShare } from "./share-options";

/** The share as it will be once the server agrees, so a ticked box stays ticked while it saves. */
function withChanges(share: ShareJson, changes: ShareChanges): ShareJson {
  const next = { ...share };
  if (changes.permissions !== undefined) next.permissions = changes.permissions;
  if (changes.publicUpload) next.permissions = READ | UPDATE | CREATE | DELETE;
  if (changes.hideDownload !== undefined) next.hide_download = changes.hideDownload ? 1 : 0;
  if (changes.expireDate !== undefined) next.expiration = changes.expireDate ? `${changes.expireDate} 00:00:00` : null;
  if (changes.note !== undefined) next.note = changes.note;
  if (changes.label !== undefined) next.label = changes.label;
  return next;
}

/** One share's changes and removal, with the outcome to show under it and the share to show meanwhile. */
export function useShareUpdate(share: ShareJson, onChanged: (share: ShareJson) => void, onRemoved: (share: ShareJson) => void) {
  const action = useAction();
  const [pending, setPending] = useState<ShareChanges | null>(null);
  const update: UpdateShare = async (changes, done) => {
    setPending(changes);
    const ok = await action.run(async () => onChanged(await updateShare(share.id, changes)), done ?? null);
    setPending(null);
    return ok;
  };
  const remove = () =>
    action.run(async () => {
      await deleteShare(share.id);
      onRemoved(share);
    });
  return { action, update, remove, shown: pending ? withChanges(share, pending) : share };
}
