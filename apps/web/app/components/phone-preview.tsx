import { Box } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { TFieldDefinition } from "@rdlink/forms";
import { useTranslation } from "~/lib/use-translation";
import { PublicField, PublicOpinionFields } from "./public-fields";
import { PublicFrame } from "./public-frame";

/** The phone the preview is drawn on: the 375×667 screen counties test with. */
const PHONE = { width: 375, height: 667 };

/**
 * A station type's public form as a citizen's phone shows it: the very components of the
 * public page (`/s/<code>`: PublicFrame, PublicOpinionFields with the type's fields, its submit
 * button), in a 375 px wide screen, disabled: nothing in it can be filled in or sent.
 */
export function PhonePreview({
  stationName,
  categories,
  intakeFields,
  maxPhotos,
}: {
  stationName: string;
  categories: readonly TCaseCategory[];
  intakeFields: TFieldDefinition[];
  maxPhotos: number;
}) {
  const { t } = useTranslation();
  return (
    <Box
      data-testid="intake-preview"
      w={PHONE.width + 16}
      h={PHONE.height + 16}
      p={8}
      bg="dark.7"
      style={{ borderRadius: 28, flexShrink: 0 }}
    >
      <Box
        w={PHONE.width}
        h={PHONE.height}
        bg="white"
        style={{ borderRadius: 20, overflowY: "auto", overflowX: "hidden", containerType: "inline-size" }}
      >
        <fieldset disabled style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <PublicFrame title={stationName} preview>
            <div className="pub-stack">
              <p className="pub-p pub-small pub-dimmed">{t("intake.howItWorks")}</p>
              <PublicOpinionFields categories={categories} intakeFields={intakeFields} errorOf={() => undefined} />
              <PublicField label={t("intake.photos", { max: String(maxPhotos) })}>
                {({ className: _, ...control }) => <input {...control} type="file" />}
              </PublicField>
              <button type="button" className="pub-button">
                {t("intake.submit")}
              </button>
              <p className="pub-p pub-tiny pub-dimmed">{t("intake.privacy")}</p>
            </div>
          </PublicFrame>
        </fieldset>
      </Box>
    </Box>
  );
}
