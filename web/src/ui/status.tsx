import type { ActionState } from "./use-action";

/** The outcome of an action, read out by screen readers as it appears. */
export function Status({ state, id }: { state: Pick<ActionState, "error" | "done">; id?: string }) {
  return (
    <p id={id} class={state.error ? "status status-error" : "status status-done"} role={state.error ? "alert" : "status"}>
      {state.error ?? state.done ?? ""}
    </p>
  );
}
