import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "../shared/errors.ts";
import { isStoredImageName, readStoredImage, storedImageMimeType, storeImage, UploadError } from "./store-image.ts";
import { MAX_UPLOAD_BYTES } from "./upload-policy.ts";

const UUID_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.(jpg|png)$/;
/** GPSLatitude 39/1 54/1 … as little-endian rationals, the way libvips writes them. */
const GPS_LATITUDE_BYTES = Buffer.from([39, 0, 0, 0, 1, 0, 0, 0, 54, 0, 0, 0, 1, 0, 0, 0]);

let root: string;
let dir: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "rdlink-files-"));
  dir = path.join(root, "tenant-1", "images"); // does not exist yet: storeImage creates it
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function solid(width: number, height: number, channels: 3 | 4 = 3, background = "#3a6ea5") {
  return sharp({ create: { width, height, channels, background } });
}

/** A phone-like photo: rotated by EXIF, with camera make/model and a GPS position. */
async function phoneJpeg(): Promise<Buffer> {
  return solid(64, 32)
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: "RdlinkTestCam", Model: "Model-X1" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "39/1 54/1 27/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "116/1 23/1 0/1",
        },
      },
    })
    .toBuffer();
}

/** A valid-looking PNG whose header claims 50000 × 50000 pixels but carries almost no data. */
function pixelFloodPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function expectUploadError(promise: Promise<unknown>, status: number, messageKey: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadError);
  expect(error).toMatchObject({ status, messageKey });
}

describe("storeImage", () => {
  it("re-encodes a phone JPEG: orientation applied, EXIF and GPS gone, private file under a UUID name", async () => {
    const original = await phoneJpeg();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(original.includes("RdlinkTestCam")).toBe(true);
    expect(original.includes(GPS_LATITUDE_BYTES)).toBe(true);

    const stored = await storeImage(
      { bytes: original, filename: "IMG_0001.JPG", declaredType: "image/jpeg" },
      {
        directory: dir,
      },
    );
    expect(stored.storedName).toMatch(UUID_NAME);
    expect(stored.storedName).toBe(`${stored.id}.jpg`);
    expect(stored.mimeType).toBe("image/jpeg");
    expect([stored.width, stored.height]).toEqual([32, 64]); // rotated upright

    const file = path.join(dir, stored.storedName);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    const saved = fs.readFileSync(file);
    expect(saved.byteLength).toBe(stored.bytes);
    const after = await sharp(saved).metadata();
    expect(after.format).toBe("jpeg");
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([32, 64]);
    expect(saved.includes("RdlinkTestCam")).toBe(false);
    expect(saved.includes(GPS_LATITUDE_BYTES)).toBe(false);

    expect(Buffer.from(await readStoredImage(dir, stored.storedName)).equals(saved)).toBe(true);
  });

  it("never uses the uploaded name in the path", async () => {
    const bytes = await solid(8, 8).jpeg().toBuffer();
    const stored = await storeImage({ bytes, filename: "../../../etc/cron.d/evil.jpg" }, { directory: dir });
    expect(stored.storedName).toMatch(UUID_NAME);
    expect(fs.existsSync(path.join(dir, stored.storedName))).toBe(true);
    expect(fs.readdirSync(root)).toEqual(["tenant-1"]);
    expect(fs.readdirSync(dir).every((n) => UUID_NAME.test(n))).toBe(true);
  });

  it("keeps a PNG with alpha as PNG and turns an opaque PNG and a WebP into JPEG", async () => {
    const transparent = await solid(10, 6, 4, "#ff000080").png().toBuffer();
    const a = await storeImage({ bytes: transparent, filename: "logo.png" }, { directory: dir });
    expect(a).toMatchObject({ mimeType: "image/png", width: 10, height: 6 });
    expect(a.storedName.endsWith(".png")).toBe(true);
    expect((await sharp(path.join(dir, a.storedName)).metadata()).hasAlpha).toBe(true);

    const opaque = await solid(10, 6).png().toBuffer();
    const b = await storeImage({ bytes: opaque, filename: "scan.png" }, { directory: dir });
    expect(b).toMatchObject({ mimeType: "image/jpeg", width: 10, height: 6 });
    expect(b.storedName.endsWith(".jpg")).toBe(true);

    const webp = await solid(12, 12, 4, "#00000000").webp().toBuffer();
    const c = await storeImage({ bytes: webp, filename: "photo.webp", declaredType: "image/webp" }, { directory: dir });
    expect(c).toMatchObject({ mimeType: "image/jpeg", width: 12, height: 12 });
    // Transparent areas become white, not black, in the JPEG.
    const { data } = await sharp(path.join(dir, c.storedName)).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
  });

  it("caps the longest side at 2560 px and never enlarges", async () => {
    const big = await solid(3000, 1500).jpeg({ quality: 50 }).toBuffer();
    const stored = await storeImage({ bytes: big, filename: "wide.jpeg" }, { directory: dir });
    expect([stored.width, stored.height]).toEqual([2560, 1280]);
    const meta = await sharp(path.join(dir, stored.storedName)).metadata();
    expect([meta.width, meta.height]).toEqual([2560, 1280]);
  });

  it("accepts the usual declared-type spellings", async () => {
    const bytes = await solid(4, 4).jpeg().toBuffer();
    for (const declaredType of ["image/jpg", "IMAGE/JPEG", "application/octet-stream", ""]) {
      await expect(storeImage({ bytes, filename: "a.jpg", declaredType }, { directory: dir })).resolves.toMatchObject({
        mimeType: "image/jpeg",
      });
    }
  });

  it("answers 413 for files over the limit", async () => {
    await expectUploadError(
      storeImage({ bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1), filename: "huge.jpg" }, { directory: dir }),
      413,
      "errors.fileTooLarge",
    );
  });

  describe("answers 415 when the bytes are not the image the name says", () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n");
    const cases: [string, () => Promise<Uint8Array>, string, string?][] = [
      ["a PDF named .jpg", async () => pdf, "photo.jpg"],
      ["PNG bytes named .jpg", () => solid(4, 4).png().toBuffer(), "x.jpg"],
      ["JPEG bytes named .png", () => solid(4, 4).jpeg().toBuffer(), "x.png"],
      ["WebP bytes named .jpeg", () => solid(4, 4).webp().toBuffer(), "x.jpeg"],
      ["a JPEG with no extension", () => solid(4, 4).jpeg().toBuffer(), "photo"],
      ["a GIF", () => solid(4, 4).gif().toBuffer(), "anim.gif"],
      ["a GIF named .png", () => solid(4, 4).gif().toBuffer(), "anim.png"],
      ["text", async () => new TextEncoder().encode("hello"), "notes.jpg"],
      ["an empty file", async () => new Uint8Array(0), "empty.jpg"],
      ["a JPEG declared as PNG", () => solid(4, 4).jpeg().toBuffer(), "x.jpg", "image/png"],
      ["a JPEG declared as PDF", () => solid(4, 4).jpeg().toBuffer(), "x.jpg", "application/pdf"],
    ];
    it.each(cases)("%s", async (_, make, filename, declaredType) => {
      await expectUploadError(
        storeImage({ bytes: await make(), filename, declaredType }, { directory: dir }),
        415,
        "errors.fileTypeMismatch",
      );
    });
  });

  describe("answers 400 for images it cannot or should not decode", () => {
    it("a PNG header claiming 50000 × 50000 pixels", async () => {
      const flood = pixelFloodPng();
      expect(flood.byteLength).toBeLessThan(2048);
      await expectUploadError(
        storeImage({ bytes: flood, filename: "flood.png" }, { directory: dir }),
        400,
        "errors.imageUnreadable",
      );
    });

    it("an image over a lowered pixel limit, which cannot be raised", async () => {
      const bytes = await solid(2000, 1000).png({ compressionLevel: 1 }).toBuffer();
      await expectUploadError(
        storeImage({ bytes, filename: "wide.png" }, { directory: dir, maxInputPixels: 1_000_000 }),
        400,
        "errors.imageUnreadable",
      );
      await expect(
        storeImage({ bytes, filename: "wide.png" }, { directory: dir, maxInputPixels: 2_000_000 }),
      ).resolves.toMatchObject({ width: 2000, height: 1000 });
      await expectUploadError(
        storeImage({ bytes: pixelFloodPng(), filename: "flood.png" }, { directory: dir, maxInputPixels: 1e12 }),
        400,
        "errors.imageUnreadable",
      );
    });

    it("a JPEG signature followed by garbage", async () => {
      const bytes = new Uint8Array(4096);
      bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
      for (let i = 11; i < bytes.length; i++) bytes[i] = (i * 131) % 256;
      await expectUploadError(
        storeImage({ bytes, filename: "broken.jpg" }, { directory: dir }),
        400,
        "errors.imageUnreadable",
      );
    });

    it("a truncated JPEG", async () => {
      const full = await solid(200, 200, 3, "#808080").jpeg().toBuffer();
      await expectUploadError(
        storeImage(
          { bytes: full.subarray(0, Math.floor(full.byteLength / 2)), filename: "cut.jpg" },
          { directory: dir },
        ),
        400,
        "errors.imageUnreadable",
      );
    });
  });
});

describe("readStoredImage", () => {
  it.each([
    "../etc/passwd",
    "/etc/passwd",
    "photo.jpg",
    "0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.JPG",
    "0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.gif",
    "0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.jpg/../../../etc/passwd",
    "../0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.jpg",
    "0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.jpg\0",
  ])("refuses %j", async (name) => {
    expect(isStoredImageName(name)).toBe(false);
    await expect(readStoredImage(dir, name)).rejects.toBeInstanceOf(NotFoundError);
    expect(() => storedImageMimeType(name)).toThrow(NotFoundError);
  });

  it("answers NotFoundError for a well-formed name that is not there", async () => {
    await expect(readStoredImage(dir, "0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.jpg")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("maps stored names to their content type", () => {
    expect(storedImageMimeType("0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.jpg")).toBe("image/jpeg");
    expect(storedImageMimeType("0b6e9e0e-2d8c-4e43-9d6c-2f7f6c1f1a7b.png")).toBe("image/png");
  });
});
