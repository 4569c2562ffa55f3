import { useState } from "preact/hooks";
import { describeError } from "./errors";

export interface ActionState {
  busy: boolean;
  error: string | null;
  done: string | null;
}

/**
 * Runs one user action at a time and keeps what to tell the person: a translated error, or `doneMessage`.
 * Returns whether the action succeeded.
 */
export function useAction() {
  const [state, setState] = useState<ActionState>({ busy: false, error: null, done: null });
  const run = async (action: () => Promise<unknown>, doneMessage: string | null = null): Promise<boolean> => {
    setState({ busy: true, error: null, done: null });
    try {
      await action();
      setState({ busy: false, error: null, done: doneMessage });
      return true;
    } catch (error) {
      setState({ busy: false, error: describeError(error), done: null });
      return false;
    }
  };
  const reset = () => setState({ busy: false, error: null, done: null });
  return { ...state, run, reset };
}
