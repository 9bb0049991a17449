import { Group, TextInput } from "@mantine/core";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

type Session = { term: number; meeting: number; opensOn: string; closesOn: string; name: string };

/** A congress session's form fields: 届次, 会次, its days, and a name other than the usual one. */
export function SessionFields({ session, errors }: { session?: Session; errors: ReturnType<typeof useFormErrors> }) {
  const { t } = useTranslation();
  return (
    <>
      <Group grow align="flex-start">
        <TextInput
          name="term"
          label={t("sessions.term")}
          description={t("sessions.termHint")}
          inputMode="numeric"
          defaultValue={session?.term}
          required
          error={errors.field("term")}
          data-autofocus
        />
        <TextInput
          name="meeting"
          label={t("sessions.meeting")}
          description={t("sessions.meetingHint")}
          inputMode="numeric"
          defaultValue={session?.meeting}
          required
          error={errors.field("meeting")}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          name="opensOn"
          label={t("sessions.opensOn")}
          defaultValue={session?.opensOn}
          required
          error={errors.field("opensOn")}
        />
        <TextInput
          type="date"
          name="closesOn"
          label={t("sessions.closesOn")}
          defaultValue={session?.closesOn}
          required
          error={errors.field("closesOn")}
        />
      </Group>
      <TextInput
        name="name"
        label={t("sessions.name")}
        description={t("sessions.nameHint")}
        defaultValue={session?.name}
        error={errors.field("name")}
      />
    </>
  );
}
