import { useState } from "preact/hooks";
import { contentUrl, copyNode, deleteNode, isMounted, isSharedWithMe, moveNode, parentPath, renameNode, setFavorite, type FileNode } from "../../api/files";
import { editorFor, editorUrl } from "../../api/plugins";
import { language, t, tn } from "../../i18n";
import { navigate } from "../../router";
import { plugins } from "../../state/session";
import { useConfirm } from "../../ui/confirm";
import { useAction } from "../../ui/use-action";
import { FolderPicker, type PickMode } from "./folder-picker";
import { freeName } from "./free-name";
import type { ItemActions } from "./item-actions";
import { folderHref } from "./links";
import { detailsOf, sortNodes, sortOrder } from "./state";
import { FileViewer } from "./viewer/file-viewer";
import { viewerFor } from "./file-kind";

/** A received share in one's root: "deleting" it only takes it out of one's files. */
const isShareMount = (n: FileNode) => isSharedWithMe(n) && isMounted(n) && parentPath(n.path) === "/";

function download(node: FileNode): void {
  const link = document.createElement("a");
  link.href = contentUrl(node.id);
  link.download = node.name;
  link.click();
}

/**
 * The actions on listed items, with their dialogs (confirmation, destination, viewer) and the status
 * line that reports them. `reload` is called after every change.
 */
export function useItemActions(nodes: readonly FileNode[], reload: () => void, currentPath = "/") {
  const status = useAction();
  const { dialog: confirmDialog, ask } = useConfirm();
  const [picking, setPicking] = useState<FileNode[] | null>(null);
  const [viewing, setViewing] = useState<FileNode | null>(null);

  const afterChange = async (action: () => Promise<unknown>, done: string) => {
    const ok = await status.run(action, done);
    reload();
    return ok;
  };

  const remove = async (doomed: FileNode[]) => {
    if (doomed.length === 0) return;
    const unshare = doomed.every(isShareMount);
    const question =
      doomed.length === 1
        ? t(unshare ? "files.unshareQuestion" : "files.deleteQuestion", { name: doomed[0]!.name })
        : tn("files.deleteManyQuestion", doomed.length);
    if (!(await ask(question, unshare ? t("files.unshare") : t("action.delete")))) return;
    const done = doomed.length === 1 ? t("files.deleted", { name: doomed[0]!.name }) : tn("files.deletedMany", doomed.length);
    await afterChange(async () => {
      for (const node of doomed) await deleteNode(node.id);
    }, done);
  };

  const pick = async (target: FileNode, mode: PickMode, taken: ReadonlySet<string>) => {
    const chosen = picking ?? [];
    setPicking(null);
    const names = new Set(taken);
    const done =
      chosen.length === 1
        ? t(mode === "move" ? "files.moved" : "files.copied", { name: chosen[0]!.name, target: target.path === "/" ? t("files.home") : target.name })
        : tn(mode === "move" ? "files.movedMany" : "files.copiedMany", chosen.length);
    await afterChange(async () => {
      for (const node of chosen) {
        if (mode === "move") {
          await moveNode(node.id, target.id);
        } else {
          // A copy beside its original gets "nom (2).ext", as in Nextcloud.
          const name = freeName(node.name, names, node.isFolder);
          names.add(name);
          await copyNode(node.id, target.id, name === node.name ? undefined : name);
        }
      }
    }, done);
  };

  const open = (node: FileNode) => {
    if (node.isFolder) return navigate(folderHref(node.path));
    const editor = editorFor(plugins.value, node.name, node.mime);
    // A plugin's editor is a page of its own: a full load brings its scripts.
    if (editor) return location.assign(editorUrl(editor.plugin, editor.fileType, node.id));
    if (viewerFor(node)) return setViewing(node);
    download(node);
  };

  const actions: ItemActions = {
    open,
    details: (node, tab) => (detailsOf.value = { node, tab }),
    rename: async (node, name) => afterChange(() => renameNode(node.id, name), t("files.renamed", { name })),
    remove: (doomed) => void remove(doomed),
    moveOrCopy: (chosen) => setPicking(chosen),
    favorite: (node, favorite) =>
      void afterChange(() => setFavorite(node.id, favorite), t(favorite ? "files.favoriteDone" : "files.unfavoriteDone", { name: node.name })),
  };

  const sorted = sortNodes(nodes, sortOrder.value, language.value);
  const dialogs = (
    <>
      {confirmDialog}
      {picking && <FolderPicker nodes={picking} startPath={currentPath} onPick={(target, mode, taken) => void pick(target, mode, taken)} onClose={() => setPicking(null)} />}
      {viewing && <FileViewer node={viewing} siblings={sorted} onClose={() => setViewing(null)} />}
    </>
  );

  return { actions, dialogs, status, moveInto: (ids: number[], target: FileNode) => moveInto(ids, target) };

  async function moveInto(ids: number[], target: FileNode) {
    const moving = nodes.filter((n) => ids.includes(n.id) && n.id !== target.id);
    if (moving.length === 0) return;
    const done = moving.length === 1 ? t("files.moved", { name: moving[0]!.name, target: target.path === "/" ? t("files.home") : target.name }) : tn("files.movedMany", moving.length);
    await afterChange(async () => {
      for (const node of moving) await moveNode(node.id, target.id);
    }, done);
  }
}
