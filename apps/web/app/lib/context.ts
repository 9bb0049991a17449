import type { SignedIn } from "@rdlink/core/auth/load-actor";
import { createContext } from "react-router";

/** The signed-in user of this request, or null; set once by the session middleware. */
export const signedInContext = createContext<SignedIn | null>(null);

/** The client's address as the server saw it (behind a proxy: X-Forwarded-For, trusted one hop). */
export const clientIpContext = createContext<string | null>(null);
