import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { solvedChallenge, TEST_INTAKE_SECRET } from "@rdlink/core/testing/proof-of-work";
import { createReadableStreamFromReadable } from "@react-router/node";
import { afterEach, describe, expect, it } from "vitest";
import { INTAKE_FORM_LIMITS, readIntakeForm } from "./intake.server";
import { FormLimitError, type MultipartLimits, readMultipartForm } from "./multipart.server";
import { endConnectionIfBodyUnread } from "./unread-body.server";

/**
 * The streaming form reader on real Requests whose bodies are produced only as they are read
 * (so `pulled` is what the server took): every limit refuses the moment it is passed and
 * leaves the rest unread. At the end, the public form over HTTP as the attacker of issue 13
 * sends it: the refusal is out within a second of the first byte, and the rest is not taken.
 */

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const BOUNDARY = "----rdlinkBoundaryK7M2QD";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

type TestPart =
  | { name: string; value: string }
  | { name: string; filename: string; type?: string; bytes: Uint8Array }
  /** A file of `size` bytes made as it is sent, in CHUNK pieces. */
  | { name: string; filename: string; type?: string; size: number };

function* bodyPieces(parts: TestPart[]): Generator<Uint8Array> {
  const zeros = new Uint8Array(CHUNK);
  for (const part of parts) {
    const disposition =
      "filename" in part
        ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? "image/png"}`
        : `form-data; name="${part.name}"`;
    yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`);
    if ("value" in part) yield Buffer.from(part.value);
    else if ("bytes" in part) yield part.bytes;
    else for (let left = part.size; left > 0; left -= CHUNK) yield zeros.subarray(0, Math.min(CHUNK, left));
    yield Buffer.from("\r\n");
  }
  yield Buffer.from(`--${BOUNDARY}--\r\n`);
}

function multipartRequest(parts: TestPart[], contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
  const pieces = bodyPieces(parts);
  let pulled = 0;
  // highWaterMark 0: a piece is made only when the reader asks for one.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = pieces.next();
        if (next.done) return controller.close();
        pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/s/450107-K7M2QD", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

const LIMITS: MultipartLimits = {
  fieldBytes: 64 * 1024,
  textBytes: 256 * 1024,
  fields: 50,
  fileBytes: 10 * MB,
  files: 3,
};

describe("readMultipartForm", () => {
  it("gives the text fields (x[] as arrays) and the non-empty files, in the order sent", async () => {
    const { request } = multipartRequest([
      { name: "content", value: "村口路灯坏了" },
      { name: "tags[]", value: "a" },
      { name: "tags[]", value: "" },
      { name: "tags[]", value: "b" },
      { name: "photos", filename: "路灯.png", bytes: PNG },
      { name: "photos", filename: "second.png", bytes: PNG.subarray(0, 10) },
      { name: "extra", filename: "", type: "application/octet-stream", bytes: new Uint8Array() },
    ]);
    const fields: string[] = [];
    const form = await readMultipartForm(request, LIMITS, { onField: (name) => void fields.push(name) });
    expect(form.values).toEqual({ content: "村口路灯坏了", tags: ["a", "b"], photos: undefined, extra: undefined });
    expect(fields).toEqual(["content", "tags[]", "tags[]", "tags[]"]);
    const photos = form.files("photos");
    expect(photos.map((p) => [p.filename, p.declaredType, p.bytes.byteLength])).toEqual([
      ["路灯.png", "image/png", PNG.byteLength],
      ["second.png", "image/png", 10],
    ]);
    expect(Buffer.from(photos[0]!.bytes).equals(PNG)).toBe(true);
    expect(form.files("extra")).toEqual([]);
  });

  it("refuses a text field over its limit (413) as soon as it passes it: the rest is never read", async () => {
    const huge = requestWithTextOf(20 * MB);
    const refusal = await readMultipartForm(huge.request, LIMITS).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(FormLimitError);
    expect(refusal).toMatchObject({ status: 413, messageKey: "errors.fieldTooLarge", limit: "fieldBytes" });
    expect(huge.pulled()).toBeLessThan(LIMITS.fieldBytes + 3 * CHUNK);
  });

  it("refuses the fourth photo (400) at its first byte", async () => {
    const photo = (i: number) => ({ name: "photos", filename: `${i}.png`, size: 300 * 1024 });
    const { request, pulled } = multipartRequest([photo(1), photo(2), photo(3), photo(4), photo(5)]);
    const refusal = await readMultipartForm(request, LIMITS).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ status: 400, messageKey: "errors.tooManyFiles", limit: "files" });
    expect(pulled()).toBeLessThan(3 * 300 * 1024 + 2 * CHUNK);
  });

  it("refuses a file over 10 MB (413) at the byte past the limit: 60 MB sent, about 10 MB read", async () => {
    const { request, pulled } = multipartRequest([
      { name: "content", value: "照片太大" },
      { name: "photos", filename: "big.jpg", size: 60 * MB },
    ]);
    const refusal = await readMultipartForm(request, LIMITS).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ status: 413, messageKey: "errors.fileTooLarge", limit: "fileBytes" });
    expect(pulled()).toBeLessThan(10 * MB + 2 * CHUNK);
  });

  it("refuses too many text fields, and too much text in all (413)", async () => {
    const many = multipartRequest(Array.from({ length: 60 }, (_, i) => ({ name: `f${i}`, value: "x" })));
    await expect(readMultipartForm(many.request, LIMITS)).rejects.toMatchObject({ status: 413, limit: "fields" });
    const wordy = multipartRequest(
      Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, value: "字".repeat(20_000) })),
    );
    await expect(readMultipartForm(wordy.request, LIMITS)).rejects.toMatchObject({ status: 413, limit: "textBytes" });
  });

  it("refuses NUL or a lone surrogate (400), and a body that is not multipart (400)", async () => {
    const nul = multipartRequest([{ name: "content", value: "路灯\u0000坏了" }]);
    await expect(readMultipartForm(nul.request, LIMITS)).rejects.toMatchObject({
      data: { messageKey: "errors.invalidCharacters" },
      init: { status: 400 },
    });
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=nope" },
      body: "this is not multipart",
    });
    await expect(readMultipartForm(request, LIMITS)).rejects.toMatchObject({
      data: { messageKey: "errors.badRequest" },
      init: { status: 400 },
    });
    const noBoundary = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "multipart/form-data" },
      body: "x",
    });
    await expect(readMultipartForm(noBoundary, LIMITS)).rejects.toMatchObject({ init: { status: 400 } });
  });

  it("reads a urlencoded form whole, with the same checks and hooks", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "content=%E8%B7%AF%E7%81%AF&ids%5B%5D=1&ids%5B%5D=2",
    });
    const seen: string[] = [];
    const form = await readMultipartForm(request, LIMITS, {
      onField: (name, value) => void seen.push(`${name}=${value}`),
    });
    expect(form.values).toEqual({ content: "路灯", ids: ["1", "2"] });
    expect(seen).toEqual(["content=路灯", "ids[]=1", "ids[]=2"]);
  });
});

/** A form whose `content` text field is `size` bytes, made as it is sent. */
function requestWithTextOf(size: number) {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="content"\r\n\r\n`);
  const text = Buffer.alloc(CHUNK, "x");
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const piece = pulled === 0 ? head : pulled < size ? text : null;
        if (!piece) return controller.close();
        pulled += piece.byteLength;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/x", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readIntakeForm", () => {
  // ALTCHA checks a challenge's expiry against the real clock, so these are real times.
  const now = new Date();
  const shownAt = new Date(now.getTime() - 60_000);
  const proof = { secret: TEST_INTAKE_SECRET, now };

  it("refuses a photo that comes before the proof of work (400), at the photo's first bytes", async () => {
    const { request, pulled } = multipartRequest([
      { name: "intakeKey", value: crypto.randomUUID() },
      { name: "photos", filename: "a.png", size: 60 * MB },
      { name: "altcha", value: await solvedChallenge(shownAt) },
    ]);
    await expect(readIntakeForm(request, proof)).rejects.toMatchObject({
      status: 400,
      formError: "intake.errors.notReady",
    });
    expect(pulled()).toBeLessThan(2 * CHUNK);
  });

  it("refuses a bad proof of work when its field arrives, before a byte of the photo after it is kept", async () => {
    const { request, pulled } = multipartRequest([
      { name: "intakeKey", value: crypto.randomUUID() },
      { name: "altcha", value: Buffer.from('{"challenge":{},"solution":{}}').toString("base64") },
      { name: "photos", filename: "a.png", size: 60 * MB },
    ]);
    await expect(readIntakeForm(request, proof)).rejects.toMatchObject({
      status: 400,
      formError: "intake.errors.reload",
    });
    expect(pulled()).toBeLessThan(2 * CHUNK);
  });

  it("refuses a proof of work sent too fast after the page was shown", async () => {
    const { request } = multipartRequest([{ name: "altcha", value: await solvedChallenge(shownAt) }]);
    await expect(readIntakeForm(request, { ...proof, now: new Date(shownAt.getTime() + 1000) })).rejects.toMatchObject({
      formError: "intake.errors.tooFast",
    });
  });

  it("takes up to three photos after a solved proof of work; the fourth is refused as submitOpinion words it", async () => {
    const altcha = await solvedChallenge(shownAt);
    const photo = (i: number) => ({ name: "photos", filename: `${i}.png`, bytes: PNG });
    const three = multipartRequest([
      { name: "altcha", value: altcha },
      { name: "content", value: "路灯坏了" },
      photo(1),
      photo(2),
      photo(3),
    ]);
    const form = await readIntakeForm(three.request, proof);
    expect(form.values).toMatchObject({ altcha, content: "路灯坏了" });
    expect(form.files("photos")).toHaveLength(3);

    const four = multipartRequest([{ name: "altcha", value: altcha }, photo(1), photo(2), photo(3), photo(4)]);
    await expect(readIntakeForm(four.request, proof)).rejects.toMatchObject({
      status: 400,
      fieldErrors: { photos: "validation.tooManyPhotos" },
    });
  });

  it("keeps the order of a form that arrives in one read: the proof of work before the photo", async () => {
    const whole = Buffer.concat([
      ...bodyPieces([
        { name: "intakeKey", value: crypto.randomUUID() },
        { name: "altcha", value: await solvedChallenge(shownAt) },
        { name: "content", value: "路灯坏了" },
        { name: "photos", filename: "a.png", bytes: PNG },
      ]),
    ]);
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: whole,
    });
    const form = await readIntakeForm(request, proof);
    expect(form.files("photos")).toHaveLength(1);
    expect(form.values).toMatchObject({ content: "路灯坏了" });
  });

  it("refuses a text field over 64 KB (413)", async () => {
    const { request } = multipartRequest([{ name: "content", value: "x".repeat(INTAKE_FORM_LIMITS.fieldBytes + 1) }]);
    await expect(readIntakeForm(request, proof)).rejects.toMatchObject({
      status: 413,
      messageKey: "errors.fieldTooLarge",
    });
  });
});

describe("the public form over HTTP, as the attacker sends it", () => {
  const servers: http.Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it("answers 400 within a second of the first byte, then takes none of the 60 MB photo", async () => {
    // What server.ts and the Express adapter do with a request, around readIntakeForm.
    const server = http.createServer((req, res) => {
      endConnectionIfBodyUnread(req, res);
      const request = new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: createReadableStreamFromReadable(req),
        duplex: "half",
      } as RequestInit);
      readIntakeForm(request, { secret: TEST_INTAKE_SECRET, now: new Date() }).then(
        () => res.writeHead(200).end("ok"),
        (error: { status?: number }) => res.writeHead(error.status ?? 500).end("refused"),
      );
    });
    servers.push(server);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    const head = Buffer.concat([...bodyPieces([{ name: "altcha", value: "bm90IGEgcHJvb2Y=" }])].slice(0, -1));
    const photoHead = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const photoBytes = 60 * MB;
    const length = head.byteLength + photoHead.byteLength + photoBytes;
    const client = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/s/450107-K7M2QD.data",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": length },
    });
    const started = performance.now();
    let written = 0;
    let closed = false;
    client.on("error", () => {});
    client.on("close", () => {
      closed = true;
    });
    const answered = new Promise<{ status: number; ms: number }>((resolve) =>
      client.on("response", (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
      }),
    );
    // 6 MB/s: the whole photo would take 10 s.
    const sending = (async () => {
      client.write(head);
      client.write(photoHead);
      const chunk = Buffer.alloc(CHUNK);
      while (written < photoBytes && !closed) {
        if (!client.write(chunk)) await Promise.race([once(client, "drain"), sleep(50)]);
        written += CHUNK;
        await sleep(10);
      }
    })();
    const { status, ms } = await answered;
    expect(status).toBe(400);
    expect(ms).toBeLessThan(1000);
    // The connection ends soon after the answer; the sender is stopped long before 60 MB.
    await sending;
    expect(closed).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(written).toBeLessThan(20 * MB);
  });
});
