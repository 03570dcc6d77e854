import { defineConfig } from "prisma/config";

// The embedded database needs no URL; the CLI only uses this for `prisma migrate
// deploy` against a real server, so an unset DATABASE_URL must not throw here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/volta" },
});
