/** Largest upload accepted, before any decoding: 10 MiB covers a phone photo. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Largest decoded image (width × height); refuses decompression bombs ("pixel floods"). */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Stored images are scaled down so their longest side is at most this many pixels. */
export const MAX_STORED_IMAGE_SIDE = 2560;
/** Quality of the re-encoded JPEG. */
export const STORED_JPEG_QUALITY = 85;

/** The image kinds staff may upload, with the MIME types and file extensions that name them. */
export const ALLOWED_IMAGE_KINDS = {
  jpeg: { mimeType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { mimeType: "image/png", extensions: ["png"] },
  webp: { mimeType: "image/webp", extensions: ["webp"] },
} as const;

export type ImageKind = keyof typeof ALLOWED_IMAGE_KINDS;
export type AllowedImageMimeType = (typeof ALLOWED_IMAGE_KINDS)[ImageKind]["mimeType"];

const KINDS = Object.keys(ALLOWED_IMAGE_KINDS) as ImageKind[];

export const ALLOWED_IMAGE_MIME_TYPES: readonly AllowedImageMimeType[] = KINDS.map(
  (k) => ALLOWED_IMAGE_KINDS[k].mimeType,
);
export const ALLOWED_IMAGE_EXTENSIONS: readonly string[] = KINDS.flatMap((k) => ALLOWED_IMAGE_KINDS[k].extensions);
/** For `<input type="file" accept=…>`. */
export const IMAGE_UPLOAD_ACCEPT = [...ALLOWED_IMAGE_MIME_TYPES, ...ALLOWED_IMAGE_EXTENSIONS.map((e) => `.${e}`)].join(
  ",",
);

/** Non-standard names browsers and old clients still send for these kinds. */
const MIME_ALIASES: Record<string, ImageKind> = {
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/x-png": "png",
};

/** The allowed kind a MIME type names (parameters and case ignored), or undefined. */
export function imageKindForMimeType(mimeType: string): ImageKind | undefined {
  const bare = mimeType.split(";")[0]?.trim().toLowerCase() ?? "";
  return KINDS.find((k) => ALLOWED_IMAGE_KINDS[k].mimeType === bare) ?? MIME_ALIASES[bare];
}

/** The allowed kind a file name's extension names (case ignored), or undefined. */
export function imageKindForFilename(filename: string): ImageKind | undefined {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  if (dot < 0) return undefined;
  const ext = base.slice(dot + 1).toLowerCase();
  return KINDS.find((k) => (ALLOWED_IMAGE_KINDS[k].extensions as readonly string[]).includes(ext));
}
