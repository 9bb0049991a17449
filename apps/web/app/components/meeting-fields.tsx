import { Textarea, TextInput } from "@mantine/core";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

type Meeting = { heldOn: string; name: string; attendees: string };

/** A 交办会's record: its day, a name other than the usual one, and who attended. */
export function MeetingFields({
  meeting,
  namePlaceholder,
  errors,
}: {
  meeting?: Meeting;
  namePlaceholder?: string;
  errors: ReturnType<typeof useFormErrors>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        type="date"
        name="heldOn"
        label={t("meetings.heldOn")}
        defaultValue={meeting?.heldOn}
        required
        error={errors.field("heldOn")}
      />
      <TextInput
        name="name"
        label={t("meetings.name")}
        defaultValue={meeting?.name}
        placeholder={namePlaceholder}
        description={t("meetings.nameHint")}
        maxLength={80}
        error={errors.field("name")}
      />
      <Textarea
        name="attendees"
        label={t("meetings.attendees")}
        description={t("meetings.attendeesHint")}
        defaultValue={meeting?.attendees}
        autosize
        minRows={3}
        maxLength={2000}
        error={errors.field("attendees")}
      />
    </>
  );
}
