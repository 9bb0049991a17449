import { getStoredFile } from "@rdlink/core/files/get-stored-file";
import { readStoredImage } from "@rdlink/core/files/store-image";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import { filesDirectory } from "~/lib/files.server";
import type { Route } from "./+types/file";

/**
 * A stored photo of the county. Served as an attachment with nosniff and a sandbox
 * policy, so even a file that slipped past the checks cannot run as a page here;
 * `<img>` tags show it all the same.
 */
export async function loader(args: Route.LoaderArgs) {
  const county = countyRequest(args);
  const bytes = await loadOr404(async () => {
    const file = await county.inTenant((tx, ctx) => getStoredFile(tx, ctx, args.params.fileId));
    return { file, bytes: await readStoredImage(filesDirectory(), file.storedName) };
  });
  return new Response(new Uint8Array(bytes.bytes), {
    headers: {
      "Content-Type": bytes.file.mimeType,
      "Content-Disposition": "attachment",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=86400, immutable",
    },
  });
}
