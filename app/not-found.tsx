import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, so that its scripts carry the request's CSP nonce.
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is no page at this address. Check the link, or go back to the dashboards.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
