"use client";

import { useEffect } from "react";

export const INBOX_CHANGED = "sextinvalle:inbox-changed";

/** Tells the nav's inbox badge to re-read its counts: the page just marked messages up to `marker` as read. */
export function InboxSeen({ marker }: { marker: number }) {
  useEffect(() => {
    window.dispatchEvent(new CustomEvent(INBOX_CHANGED, { detail: marker }));
  }, [marker]);
  return null;
}
