export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <p className="rounded-card border border-dashed border-ink-100 p-6 text-center text-sm text-ink-500">{children}</p>
  );
}
