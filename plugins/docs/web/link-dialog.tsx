import type { Editor } from "@tiptap/core";
import { t } from "../../../web/src/i18n";
import { NameDialog } from "../../../web/src/views/files/name-dialog";

/** Sets, changes or (emptied back to "https://") removes the link on the selected text. */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  return (
    <NameDialog
      title={t("docs.linkTitle")}
      label={t("docs.linkAddress")}
      initial={current || "https://"}
      submitLabel={t("docs.linkApply")}
      onSubmit={async (href) => {
        const chain = editor.chain().focus().extendMarkRange("link");
        if (href === "https://") chain.unsetLink().run();
        else chain.setLink({ href }).run();
      }}
      onClose={onClose}
    />
  );
}
