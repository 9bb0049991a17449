import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Image,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useFetcher } from "react-router";
import { IMAGE_ACCEPT } from "~/components/field-inputs";
import { FormActions } from "~/components/form-actions";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { StationPageData } from "./station-page-data";

type ChecklistEntry = StationPageData["checklist"]["items"][number];

const MET_COLORS = { yes: "green", partly: "yellow", no: "red" } as const;

/**
 * How the station meets its type's standard, item by item, with the evidence (a note and photos);
 * a manager records an item. Items since dropped from the standard stay listed, read-only.
 */
export function StationChecklist({ data }: { data: StationPageData }) {
  const { t } = useTranslation();
  const { checklist, canManage } = data;
  const [recording, setRecording] = useState<ChecklistEntry | null>(null);
  if (!checklist.name) return null;
  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t("stations.checklist", { name: checklist.name })}</Title>
        <Badge variant="light" size="lg" data-testid="checklist-score">
          {t("stations.checklistMet", { met: checklist.metCount, total: checklist.items.length })}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" data-testid="station-checklist">
          <Table.Tbody>
            {[...checklist.items, ...checklist.retired].map((entry) => (
              <Table.Tr key={entry.item} data-testid={`checklist-${entry.item}`}>
                <Table.Td w={150} fw={600}>
                  {entry.item}
                </Table.Td>
                <Table.Td w={110}>
                  {entry.met ? (
                    <Badge color={MET_COLORS[entry.met]} variant="light">
                      {t(`stations.met.${entry.met}`)}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("stations.notRecorded")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.note}</Text>
                  {entry.photoIds.length > 0 && (
                    <Group gap={6} mt={4}>
                      {entry.photoIds.map((id) => (
                        <Anchor key={id} href={`/county/files/${id}`} target="_blank">
                          <Image src={`/county/files/${id}`} h={48} w="auto" radius="sm" alt={entry.item} />
                        </Anchor>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td w={100}>
                  {canManage && checklist.items.includes(entry) && (
                    <Button size="compact-sm" variant="subtle" onClick={() => setRecording(entry)}>
                      {t("stations.recordItem")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {recording && (
        <ChecklistItemModal entry={recording} maxPhotos={data.maxEvidencePhotos} onClose={() => setRecording(null)} />
      )}
    </Paper>
  );
}

/** Records one item: met or not, a note, which earlier photos to keep and new ones. */
function ChecklistItemModal({
  entry,
  maxPhotos,
  onClose,
}: {
  entry: ChecklistEntry;
  maxPhotos: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={entry.item} centered>
      <fetcher.Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="checklist" />
        <input type="hidden" name="item" value={entry.item} />
        <Stack>
          {errors.form && (
            <Text c="red" size="sm" role="alert">
              {errors.form}
            </Text>
          )}
          <SegmentedControl
            name="met"
            defaultValue={entry.met ?? "yes"}
            data={(["yes", "partly", "no"] as const).map((value) => ({ value, label: t(`stations.met.${value}`) }))}
          />
          <Textarea
            name="note"
            label={t("stations.evidenceNote")}
            defaultValue={entry.note ?? ""}
            autosize
            minRows={2}
            error={errors.field("note")}
          />
          {entry.photoIds.length > 0 && (
            <Checkbox.Group label={t("stations.keepPhotos")} defaultValue={entry.photoIds}>
              <Group gap="sm" mt={4}>
                {entry.photoIds.map((id) => (
                  <Checkbox
                    key={id}
                    name="keepPhotoIds[]"
                    value={id}
                    label={<Image src={`/county/files/${id}`} h={48} w="auto" radius="sm" alt="" />}
                  />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <FileInput
            name="photos"
            label={t("stations.evidencePhotos")}
            description={t("files.photoHint", { count: maxPhotos })}
            accept={IMAGE_ACCEPT}
            multiple
            clearable
            error={errors.field("photoIds")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
