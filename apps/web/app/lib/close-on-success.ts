import { useEffect } from "react";
import type { FetcherWithComponents } from "react-router";

/** Closes a dialog once its form's submission came back successful (`{ ok: true }`). */
export function useCloseOnSuccess(fetcher: FetcherWithComponents<unknown>, onClose: () => void) {
  const ok = (fetcher.data as { ok?: boolean } | undefined)?.ok === true;
  useEffect(() => {
    if (fetcher.state === "idle" && ok) onClose();
  }, [fetcher.state, ok, onClose]);
}
