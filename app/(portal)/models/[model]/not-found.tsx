import Link from "next/link";

export default function ModelNotFound() {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm" data-testid="model-not-found">
      <h1 className="text-lg font-semibold text-slate-900">No such model</h1>
      <p className="mt-2 text-sm text-slate-600">
        The address names a vehicle model that is not on record, or is not a model name at all (empty, too long, or with control
        characters).
      </p>
      <Link href="/models" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
        All models
      </Link>
    </div>
  );
}
