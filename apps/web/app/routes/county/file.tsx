import { getStoredFile } from "@rdlink/core/files/get-stored-file";
import { readStoredImage } from "@rdlink/core/files/store-image";
import { getDatabase } from "@rdlink/db";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { filesDirectory } from "~/lib/files.server";
import type { Route } from "./+types/file";

/**
 * A stored photo of the county. Served as an attachment with nosniff and a sandbox
 * policy, so even a file that slipped past the checks cannot run as a page here;
 * `<img>` tags show it all the same.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const bytes = await loadOr404(async () => {
    const file = await getDatabase().withTenant(tenantId, (tx) => getStoredFile(tx, ctx, params.fileId));
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
