import { once } from "node:events";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { exportCounty } from "@rdlink/core/tenants/export-county";
import { filesDirectory } from "@rdlink/env";
import { platformAction } from "~/lib/platform-route.server";
import type { Route } from "./+types/tenant-export";

/**
 * 导出全部数据: the county's whole data as one .tar.gz, posted (it is recorded on the county and in
 * the platform's audit log). The archive is streamed from a temporary file that is unlinked as
 * soon as it is open, so nothing of the county stays behind on the server.
 */
export function action(args: Route.ActionArgs) {
  return platformAction(args, async (platform) => {
    await platform.form(); // one purpose: a form naming an intent is refused
    const folder = await mkdtemp(path.join(os.tmpdir(), "rdlink-county-"));
    const archivePath = path.join(folder, "county.tar.gz");
    try {
      const manifest = await platform.withDatabase((db, ctx) =>
        exportCounty(db, ctx, { tenantId: args.params.tenantId }, { filesDirectory: filesDirectory(), archivePath }),
      );
      const stream = createReadStream(archivePath);
      await once(stream, "open");
      const day = manifest.exportedAt.slice(0, 10);
      const filename = `${manifest.county.name}_${manifest.county.divisionCode}_全部数据_${day}.tar.gz`;
      return new Response(Readable.toWeb(stream) as ReadableStream, {
        headers: {
          "Content-Type": "application/gzip",
          "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
          "Cache-Control": "no-store",
        },
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
}

/** A GET of the address (a bookmark, a crawler) exports nothing. */
export function loader(): never {
  throw new Response(null, { status: 405, headers: { Allow: "POST" } });
}
