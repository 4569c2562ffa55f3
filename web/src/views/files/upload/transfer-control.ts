import { Aborted, NetworkFailure, type Sending } from "../../../api/uploads";
import { ApiFailure } from "../../../api/http";

/** Statuses worth another try: the server or something on the way was busy or down, not a refusal. */
const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

export const isTransient = (error: unknown) => error instanceof NetworkFailure || (error instanceof ApiFailure && TRANSIENT.has(error.status));

/** Attempts after a failure before an upload gives up (about two minutes of waiting in all). */
export const MAX_RETRIES = 8;

/** 1, 2, 4, 8, 16, then 30 s between attempts. */
export const backoffSeconds = (attempt: number) => Math.min(30, 2 ** Math.max(0, attempt - 1));

/** One file's upload: the request under way, so that a cancel stops it at once, waits included. */
export class TransferControl {
  private readonly controller = new AbortController();
  private current: { abort(): void } | undefined;

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs a request as this upload's current one. */
  async run<T>(sending: Sending<T>): Promise<T> {
    if (this.cancelled) sending.abort();
    this.current = sending;
    try {
      return await sending.done;
    } finally {
      if (this.current === sending) this.current = undefined;
    }
  }

  cancel(): void {
    this.controller.abort();
    this.current?.abort();
  }

  /** Throws Aborted once cancelled: every step of an upload checks before it starts. */
  check(): void {
    if (this.cancelled) throw new Aborted("cancelled");
  }

  /**
   * Waits before another attempt: `seconds`, then for the browser to be back online if it is not
   * (a dropped Wi-Fi), counting down through `onTick`. A cancel ends the wait at once.
   */
  async pause(seconds: number, onTick: (left: number | undefined) => void): Promise<void> {
    const signal = this.controller.signal;
    for (let left = seconds; left > 0; left--) {
      onTick(left);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 1000);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener("abort", done);
          resolve();
        }
        signal.addEventListener("abort", done);
      });
      this.check();
    }
    if (!navigator.onLine) {
      onTick(undefined);
      await new Promise<void>((resolve) => {
        function done() {
          window.removeEventListener("online", done);
          signal.removeEventListener("abort", done);
          resolve();
        }
        window.addEventListener("online", done);
        signal.addEventListener("abort", done);
      });
      this.check();
    }
  }
}
