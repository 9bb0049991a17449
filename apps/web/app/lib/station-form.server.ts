import { saveUploadedImages, type Upload } from "@rdlink/core/files/save-uploaded-images";
import type { StagedFiles } from "@rdlink/core/files/staged-files";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import type { TenantTx } from "@rdlink/db";
import type { TFieldDefinition } from "@rdlink/forms";
import { uploadInputName } from "~/components/field-inputs";

/**
 * The station form's values as the station use cases take them: partners split on
 * 、 or commas, the liaison picker's comma-joined ids, `custom.<key>` inputs as custom values.
 */
export function stationInput(values: Record<string, unknown>) {
  const list = (value: unknown, separators: RegExp) =>
    String(value ?? "")
      .split(separators)
      .map((part) => part.trim())
      .filter(Boolean);
  return {
    ...values,
    partners: list(values.partners, /[、,，;；]/),
    liaisonUserIds: list(values.liaisonUserIds, /,/),
    customValues: Object.fromEntries(
      Object.entries(values)
        .filter(([key]) => key.startsWith("custom."))
        .map(([key, value]) => [key.slice("custom.".length), value]),
    ),
  };
}

/**
 * Stores the photos chosen for image fields and puts their ids into the custom values,
 * replacing what the field held; fields without a new photo keep the value the form sent.
 */
export async function withUploadedPhotos(
  tx: TenantTx,
  ctx: UseCaseContext,
  customValues: Record<string, unknown>,
  fields: TFieldDefinition[],
  uploads: (name: string) => Promise<Upload[]>,
  staged: StagedFiles,
) {
  const values = { ...customValues };
  for (const field of fields.filter((f) => f.type === "image")) {
    const chosen = await uploads(uploadInputName(field.key));
    if (chosen.length === 0) continue;
    [values[field.key]] = await saveUploadedImages(tx, ctx, chosen.slice(0, 1), { staged, maxFiles: 1 });
  }
  return values;
}
