import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "../../ui/errors";
import { ApiFailure } from "../../api/http";
import { filesChanged } from "./state";

export interface Loaded<T> {
  data: T | null;
  /** A sentence in the reader's language. */
  error: string | null;
  /** The server says there is nothing there for this person (404). */
  missing: boolean;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads what a view shows, again whenever `deps` change, `reload` is called or something changed
 * files elsewhere (refreshListing: an upload, the details sidebar); an answer that comes
 * after the view moved on is dropped. A reload keeps the data on screen meanwhile; other changes
 * (another folder) clear it, so that nothing stale is shown under the new name.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; missing: boolean; loading: boolean }>({ data: null, error: null, missing: false, loading: true });
  const [tick, setTick] = useState(0);
  const lastDeps = useRef<readonly unknown[] | null>(null);
  useEffect(() => {
    let live = true;
    const reloading = lastDeps.current !== null && lastDeps.current.length === deps.length && deps.every((d, i) => Object.is(d, lastDeps.current![i]));
    lastDeps.current = deps;
    setState((s) => ({ ...s, data: reloading ? s.data : null, loading: true }));
    load()
      .then((data) => live && setState({ data, error: null, missing: false, loading: false }))
      .catch((failure: unknown) => {
        if (!live) return;
        const missing = failure instanceof ApiFailure && failure.status === 404;
        setState({ data: null, error: describeError(failure), missing, loading: false });
      });
    return () => {
      live = false;
    };
  }, [...deps, tick, filesChanged.value]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
