/** The photo types the app takes (the server checks each file's bytes again). */
export const IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp";
