export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
        <rect width="32" height="32" rx="7" fill="#047857" />
        <path d="M18.5 4 8 18h7l-1.5 10L24 14h-7z" fill="#fff" />
      </svg>
      Volta Analytics
    </span>
  );
}
