import { ChartSkeleton, StatsSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <StatsSkeleton />
      <ChartSkeleton />
    </div>
  );
}
