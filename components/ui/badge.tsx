const TONES = {
  neutral: "bg-ink-100 text-ink-700",
  ok: "bg-green-100 text-ok",
  warn: "bg-amber-100 text-warn",
  danger: "bg-red-100 text-danger",
  brand: "bg-brand-100 text-brand-700",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}
