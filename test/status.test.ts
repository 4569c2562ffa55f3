import { describe, expect, it } from "vitest";
import { call } from "./support/accounts";

describe("status.php", () => {
  it("answers what the desktop client probes first", async () => {
    const res = await call("/status.php");
    expect(res.status).toBe(200);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ installed: true, maintenance: false, needsDbUpgrade: false, productname: "Cumulus", edition: "" });
    expect(Number(String(body.version).split(".")[0])).toBeGreaterThanOrEqual(28);
    expect(body.versionstring).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
