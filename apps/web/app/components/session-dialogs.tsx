import { Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useEffect } from "react";
import { useFetcher } from "react-router";
import { DeputyPicker } from "~/components/deputy-picker";
import { FormActions } from "~/components/form-actions";
import { MeetingFields } from "~/components/meeting-fields";
import { SessionFields } from "~/components/session-fields";
import { SuggestionFields } from "~/components/suggestion-fields";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { action } from "~/routes/county/session";

type Session = Parameters<typeof SessionFields>[0]["session"];

export function EditSessionModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onClose();
  }, [fetcher.state, fetcher.data, onClose]);
  return (
    <Modal opened onClose={onClose} title={t("sessions.edit")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="edit" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <SessionFields session={session} errors={errors} />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 召开交办会: its record first (day, name, attendees); its page then assigns the suggestions. */
export function NewMeetingModal({ sessionName, onClose }: { sessionName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Modal opened onClose={onClose} title={t("meetings.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="meeting" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <MeetingFields namePlaceholder={`${sessionName}建议交办会`} errors={errors} />
          <FormActions onCancel={onClose} submitLabel={t("meetings.open")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 逐条录入: the office types in one suggestion handed in on paper. */
export function EnterSuggestionModal({ onClose, onDone }: { onClose: () => void; onDone: (number: string) => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state === "idle" && data?.ok && data.report) onDone((data.report as { number: string }).number);
  }, [fetcher.state, fetcher.data, onDone]);
  return (
    <Modal opened onClose={onClose} title={t("sessions.enter")} size="lg" centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="enter" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <Group grow align="flex-start">
            <TextInput
              name="number"
              label={t("sessions.number")}
              description={t("sessions.numberHint")}
              maxLength={20}
              error={errors.field("number")}
              data-autofocus
            />
            <TextInput
              type="date"
              name="receivedOn"
              label={t("sessions.receivedOn")}
              description={t("sessions.receivedOnHint")}
              error={errors.field("receivedOn")}
            />
          </Group>
          <DeputyPicker
            name="leadDeputyId"
            label={t("sessions.leadDeputy")}
            maxValues={1}
            error={errors.field("leadDeputyId")}
          />
          <SuggestionFields errors={errors} />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
