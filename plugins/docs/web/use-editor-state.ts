import type { Editor } from "@tiptap/core";
import { useEffect, useState } from "preact/hooks";

/** Re-renders the component on every change of the editor's state (selection, marks, content). */
export function useEditorState(editor: Editor | null): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const bump = () => setTick((n) => n + 1);
    editor.on("transaction", bump);
    return () => {
      editor.off("transaction", bump);
    };
  }, [editor]);
}
