import { describe, expect, it, vi } from "vitest";
import { describeFailure, loadSection } from "@/lib/data/load";

describe("dashboard section loading", () => {
  it("passes data through", async () => {
    expect(await loadSection("x", async () => [1, 2])).toEqual({ ok: true, data: [1, 2] });
  });

  it("turns a failure into a message for that section, without leaking the error", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await loadSection("x", async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432 password=hunter2"), { code: "ECONNREFUSED" });
    });
    spy.mockRestore();
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(/database is not reachable/);
    expect(result.ok ? "" : result.message).not.toMatch(/hunter2|5432/);
  });

  it("tells a missing database from a schema that is behind", () => {
    expect(describeFailure(new Error('Raw query failed. Code: `3D000`. Message: `database "volta" does not exist`'))).toMatch(/not reachable/);
    expect(describeFailure(new Error('relation "salesorders" does not exist'))).toMatch(/db:migrate/);
    expect(describeFailure(new Error("division by zero"))).toMatch(/could not be loaded/);
  });
});
