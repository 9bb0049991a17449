export {
  isStoredImageName,
  readStoredImage,
  type StoredImage,
  type StoredImageMimeType,
  type StoreImageOptions,
  storedImageMimeType,
  storeImage,
  UploadError,
} from "./store-image.ts";
export {
  ALLOWED_IMAGE_EXTENSIONS,
  ALLOWED_IMAGE_KINDS,
  ALLOWED_IMAGE_MIME_TYPES,
  type AllowedImageMimeType,
  IMAGE_UPLOAD_ACCEPT,
  type ImageKind,
  imageKindForFilename,
  imageKindForMimeType,
  MAX_INPUT_PIXELS,
  MAX_STORED_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  STORED_JPEG_QUALITY,
} from "./upload-policy.ts";
