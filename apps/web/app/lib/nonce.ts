import { createContext, useContext } from "react";

/**
 * The nonce of this document's Content-Security-Policy (docs/decisions/0006), for the inline
 * scripts and styles root.tsx renders. The server sets it in entry.server.tsx; the browser
 * reads it back from the page in entry.client.tsx, so hydration sees the same attributes.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
