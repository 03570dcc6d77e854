import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery ")).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash); // salted
  });
  it("treats a malformed hash as a mismatch and refuses short passwords", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
    await expect(hashPassword("short")).rejects.toThrow(/at least 10/);
  });
});
