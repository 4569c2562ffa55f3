import { useState } from "preact/hooks";
import { createFolder, writeFile, type FileNode } from "../../api/files";
import type { PluginFileType, PluginInfo } from "../../api/plugins";
import { language, t } from "../../i18n";
import { plugins } from "../../state/session";
import { freeName } from "./free-name";
import { Menu } from "./menu";
import { NameDialog } from "./name-dialog";

interface NewMenuProps {
  folder: FileNode;
  /** The names already in the folder, for a default that is free. */
  taken: ReadonlySet<string>;
  onCreated: (node: FileNode, open: boolean) => void;
}

type Creating = { kind: "folder" } | { kind: "file"; plugin: PluginInfo; fileType: PluginFileType & { create: NonNullable<PluginFileType["create"]> } };

/** "Nouveau": a folder, and whatever the enabled plugins create ("Nouveau document"). */
export function NewMenu({ folder, taken, onCreated }: NewMenuProps) {
  const [creating, setCreating] = useState<Creating | null>(null);
  const creatable = plugins.value.flatMap((plugin) =>
    plugin.enabled && plugin.hasWeb ? plugin.fileTypes.flatMap((fileType) => (fileType.create ? [{ plugin, fileType: { ...fileType, create: fileType.create } }] : [])) : [],
  );
  const lang = language.value;
  return (
    <>
      <Menu label={t("files.new")} buttonClass="button button-primary" face={<>+ {t("files.new")}</>}>
        {(close) => (
          <ul>
            <li>
              <button type="button" onClick={() => (close(), setCreating({ kind: "folder" }))}>
                {t("files.newFolder")}
              </button>
            </li>
            {creatable.map(({ plugin, fileType }) => (
              <li key={`${plugin.id}:${fileType.editor}`}>
                <button type="button" onClick={() => (close(), setCreating({ kind: "file", plugin, fileType }))}>
                  {fileType.create.label[lang]}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Menu>
      {creating?.kind === "folder" && (
        <NameDialog
          title={t("files.newFolder")}
          label={t("files.folderName")}
          initial={freeName(t("files.newFolderName"), taken, true)}
          submitLabel={t("files.create")}
          onSubmit={async (name) => {
            if (taken.has(name)) return t("files.nameTaken", { name });
            onCreated(await createFolder(folder.id, name), false);
          }}
          onClose={() => setCreating(null)}
        />
      )}
      {creating?.kind === "file" && (
        <NameDialog
          title={creating.fileType.create.label[lang]}
          label={t("files.fileName")}
          initial={freeName(creating.fileType.create.defaultName[lang], taken)}
          keepExtension
          submitLabel={t("files.create")}
          onSubmit={async (name) => {
            // Writing replaces: a name already taken is refused here rather than emptied.
            if (taken.has(name)) return t("files.nameTaken", { name });
            onCreated(await writeFile(folder.id, name, ""), true);
          }}
          onClose={() => setCreating(null)}
        />
      )}
    </>
  );
}
