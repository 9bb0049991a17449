import { Transform } from "node:stream";
import { fallbackLanguage } from "@rdlink/i18n";
import { createReadableStreamFromReadable } from "@react-router/node";
import type { i18n } from "i18next";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { type EntryContext, type RouterContextProvider, ServerRouter } from "react-router";
import { getInstance, translatorFor } from "~/lib/i18n.server";
import { NonceContext } from "~/lib/nonce";
import { newNonce, setDocumentSecurityHeaders } from "~/lib/security-headers.server";

export const streamTimeout = 5_000;

// The middleware never runs when no route matches (no splat route) or for 405s,
// so context.get() would throw; fall back to the default language's translator.
function i18nFor(ctx: RouterContextProvider): i18n {
  try {
    return getInstance(ctx);
  } catch {
    return translatorFor(fallbackLanguage);
  }
}

/**
 * React writes a page in pieces of a few KB, and each piece passed on alone would be its own write
 * to the socket (and flush of the compressor): what it writes in one go is passed on as one chunk.
 * `onEnd` runs when React has written everything.
 */
function coalescedWrites(onEnd: () => void) {
  let pending: Buffer[] = [];
  let scheduled = false;
  const passPending = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    stream.push(chunk);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(passPending);
      }
      callback();
    },
    flush(callback) {
      passPending();
      onEnd();
      callback();
    },
  });
  return stream;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  entryContext: EntryContext,
  routerContext: RouterContextProvider,
) {
  // One nonce per document, in its policy and on every inline script it renders.
  const nonce = newNonce();
  setDocumentSecurityHeaders(request, responseHeaders, nonce, { development: import.meta.env.DEV });
  // The client has gone (it closed the connection while the loaders ran): nobody reads this page,
  // which React Router would otherwise render as an error page for the interrupted loaders.
  if (request.signal.aborted) return new Response(null, { status: 499, headers: responseHeaders });
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || entryContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <NonceContext value={nonce}>
        <I18nextProvider i18n={i18nFor(routerContext)}>
          <ServerRouter context={entryContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceContext>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = coalescedWrites(() => {
            clearTimeout(timeoutId);
            timeoutId = undefined;
          });
          responseHeaders.set("Content-Type", "text/html");
          pipe(body);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

// The Express server sets the client's address on this context key, and must use the
// build's own copy of it (see server.ts).
export { clientIpContext } from "./lib/context";
