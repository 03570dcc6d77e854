// npm run user:create -- --email ada@example.com --name "Ada Admin" --role admin [--plants 1,2] [--password-stdin]
// Creates a portal user, typically the first administrator of a new database.
// The password is asked for without echo in a terminal, or read as one line
// from standard input with --password-stdin (never as an argument: it would
// end up in the shell history and the process list).
import readline from "node:readline";
import { parseArgs } from "node:util";
import { ROLES } from "../lib/auth/roles";
import { migrate } from "../lib/db/migrate";
import { createUser, UserError } from "../lib/users/store";
import { createUserSchema, emailSchema, nameSchema, passwordSchema, plantIdsSchema, roleSchema } from "../lib/users/schemas";
import { runWithDatabase, UsageError } from "./cli";

const USAGE = `usage: npm run user:create -- --email <address> --name <name> --role <role> [--plants <id,id,...>] [--password-stdin]
  --role            one of ${ROLES.join(", ")}
  --plants          plant ids, comma-separated (plant managers only; required for them)
  --password-stdin  read the password as one line from standard input
Without --password-stdin the password is asked for in the terminal.`;

function parse() {
  try {
    return parseArgs({
      allowPositionals: false,
      strict: true,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        plants: { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** The first message of a failed field check, as a usage error naming the option. */
function check<T>(option: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${option}: ${result.error.issues[0]?.message ?? "invalid value"}`);
  return result.data;
}

function parsePlants(value: string | undefined): string[] {
  if (value === undefined) return [];
  const parts = value.split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) throw new UsageError(`--plants: give plant ids separated by commas, like --plants 1,2 (got "${value}").`);
  return parts;
}

async function readPasswordLine(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, "");
  } finally {
    rl.close();
  }
  throw new UsageError("--password-stdin: standard input was empty; pipe the password into the command.");
}

/** Reads a line from the terminal without showing what is typed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error: Error | null) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish(null);
        if (ch === "\u0003") return finish(new Error("Cancelled."));
        if (ch === "\u0004") {
          if (value === "") return finish(new Error("Cancelled."));
          continue;
        }
        if (ch === "\u007f" || ch === "\b") {
          value = Array.from(value).slice(0, -1).join("");
          continue;
        }
        if (ch === "\u0015") {
          value = ""; // Ctrl-U clears the line
          continue;
        }
        if (ch < " ") continue;
        value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordLine();
  if (!process.stdin.isTTY) {
    throw new UsageError("No terminal to ask for the password: pipe it in and pass --password-stdin.");
  }
  const first = await promptHidden("Password: ");
  check("password", passwordSchema, first);
  const second = await promptHidden("Repeat the password: ");
  if (first !== second) throw new UsageError("The two passwords differ. Nothing was created.");
  return first;
}

async function main() {
  const { values } = parse();
  if (values.help) return console.log(USAGE);
  for (const option of ["email", "name", "role"] as const) {
    if (values[option] === undefined) throw new UsageError(`--${option} is required.\n${USAGE}`);
  }
  // Check everything that can be checked before asking for the password.
  check("--email", emailSchema, values.email);
  check("--name", nameSchema, values.name);
  const role = check("--role", roleSchema, values.role);
  const plantIds = check("--plants", plantIdsSchema, parsePlants(values.plants));
  if (role === "plant_manager" && plantIds.length === 0) throw new UsageError("--plants: a plant manager needs at least one plant.");
  if (role !== "plant_manager" && plantIds.length > 0) throw new UsageError("--plants: only plant managers are assigned plants.");

  const password = await readPassword(values["password-stdin"] === true);
  const parsed = createUserSchema.safeParse({ email: values.email, name: values.name, role, plantIds, password });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `${String(i.path[0] ?? "input")}: ${i.message}`).join("\n"));
  }
  const input = parsed.data;

  await runWithDatabase(async (db) => {
    // The embedded database is migrated by whoever opens it (as the portal does);
    // a PostgreSQL server is migrated explicitly with `npm run db:migrate`.
    if (db.config.kind === "embedded") await migrate(db);
    let user;
    try {
      user = await createUser(db.prisma, input);
    } catch (error) {
      if (error instanceof UserError) throw new Error(error.message, { cause: error });
      throw error;
    }
    await db.prisma.auditLog.create({
      data: {
        action: "user.create",
        target: user.email,
        details: { userId: user.id, name: user.name, role: user.role, plantIds: user.plants.map((p) => p.plantId), via: "command line" },
      },
    });
    const plants = user.plants.length > 0 ? ` for ${user.plants.map((p) => `${p.name} (#${p.plantId})`).join(", ")}` : "";
    console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id})${plants}.`);
  });
}

main().catch((error) => {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
