"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * A modal confirmation (native <dialog>: focus trap, Escape closes, the page behind is inert). Destructive
 * actions open it instead of acting at once; `onConfirm` runs only after "confirm" is pressed.
 * `children` may add fields (a reason); their values reach `onConfirm` as FormData.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  cancelLabel = "Volver",
  tone = "danger",
  pending = false,
  error,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  pending?: boolean;
  error?: string | null;
  onConfirm: (form: FormData) => void;
  onClose: () => void;
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-ink-100 p-0 shadow-xl backdrop:bg-ink-900/40"
      onClose={onClose}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
    >
      <form
        className="flex flex-col gap-3 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(new FormData(e.currentTarget));
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="text-sm text-ink-700">{description}</div>
        {children}
        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="mt-2 flex justify-end gap-2">
          <button className="btn-secondary" type="button" onClick={onClose} disabled={pending}>
            {cancelLabel}
          </button>
          <button className={tone === "danger" ? "btn-danger" : "btn-primary"} type="submit" disabled={pending}>
            {pending ? "Un momento…" : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** A button that asks first: opens the dialog, then runs `action`; an error keeps the dialog open. */
export function ConfirmButton({
  label,
  className = "btn-secondary",
  action,
  ...dialog
}: {
  label: string;
  className?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  children?: React.ReactNode;
  action: (form: FormData) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button className={className} type="button" onClick={() => setOpen(true)}>
        {label}
      </button>
      <ConfirmDialog
        {...dialog}
        open={open}
        pending={pending}
        error={error}
        onClose={() => {
          setOpen(false);
          setError(null);
        }}
        onConfirm={async (form) => {
          setPending(true);
          try {
            const failure = await action(form);
            setError(failure);
            if (!failure) setOpen(false);
          } finally {
            setPending(false);
          }
        }}
      />
    </>
  );
}
