/** After `react-router build`: writes brotli and gzip copies of the browser's assets (see app/lib/compression.server.ts). */
import { precompressAssets } from "../app/lib/compression.server";

const { files, bytes, brotliBytes } = precompressAssets("build/client");
console.log(
  `precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KB → ${(brotliBytes / 1024).toFixed(0)} KB with brotli`,
);
