import { describe, expect, it } from "vitest";
import { httpDate, isoDate } from "../../workers/webdav/dav-dates";

describe("listing dates", () => {
  it("match Date's own formatting, leap days, century rules and out-of-range times included", () => {
    const samples = [0, -1, 1, 86399, 86400, 951782400, 951868800, 1653386400, 4107542399, 4107542400, -2208988800, -30610224000, 253402300799, 253402300800, -62167219200, 1.5, 8.64e12];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor((Math.random() - 0.3) * 6e9));
    for (const s of samples) {
      expect(httpDate(s)).toBe(new Date(s * 1000).toUTCString());
      expect(isoDate(s)).toBe(new Date(s * 1000).toISOString());
    }
  });
});
