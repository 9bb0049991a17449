import { Alert, Button, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import type { FetcherWithComponents } from "react-router";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

/** The workbench's bulk tools: 交办 (assign to a handling unit) and 整合 (merge into a deputy suggestion). */
export type BulkIntent = "assign" | "merge";

/**
 * The form of a bulk tool for the selected cases, posted with its `intent`; the caller's fetcher
 * carries the answer, whose refusals also mark rows in the table.
 */
export function BulkCaseModal({
  intent,
  selected,
  units,
  fetcher,
  errors,
  onClose,
}: {
  intent: BulkIntent | null;
  selected: string[];
  units: { value: string; label: string }[] | null;
  fetcher: FetcherWithComponents<unknown>;
  errors: ReturnType<typeof useFormErrors>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={intent !== null}
      onClose={onClose}
      title={intent === "merge" ? t("work.merge.title") : t("work.bulk.title")}
    >
      <fetcher.Form method="post">
        <Stack>
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <input type="hidden" name="intent" value={intent ?? ""} />
          {selected.map((id) => (
            <input key={id} type="hidden" name="caseIds[]" value={id} />
          ))}
          {intent === "merge" ? (
            <>
              <Text size="sm">{t("work.merge.intro", { count: selected.length })}</Text>
              <Textarea
                name="content"
                label={t("work.merge.content")}
                required
                autosize
                minRows={4}
                maxLength={4000}
                error={errors.field("content")}
              />
            </>
          ) : (
            <>
              <Text size="sm">{t("work.bulk.intro", { count: selected.length })}</Text>
              <Select
                name="handlingUnit"
                label={t("work.handlingUnit")}
                data={units ?? []}
                searchable
                required
                error={errors.field("handlingUnit")}
              />
            </>
          )}
          <Button type="submit" loading={fetcher.state !== "idle"}>
            {intent === "merge" ? t("work.merge.submit") : t("work.bulk.submit")}
          </Button>
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
