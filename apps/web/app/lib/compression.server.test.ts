import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressedResponses, precompressAssets, precompressedStatic } from "./compression.server";

const script = `export const words = ${JSON.stringify("人大代表联络站 ".repeat(400))};\n`;
let root: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "precompress-"));
  writeFileSync(path.join(root, "app.js"), script);
  writeFileSync(path.join(root, "tiny.js"), "export {};\n");
  writeFileSync(path.join(root, "photo.png"), Buffer.alloc(4096, 7));
  precompressAssets(root);
  const app = express();
  app.use(compressedResponses());
  app.use("/assets", precompressedStatic(root, { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static(root));
  app.get("/page", (_req, res) => {
    res.type("html").send(`<p>${"意见建议 ".repeat(500)}</p>`);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  rmSync(root, { recursive: true, force: true });
});

function fetchRaw(url: string, encoding: string): Promise<{ response: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "Accept-Encoding": encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ response, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("precompressed assets", () => {
  it("writes brotli and gzip copies of text files only, when they are worth it", () => {
    expect(brotliDecompressSync(readFileSync(path.join(root, "app.js.br"))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(path.join(root, "app.js.gz"))).toString()).toBe(script);
    expect(() => readFileSync(path.join(root, "tiny.js.br"))).toThrow();
    expect(() => readFileSync(path.join(root, "photo.png.br"))).toThrow();
  });

  it("serves brotli when accepted, else gzip, else the file, with the file's type", async () => {
    const brotli = await fetchRaw(`${base}/assets/app.js`, "gzip, deflate, br");
    expect(brotli.response.headers["content-encoding"]).toBe("br");
    expect(brotli.response.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(brotli.response.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotli.response.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(brotli.body).toString()).toBe(script);

    const gzip = await fetchRaw(`${base}/assets/app.js`, "gzip");
    expect(gzip.response.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const plain = await fetchRaw(`${base}/assets/app.js`, "identity");
    expect(plain.response.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("does not leave the folder, and falls through for files it has no copy of", async () => {
    expect((await fetchRaw(`${base}/assets/..%2F..%2Fetc%2Fpasswd`, "br")).response.statusCode).toBe(404);
    const tiny = await fetchRaw(`${base}/assets/tiny.js`, "br");
    expect(tiny.response.statusCode).toBe(200);
    expect(tiny.body.toString()).toBe("export {};\n");
  });

  it("compresses pages as they go, brotli first", async () => {
    const page = await fetchRaw(`${base}/page`, "gzip, br");
    expect(page.response.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(page.body).toString()).toContain("意见建议");
    expect((await fetchRaw(`${base}/page`, "gzip")).response.headers["content-encoding"]).toBe("gzip");
  });
});
