import { Alert, Checkbox, Modal, MultiSelect, Select, Stack, Text } from "@mantine/core";
import type { getMeeting } from "@rdlink/core/suggestions/get-meeting";
import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { MeetingFields } from "~/components/meeting-fields";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { action } from "~/routes/county/meeting";

type Data = Awaited<ReturnType<typeof getMeeting>>;
export type MeetingProposal = Data["suggestions"][number]["proposal"];
export type MeetingReport = { proposed?: number; cleared?: number; assigned?: number };

/** What the last form did, said once (the page reloads its list by itself). */
function useDone(fetcher: { state: string; data?: unknown }, onDone: (report: MeetingReport) => void) {
  useEffect(() => {
    const data = fetcher.data as { ok?: boolean; report?: MeetingReport } | undefined;
    if (fetcher.state === "idle" && data?.ok) onDone(data.report ?? {});
    // onDone is a fresh closure each render; only a new answer calls it.
  }, [fetcher.state, fetcher.data]);
}

export function EditMeetingModal({ meeting, onClose }: { meeting: Data["meeting"]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useDone(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={t("meetings.edit")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="edit" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <MeetingFields meeting={meeting} errors={errors} />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 拟定承办单位 for the selected suggestions (or one): 主办, 协办, 重点建议. */
export function ProposeModal({
  caseIds,
  current,
  units,
  onClose,
  onDone,
}: {
  caseIds: string[];
  current: MeetingProposal;
  units: Data["units"];
  onClose: () => void;
  onDone: (report: MeetingReport) => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [lead, setLead] = useState<string | null>(current?.leadUnitId ?? null);
  useDone(fetcher, onDone);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("meetings.setUnitsFor", { count: caseIds.length })}
      centered
      data-testid="propose-modal"
    >
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="propose" />
          {caseIds.map((id) => (
            <input key={id} type="hidden" name="caseIds[]" value={id} />
          ))}
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <Select
            name="leadUnitId"
            label={t("meetings.leadUnit")}
            data={units}
            value={lead}
            onChange={setLead}
            searchable
            required
            error={errors.field("leadUnitId")}
            data-autofocus
          />
          <MultiSelect
            name="coUnitIds"
            label={t("meetings.coUnits")}
            description={t("meetings.coUnitsHint")}
            data={units.filter((u) => u.value !== lead)}
            defaultValue={current?.coUnitIds ?? []}
            searchable
            error={errors.field("coUnitIds")}
          />
          <Checkbox
            name="keySupervision"
            label={t("meetings.keySupervision")}
            defaultChecked={current?.keySupervision ?? false}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 确认交办: every proposal goes out in one action, or none does (the refusal names which). */
export function AssignModal({
  count,
  onClose,
  onDone,
}: {
  count: number;
  onClose: () => void;
  onDone: (r: MeetingReport) => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useDone(fetcher, onDone);
  return (
    <Modal opened onClose={onClose} title={t("meetings.confirmTitle", { count })} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="assign" />
          {errors.form && (
            <Alert color="red" data-testid="assign-error">
              {errors.form}
            </Alert>
          )}
          <Text size="sm">{t("meetings.confirmText")}</Text>
          <FormActions
            onCancel={onClose}
            submitLabel={t("meetings.confirmAction", { count })}
            busy={fetcher.state !== "idle"}
          />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
