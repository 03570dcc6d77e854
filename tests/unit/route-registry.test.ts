import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/access/policy";
import { ROUTES } from "@/lib/access/routes";

const APP = path.join(process.cwd(), "app");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** `app/(portal)/inventory/[plantId]/page.tsx` → `/inventory/[plantId]` (route groups vanish). */
function routePath(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return "/" + segments.join("/");
}

const files = walk(APP);
const pages = files.filter((f) => /\/page\.tsx?$/.test(f)).map(routePath);
const handlers = files.filter((f) => /\/route\.ts$/.test(f)).map(routePath);
const actionModules = files.filter((f) => /\.tsx?$/.test(f) && /^\s*["']use server["'];?/.test(fs.readFileSync(f, "utf8")));
const actions = actionModules.flatMap((f) => {
  const source = fs.readFileSync(f, "utf8");
  return [...source.matchAll(/export\s+async\s+function\s+(\w+)/g)].map((m) => ({ file: f, name: m[1]!, path: routePath(f), source }));
});

describe("the route registry covers the whole app", () => {
  it("lists every page", () => {
    const registered = ROUTES.filter((r) => r.kind === "page").map((r) => r.path);
    expect([...pages].sort()).toEqual([...registered].sort());
  });

  it("lists every route handler", () => {
    const registered = ROUTES.filter((r) => r.kind === "api" || r.kind === "export").map((r) => r.path);
    expect([...handlers].sort()).toEqual([...registered].sort());
  });

  it("lists every server action", () => {
    const registered = ROUTES.filter((r) => r.kind === "action").map((r) => `${r.path}#${r.action}`);
    expect(actions.map((a) => `${a.path}#${a.name}`).sort()).toEqual([...registered].sort());
  });

  it("names only known permissions", () => {
    for (const r of ROUTES) {
      if (r.access !== "public" && r.access !== "signed-in") expect(PERMISSIONS).toContain(r.access);
    }
  });

  it("every server action checks its registered permission before anything else", () => {
    for (const action of actions) {
      const rule = ROUTES.find((r) => r.kind === "action" && r.path === action.path && r.action === action.name)!;
      const body = action.source.slice(action.source.indexOf(`function ${action.name}`));
      const firstAwait = /await\s+([\w.]+)\(([^)]*)\)/.exec(body);
      expect(firstAwait?.[1], `${action.name} must start with authorizeAction`).toBe("authorizeAction");
      expect(firstAwait?.[2]).toBe(`"${rule.access}"`);
    }
  });

  it("every non-public route handler is wrapped in withPermission", () => {
    for (const file of files.filter((f) => /\/route\.ts$/.test(f))) {
      const rule = ROUTES.find((r) => r.path === routePath(file))!;
      if (rule.access === "public") continue;
      const source = fs.readFileSync(file, "utf8");
      for (const method of source.matchAll(/export\s+(?:const|async function)\s+(GET|POST|PUT|PATCH|DELETE)\b(.*)/g)) {
        expect(method[2], `${routePath(file)} ${method[1]}`).toMatch(new RegExp(`withPermission(<[^>]*>)?\\("${rule.access}"`));
      }
    }
  });

  it("every non-public page checks the session or its permission on the server", () => {
    for (const file of files.filter((f) => /\/page\.tsx?$/.test(f))) {
      const rule = ROUTES.find((r) => r.kind === "page" && r.path === routePath(file))!;
      if (rule.access === "public") continue;
      const source = fs.readFileSync(file, "utf8");
      if (rule.access === "signed-in") expect(source, rule.path).toMatch(/requireActor\(\)|requirePermission\(/);
      else expect(source, rule.path).toContain(`requirePermission("${rule.access}"`);
    }
  });
});
