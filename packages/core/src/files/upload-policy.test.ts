import { describe, expect, it } from "vitest";
import {
  ALLOWED_IMAGE_EXTENSIONS,
  ALLOWED_IMAGE_MIME_TYPES,
  IMAGE_UPLOAD_ACCEPT,
  imageKindForFilename,
  imageKindForMimeType,
  MAX_INPUT_PIXELS,
  MAX_UPLOAD_BYTES,
} from "./upload-policy.ts";

describe("upload policy", () => {
  it("has the agreed limits and kinds", () => {
    expect(MAX_UPLOAD_BYTES).toBe(10_485_760);
    expect(MAX_INPUT_PIXELS).toBe(40_000_000);
    expect(ALLOWED_IMAGE_MIME_TYPES).toEqual(["image/jpeg", "image/png", "image/webp"]);
    expect(ALLOWED_IMAGE_EXTENSIONS).toEqual(["jpg", "jpeg", "png", "webp"]);
    expect(IMAGE_UPLOAD_ACCEPT).toBe("image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp");
  });

  it.each([
    ["photo.jpg", "jpeg"],
    ["PHOTO.JPEG", "jpeg"],
    ["C:\\fakepath\\scan.PNG", "png"],
    ["a.b.webp", "webp"],
    ["photo.jpg.exe", undefined],
    ["photo.gif", undefined],
    ["jpg", undefined],
    ["photo.", undefined],
    ["dir.jpg/photo", undefined],
    ["", undefined],
  ])("imageKindForFilename(%j) is %j", (name, kind) => {
    expect(imageKindForFilename(name)).toBe(kind);
  });

  it.each([
    ["image/jpeg", "jpeg"],
    ["image/JPG", "jpeg"],
    ["image/pjpeg", "jpeg"],
    ["image/png; charset=binary", "png"],
    ["image/webp", "webp"],
    ["image/gif", undefined],
    ["application/pdf", undefined],
    ["", undefined],
  ])("imageKindForMimeType(%j) is %j", (mime, kind) => {
    expect(imageKindForMimeType(mime)).toBe(kind);
  });
});
