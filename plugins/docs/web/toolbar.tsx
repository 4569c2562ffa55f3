import type { ChainedCommands, Editor } from "@tiptap/core";
import type { ComponentChildren } from "preact";
import { t } from "../../../web/src/i18n";
import { ImageIcon, LinkIcon, UnlinkIcon } from "./icons";
import { useEditorState } from "./use-editor-state";

interface ToolProps {
  label: string;
  /** Shown as a tooltip with the keyboard shortcut, when it has one. */
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ComponentChildren;
}

function Tool({ label, shortcut, active, disabled, onClick, children }: ToolProps) {
  return (
    <button
      type="button"
      class={active ? "docs-tool active" : "docs-tool"}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      // Keeps the selection in the document while the button is pressed.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}

interface ToolbarProps {
  editor: Editor;
  disabled: boolean;
  onLink: () => void;
  /** Absent where pictures cannot be added (a public link's visitors have no files to pick from). */
  onImage?: () => void;
}

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

/** The formatting bar: each button names its action and its Tiptap shortcut; it wraps on a phone. */
export function Toolbar({ editor, disabled, onLink, onImage }: ToolbarProps) {
  useEditorState(editor);
  const run = (command: (chain: ChainedCommands) => ChainedCommands) => command(editor.chain().focus()).run();
  const inTable = editor.isActive("table");
  return (
    <div class="docs-toolbar docs-chrome" role="toolbar" aria-label={t("docs.toolbar")}>
      <div class="docs-tool-group">
        <Tool label={t("docs.undo")} shortcut={`${MOD}+Z`} disabled={disabled || !editor.can().undo()} onClick={() => run((c) => c.undo())}>
          ↶
        </Tool>
        <Tool label={t("docs.redo")} shortcut={`${MOD}+Shift+Z`} disabled={disabled || !editor.can().redo()} onClick={() => run((c) => c.redo())}>
          ↷
        </Tool>
      </div>
      <div class="docs-tool-group">
        <Tool label={t("docs.paragraph")} shortcut={`${MOD}+Alt+0`} disabled={disabled} active={editor.isActive("paragraph")} onClick={() => run((c) => c.setParagraph())}>
          ¶
        </Tool>
        {([1, 2, 3] as const).map((level) => (
          <Tool
            key={level}
            label={t("docs.heading", { level })}
            shortcut={`${MOD}+Alt+${level}`}
            disabled={disabled}
            active={editor.isActive("heading", { level })}
            onClick={() => run((c) => c.toggleHeading({ level }))}
          >
            {`T${level}`}
          </Tool>
        ))}
      </div>
      <div class="docs-tool-group">
        <Tool label={t("docs.bold")} shortcut={`${MOD}+B`} disabled={disabled} active={editor.isActive("bold")} onClick={() => run((c) => c.toggleBold())}>
          <b>B</b>
        </Tool>
        <Tool label={t("docs.italic")} shortcut={`${MOD}+I`} disabled={disabled} active={editor.isActive("italic")} onClick={() => run((c) => c.toggleItalic())}>
          <i>I</i>
        </Tool>
        <Tool label={t("docs.strike")} shortcut={`${MOD}+Shift+S`} disabled={disabled} active={editor.isActive("strike")} onClick={() => run((c) => c.toggleStrike())}>
          <s>S</s>
        </Tool>
        <Tool label={t("docs.code")} shortcut={`${MOD}+E`} disabled={disabled} active={editor.isActive("code")} onClick={() => run((c) => c.toggleCode())}>
          {"</>"}
        </Tool>
        <Tool label={t("docs.link")} disabled={disabled} active={editor.isActive("link")} onClick={onLink}>
          <LinkIcon />
        </Tool>
        {editor.isActive("link") && !disabled && (
          <Tool label={t("docs.unlink")} onClick={() => run((c) => c.extendMarkRange("link").unsetLink())}>
            <UnlinkIcon />
          </Tool>
        )}
      </div>
      <div class="docs-tool-group">
        <Tool label={t("docs.bulletList")} shortcut={`${MOD}+Shift+8`} disabled={disabled} active={editor.isActive("bulletList")} onClick={() => run((c) => c.toggleBulletList())}>
          •≡
        </Tool>
        <Tool label={t("docs.orderedList")} shortcut={`${MOD}+Shift+7`} disabled={disabled} active={editor.isActive("orderedList")} onClick={() => run((c) => c.toggleOrderedList())}>
          1.
        </Tool>
        <Tool label={t("docs.taskList")} shortcut={`${MOD}+Shift+9`} disabled={disabled} active={editor.isActive("taskList")} onClick={() => run((c) => c.toggleTaskList())}>
          ☑
        </Tool>
        <Tool label={t("docs.blockquote")} shortcut={`${MOD}+Shift+B`} disabled={disabled} active={editor.isActive("blockquote")} onClick={() => run((c) => c.toggleBlockquote())}>
          ❝
        </Tool>
        <Tool label={t("docs.codeBlock")} shortcut={`${MOD}+Alt+C`} disabled={disabled} active={editor.isActive("codeBlock")} onClick={() => run((c) => c.toggleCodeBlock())}>
          {"{ }"}
        </Tool>
        <Tool label={t("docs.horizontalRule")} disabled={disabled} onClick={() => run((c) => c.setHorizontalRule())}>
          ―
        </Tool>
      </div>
      <div class="docs-tool-group">
        <Tool label={t("docs.tableInsert")} disabled={disabled || inTable} onClick={() => run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))}>
          ⊞
        </Tool>
        {onImage && (
          <Tool label={t("docs.image")} disabled={disabled} onClick={onImage}>
            <ImageIcon />
          </Tool>
        )}
      </div>
      {inTable && !disabled && (
        <div class="docs-tool-group" role="group" aria-label={t("docs.table")}>
          <Tool label={t("docs.tableAddRow")} onClick={() => run((c) => c.addRowAfter())}>
            +≡
          </Tool>
          <Tool label={t("docs.tableAddColumn")} onClick={() => run((c) => c.addColumnAfter())}>
            +‖
          </Tool>
          <Tool label={t("docs.tableDeleteRow")} onClick={() => run((c) => c.deleteRow())}>
            −≡
          </Tool>
          <Tool label={t("docs.tableDeleteColumn")} onClick={() => run((c) => c.deleteColumn())}>
            −‖
          </Tool>
          <Tool label={t("docs.tableDelete")} onClick={() => run((c) => c.deleteTable())}>
            ⊠
          </Tool>
        </div>
      )}
    </div>
  );
}
