import Link from "next/link";

/** The 403 page's content: shown for a URL the user's role or plants do not cover. */
export function ForbiddenMessage() {
  return (
    <div className="flex min-h-[60vh] items-center justify-center px-4" data-testid="forbidden">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">You do not have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your role does not include it, or it belongs to a plant outside your responsibility. If you need it for your
          work, ask an administrator.
        </p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
        >
          Go to the overview
        </Link>
      </div>
    </div>
  );
}
