/**
 * The public form's photos and sending, in the browser (docs/decisions/0016-a-light-public-entry.md).
 * A phone photo of several MB is made a JPEG of at most PHOTO_MAX_BYTES, at most
 * PHOTO_MAX_SIDE pixels on its long side, before anything is sent; the form then goes with
 * XMLHttpRequest, whose upload reports its progress (fetch cannot yet).
 */

/** What a compressed photo may weigh: enough for a legible 1920-pixel picture. */
export const PHOTO_MAX_BYTES = 450 * 1024;
export const PHOTO_MAX_SIDE = 1920;

/**
 * The photo made small enough to send quickly, or the very file when it already is. The
 * compression library is fetched only when a photo is chosen, and runs on the page's
 * thread: the page's Content-Security-Policy allows no worker (worker-src 'none').
 */
export async function compressPhoto(file: File): Promise<File> {
  if (file.size <= PHOTO_MAX_BYTES) return file;
  const { default: imageCompression } = await import("browser-image-compression");
  const blob = await imageCompression(file, {
    maxSizeMB: PHOTO_MAX_BYTES / (1024 * 1024),
    maxWidthOrHeight: PHOTO_MAX_SIDE,
    useWebWorker: false,
    fileType: "image/jpeg",
    initialQuality: 0.8,
  });
  const name = `${file.name.replace(/\.[^.]*$/, "") || "photo"}.jpg`;
  return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
}

export type SendAnswer = { status: number; body: unknown };

/**
 * Posts the form, reporting the share of its body sent so far (0…1). Answers the status and
 * the JSON body (null when the answer is not JSON); rejects only when the connection failed.
 */
export function sendWithProgress(
  url: string,
  body: FormData,
  headers: Record<string, string>,
  onProgress: (sent: number) => void,
): Promise<SendAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.setRequestHeader("Accept", "application/json");
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => resolve({ status: request.status, body: request.response ?? null }));
    request.addEventListener("error", () => reject(new Error("network")));
    request.addEventListener("abort", () => reject(new Error("aborted")));
    request.send(body);
  });
}

/** "1.2 MB", "380 KB": a size as the page shows it. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
