import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import compression from "compression";
import type { RequestHandler } from "express";

/**
 * Compressed answers (docs/decisions/0016-a-light-public-entry.md). The build's assets are
 * compressed once, at build time, at the strongest settings (brotli 11, gzip 9) and served as
 * they are; pages, `.data` and the API are compressed as they stream out, brotli when the
 * browser accepts it, else gzip.
 */

/** What is worth compressing: text. Images and fonts are compressed already. */
const TEXT_FILE = /\.(js|mjs|css|svg|json|html|txt|map|webmanifest)$/;
/** Below this, the headers cost more than the bytes saved. */
const MIN_BYTES = 1024;

function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Writes `<file>.br` and `<file>.gz` beside every text file under root worth it; answers how many. */
export function precompressAssets(root: string): { files: number; bytes: number; brotliBytes: number } {
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  for (const file of filesUnder(root)) {
    if (!TEXT_FILE.test(file) || statSync(file).size < MIN_BYTES) continue;
    const content = readFileSync(file);
    const brotli = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gzip = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
    if (brotli.length < content.length) writeFileSync(`${file}.br`, brotli);
    if (gzip.length < content.length) writeFileSync(`${file}.gz`, gzip);
    files += 1;
    bytes += content.length;
    brotliBytes += Math.min(brotli.length, content.length);
  }
  return { files, bytes, brotliBytes };
}

/**
 * Serves `<file>.br` (or `.gz`) for a file under root when the browser accepts it and the build
 * made one, with the original's type; anything else falls through to express.static. The list
 * of compressed files is read once: the build does not change under a running process.
 */
export function precompressedStatic(root: string, options: { maxAge: string; immutable: boolean }): RequestHandler {
  const base = path.resolve(root);
  const available = new Set(filesUnder(base).filter((file) => /\.(br|gz)$/.test(file)));
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(base, path.normalize(relative));
    if (!file.startsWith(base + path.sep)) return next();
    const encoding =
      req.acceptsEncodings("br") && available.has(`${file}.br`)
        ? "br"
        : req.acceptsEncodings("gzip") && available.has(`${file}.gz`)
          ? "gzip"
          : null;
    res.vary("Accept-Encoding");
    if (!encoding) return next();
    res.type(path.extname(file));
    res.setHeader("Content-Encoding", encoding);
    res.sendFile(`${file}.${encoding === "br" ? "br" : "gz"}`, options, (error) => {
      if (error) next(error);
    });
  };
}

/** Pages, `.data` and the API, compressed as they stream (each chunk React Router flushes goes out at once). */
export function compressedResponses(): RequestHandler {
  return compression({
    threshold: MIN_BYTES,
    // Quality 5: about gzip's speed, a tenth smaller (the default, 4, is a little larger).
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}
