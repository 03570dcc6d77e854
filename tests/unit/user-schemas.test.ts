import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import {
  createUserInputFromForm,
  createUserSchema,
  fieldErrorsOf,
  parseAuditQuery,
  parseUserId,
  PASSWORD_MIN_LENGTH,
  resetPasswordSchema,
  setUserActiveSchema,
  updateUserInputFromForm,
  updateUserSchema,
} from "@/lib/users/schemas";

const valid = {
  email: "  Ada.Lovelace@Volta.Example ",
  name: "  Ada Lovelace ",
  role: "plant_manager",
  password: "correct horse battery",
  plantIds: ["2", 1, "2"],
};

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return fieldErrorsOf(result.error as never);
}

describe("createUserSchema", () => {
  it("normalises a valid input: email trimmed and lower-cased, name trimmed, plants numeric, unique, sorted", () => {
    expect(createUserSchema.parse(valid)).toEqual({
      email: "ada.lovelace@volta.example",
      name: "Ada Lovelace",
      role: "plant_manager",
      password: "correct horse battery",
      plantIds: [1, 2],
    });
  });

  it("keeps the password exactly as typed (no trimming)", () => {
    const parsed = createUserSchema.parse({ ...valid, password: "  spaced password  " });
    expect(parsed.password).toBe("  spaced password  ");
  });

  it("accepts company-wide roles without plants", () => {
    for (const role of ["executive", "sales", "admin"]) {
      expect(createUserSchema.parse({ ...valid, role, plantIds: [] }).plantIds).toEqual([]);
      expect(createUserSchema.parse({ ...valid, role, plantIds: undefined }).plantIds).toEqual([]);
    }
  });

  it("says what is missing, field by field", () => {
    expect(errorsOf(createUserSchema, {})).toEqual({
      email: ["Enter an email address."],
      name: ["Enter a name."],
      role: ["Choose a role: Executive, Plant manager, Sales or Administrator."],
      password: ["Enter a password."],
    });
    const blank = errorsOf(createUserSchema, { email: "   ", name: "   ", role: "", password: "", plantIds: [] });
    expect(blank.email).toContain("Enter an email address.");
    expect(blank.name).toEqual(["Enter a name."]);
    expect(blank.password?.[0]).toMatch(/at least 10 characters/);
  });

  it("refuses a short password with the rule in the message", () => {
    expect(errorsOf(createUserSchema, { ...valid, password: "short" })).toEqual({
      password: ["A password needs at least 10 characters."],
    });
    expect(errorsOf(createUserSchema, { ...valid, password: " ".repeat(12) }).password).toEqual(["A password cannot be only spaces."]);
  });

  it("keeps the minimum password length equal to the hashing rule", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(MIN_PASSWORD_LENGTH);
  });

  it("refuses malformed email addresses", () => {
    for (const email of ["ada", "ada@", "@volta.example", "ada@volta", "ada volta@volta.example", "a@b.c; DROP TABLE users"]) {
      expect(errorsOf(createUserSchema, { ...valid, email }).email, email).toEqual([
        "Enter a valid email address, like name@example.com.",
      ]);
    }
  });

  it("refuses unknown roles, including look-alikes and injection attempts", () => {
    for (const role of ["superuser", "Admin", "ADMIN", " admin", "admin'--", "plant manager", 1, null, ["admin"]]) {
      expect(errorsOf(createUserSchema, { ...valid, role, plantIds: [] }).role, String(role)).toEqual([
        "Choose a role: Executive, Plant manager, Sales or Administrator.",
      ]);
    }
  });

  it("refuses plants for roles other than plant manager, and a plant manager without plants", () => {
    expect(errorsOf(createUserSchema, { ...valid, role: "sales", plantIds: ["1"] }).plantIds?.[0]).toMatch(
      /Only plant managers are assigned plants/,
    );
    expect(errorsOf(createUserSchema, { ...valid, role: "admin", plantIds: [3] }).plantIds?.[0]).toMatch(/Only plant managers/);
    expect(errorsOf(createUserSchema, { ...valid, plantIds: [] }).plantIds).toEqual(["Choose at least one plant for a plant manager."]);
  });

  it("refuses plant ids that are not plain positive integers", () => {
    for (const id of ["0", "-1", "1.5", "01", "1e3", " 1", "1;DROP TABLE plants", "99999999999", 0, -3, 2.5, Number.NaN, 2 ** 31, null, {}]) {
      expect(errorsOf(createUserSchema, { ...valid, plantIds: [id] }).plantIds, String(id)).toEqual(["Choose plants from the list."]);
    }
    expect(errorsOf(createUserSchema, { ...valid, plantIds: "1,2" }).plantIds).toEqual(["Choose plants from the list."]);
    expect(errorsOf(createUserSchema, { ...valid, plantIds: Array.from({ length: 101 }, (_, i) => i + 1) }).plantIds?.[0]).toMatch(
      /at most 100 plants/,
    );
  });

  it("takes SQL metacharacters in a name as plain text", () => {
    const name = `Robert'); DROP TABLE users;-- "x" \\ %_`;
    expect(createUserSchema.parse({ ...valid, name }).name).toBe(name);
    const email = "o'brien+test@volta.example";
    expect(createUserSchema.parse({ ...valid, email }).email).toBe(email);
  });

  it("refuses control characters in a name", () => {
    for (const name of ["Ada\nAdmin", "Ada\u0000", "Ada\u001b[31m"]) {
      expect(errorsOf(createUserSchema, { ...valid, name }).name?.[0]).toMatch(/control characters/);
    }
  });

  it("refuses 10,000-character strings with a length message, without choking", () => {
    const huge = "a".repeat(10_000);
    const errors = errorsOf(createUserSchema, { ...valid, email: `${huge}@volta.example`, name: huge, password: huge.repeat(2) });
    expect(errors.email).toEqual(["An email address can have at most 320 characters."]);
    expect(errors.name).toEqual(["A name can have at most 100 characters."]);
    expect(errors.password).toEqual(["A password can have at most 1024 characters."]);
  });

  it("refuses wrong types with the same clear messages", () => {
    const errors = errorsOf(createUserSchema, { email: 42, name: { first: "Ada" }, role: true, password: ["x".repeat(12)], plantIds: 7 });
    expect(errors).toEqual({
      email: ["Enter an email address."],
      name: ["Enter a name."],
      role: ["Choose a role: Executive, Plant manager, Sales or Administrator."],
      password: ["Enter a password."],
      plantIds: ["Choose plants from the list."],
    });
    expect(createUserSchema.safeParse(null).success).toBe(false);
    expect(createUserSchema.safeParse("admin").success).toBe(false);
  });
});

describe("updateUserSchema, setUserActiveSchema, resetPasswordSchema", () => {
  it("parses a valid update and applies the same role and plant rules", () => {
    expect(updateUserSchema.parse({ userId: "12", name: "Pat", role: "plant_manager", plantIds: ["3"] })).toEqual({
      userId: 12,
      name: "Pat",
      role: "plant_manager",
      plantIds: [3],
    });
    expect(errorsOf(updateUserSchema, { userId: "12", name: "Pat", role: "executive", plantIds: ["3"] }).plantIds?.[0]).toMatch(
      /Only plant managers/,
    );
  });

  it("refuses user ids that are not canonical positive integers", () => {
    for (const userId of ["abc", "-1", "0", "01", "1;drop table users", "99999999999999999999", "2147483648", "", undefined, 1.5]) {
      expect(errorsOf(updateUserSchema, { userId, name: "Pat", role: "sales" }).userId, String(userId)).toEqual([
        "This user does not exist.",
      ]);
    }
  });

  it("parses the account status as a boolean from the form's strings", () => {
    expect(setUserActiveSchema.parse({ userId: "4", active: "false" })).toEqual({ userId: 4, active: false });
    expect(setUserActiveSchema.parse({ userId: 4, active: true })).toEqual({ userId: 4, active: true });
    expect(errorsOf(setUserActiveSchema, { userId: "4", active: "yes" }).active).toEqual(["Say whether the account should be active."]);
  });

  it("requires a long enough new password", () => {
    expect(resetPasswordSchema.parse({ userId: "4", password: "a new password" })).toEqual({ userId: 4, password: "a new password" });
    expect(errorsOf(resetPasswordSchema, { userId: "4", password: "tiny" }).password?.[0]).toMatch(/at least 10/);
  });
});

describe("parseUserId", () => {
  it("accepts only canonical ids within the integer column's range", () => {
    expect(parseUserId("1")).toBe(1);
    expect(parseUserId("2147483647")).toBe(2147483647);
    for (const raw of ["abc", "-1", "0", "007", "2147483648", "99999999999999999999", "1;drop table", " 1", "1 ", "", "1e2", "0x10"]) {
      expect(parseUserId(raw), raw).toBeNull();
    }
  });
});

describe("form input", () => {
  it("reads repeated plant checkboxes and leaves missing fields undefined", () => {
    const form = new FormData();
    form.set("email", "a@b.co");
    form.append("plantIds", "1");
    form.append("plantIds", "2");
    expect(createUserInputFromForm(form)).toEqual({ email: "a@b.co", name: undefined, role: undefined, password: undefined, plantIds: ["1", "2"] });
    expect(updateUserInputFromForm(new FormData())).toEqual({ userId: undefined, name: undefined, role: undefined, plantIds: [] });
  });

  it("refuses a file where text is expected", () => {
    const form = new FormData();
    form.set("email", new Blob(["a@b.co"]), "email.txt");
    expect(errorsOf(createUserSchema, createUserInputFromForm(form)).email).toEqual(["Enter an email address."]);
  });
});

describe("parseAuditQuery", () => {
  const actions = ["user.create", "auth.sign_in"];

  it("reads a valid cursor and action", () => {
    expect(parseAuditQuery({ before: "120", action: "user.create" }, actions)).toEqual({
      before: 120n,
      action: "user.create",
      problems: [],
    });
    expect(parseAuditQuery({}, actions)).toEqual({ problems: [] });
    expect(parseAuditQuery({ before: "", action: "" }, actions)).toEqual({ problems: [] });
    expect(parseAuditQuery({ before: "9223372036854775807" }, actions).before).toBe(9223372036854775807n);
  });

  it("ignores a malformed cursor or unknown action, and says so", () => {
    for (const before of ["abc", "-5", "0", "1.5", "9223372036854775808", "99999999999999999999", "1;DROP TABLE audit_log", ["1", "2"]]) {
      const query = parseAuditQuery({ before }, actions);
      expect(query.before, String(before)).toBeUndefined();
      expect(query.problems).toHaveLength(1);
    }
    for (const action of ["user.delete", "USER.CREATE", "' OR 1=1 --", ["user.create", "auth.sign_in"]]) {
      const query = parseAuditQuery({ action }, actions);
      expect(query.action, String(action)).toBeUndefined();
      expect(query.problems).toHaveLength(1);
    }
  });
});
