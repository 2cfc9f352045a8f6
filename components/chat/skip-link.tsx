// The first stop of the keyboard: straight to the message box (a focusable fragment target takes the focus).
export function SkipToChat() {
  return (
    <a
      href="#chat-input"
      className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-semibold text-ink-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-brand-600"
    >
      Ir al chat
    </a>
  );
}
