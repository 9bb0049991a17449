import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { NotFoundError } from "../shared/errors.ts";
import {
  ALLOWED_IMAGE_KINDS,
  type ImageKind,
  imageKindForFilename,
  imageKindForMimeType,
  MAX_INPUT_PIXELS,
  MAX_STORED_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  STORED_JPEG_QUALITY,
} from "./upload-policy.ts";

/**
 * An upload refused on purpose. `messageKey` is an i18n key; `status` is the HTTP
 * status the web app answers with (413 too large, 415 wrong type, 400 unreadable).
 */
export class UploadError extends Error {
  constructor(
    readonly status: 413 | 415 | 400,
    readonly messageKey: string,
  ) {
    super(messageKey);
    this.name = "UploadError";
  }
}

export type StoredImageMimeType = "image/jpeg" | "image/png";

export interface StoredImage {
  id: string;
  /** `${id}.jpg` or `${id}.png`, inside the store directory. */
  storedName: string;
  mimeType: "image/jpeg" | "image/webp" | "image/png";
  width: number;
  height: number;
  /** Size of the stored (re-encoded) file. */
  bytes: number;
}

export interface StoreImageOptions {
  /** Where stored images live; created (mode 0o750) if missing. */
  directory: string;
  /** Lowers MAX_INPUT_PIXELS; for tests. Cannot raise it. */
  maxInputPixels?: number;
}

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.(?:jpg|png)$/;

/** True for names storeImage generates; anything else (paths, "..", uploaded names) is false. */
export function isStoredImageName(storedName: string): boolean {
  return STORED_NAME.test(storedName);
}

/** The Content-Type to serve a stored image with; throws NotFoundError for names storeImage never makes. */
export function storedImageMimeType(storedName: string): StoredImageMimeType {
  if (!isStoredImageName(storedName)) throw new NotFoundError();
  return storedName.endsWith(".png") ? "image/png" : "image/jpeg";
}

/** Works out the real image kind from the bytes; throws 415 unless name, declared type and bytes agree. */
async function sniffKind(input: { bytes: Uint8Array; filename: string; declaredType?: string }): Promise<ImageKind> {
  const mismatch = new UploadError(415, "errors.fileTypeMismatch");
  const sniffed = await fileTypeFromBuffer(input.bytes);
  const kind = sniffed ? imageKindForMimeType(sniffed.mime) : undefined;
  if (!kind) throw mismatch;
  if (imageKindForFilename(input.filename) !== kind) throw mismatch;
  const declared = input.declaredType?.trim().toLowerCase();
  if (declared && !declared.startsWith("application/octet-stream") && imageKindForMimeType(declared) !== kind) {
    throw mismatch;
  }
  return kind;
}

/** Decodes and re-encodes: EXIF orientation applied, all metadata (EXIF, GPS, XMP, IPTC) dropped, size capped. */
async function reencode(
  bytes: Uint8Array,
  kind: ImageKind,
  maxInputPixels: number,
): Promise<{ data: Buffer; width: number; height: number; format: "jpeg" | "png" }> {
  const unreadable = () => new UploadError(400, "errors.imageUnreadable");
  try {
    const image = sharp(bytes, { limitInputPixels: maxInputPixels });
    const meta = await image.metadata();
    // libvips must see the same kind as file-type: a polyglot file is refused, not guessed at.
    if (meta.format !== kind) throw new UploadError(415, "errors.fileTypeMismatch");
    if (!meta.width || !meta.height || meta.width * meta.height > maxInputPixels) throw unreadable();
    const keepPng = kind === "png" && meta.hasAlpha;
    const pipeline = image.rotate().resize({
      width: MAX_STORED_IMAGE_SIDE,
      height: MAX_STORED_IMAGE_SIDE,
      fit: "inside",
      withoutEnlargement: true,
    });
    const encoded = keepPng
      ? pipeline.png()
      : (meta.hasAlpha ? pipeline.flatten({ background: "#ffffff" }) : pipeline).jpeg({
          quality: STORED_JPEG_QUALITY,
        });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, format: keepPng ? "png" : "jpeg" };
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw unreadable();
  }
}

/**
 * Checks an uploaded photo (size, real type from its bytes, matching extension),
 * re-encodes it without metadata and writes it under a generated name in
 * `options.directory`. The uploaded file name never reaches the filesystem.
 */
export async function storeImage(
  input: { bytes: Uint8Array; filename: string; declaredType?: string },
  options: StoreImageOptions,
): Promise<StoredImage> {
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) throw new UploadError(413, "errors.fileTooLarge");
  const kind = await sniffKind(input);
  const maxInputPixels = Math.min(options.maxInputPixels ?? MAX_INPUT_PIXELS, MAX_INPUT_PIXELS);
  const { data, width, height, format } = await reencode(input.bytes, kind, maxInputPixels);

  await mkdir(options.directory, { recursive: true, mode: 0o750 });
  const id = randomUUID();
  const storedName = `${id}.${format === "png" ? "png" : "jpg"}`;
  const target = path.join(options.directory, storedName);
  const handle = await open(target, "wx", 0o640);
  try {
    await handle.writeFile(data);
    await handle.chmod(0o640); // the mode passed to open() is narrowed by the umask
  } catch (error) {
    await handle.close();
    await unlink(target).catch(() => {});
    throw error;
  }
  await handle.close();
  return {
    id,
    storedName,
    mimeType: ALLOWED_IMAGE_KINDS[format].mimeType,
    width,
    height,
    bytes: data.byteLength,
  };
}

/**
 * Reads a stored image back. Names storeImage did not generate ("../etc/passwd",
 * sub-paths, uploaded names) and missing files both throw NotFoundError.
 */
export async function readStoredImage(directory: string, storedName: string): Promise<Uint8Array> {
  if (!isStoredImageName(storedName)) throw new NotFoundError();
  try {
    return await readFile(path.join(directory, storedName));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotFoundError();
    throw error;
  }
}
