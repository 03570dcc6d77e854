/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The end-to-end suite builds into its own folder, so that it never races a
  // running portal or another build over `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // Native and wasm database drivers run as plain Node modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "pg-copy-streams"],
  typedRoutes: false,
  // forbidden(): a real 403 page for URLs a role may not open.
  // Server actions carry the admin page's CSV uploads (50 MB, see lib/ops/import/upload.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "52mb" } },
};

export default nextConfig;
