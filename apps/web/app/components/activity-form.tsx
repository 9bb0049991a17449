import {
  Alert,
  Button,
  Checkbox,
  Group,
  Image,
  Input,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { listLedgerChoices } from "@rdlink/core/activities/list-ledger-choices";
import { IMAGE_UPLOAD_ACCEPT } from "@rdlink/core/files/upload-policy";
import { useState } from "react";
import { Form, useNavigation } from "react-router";
import type { useFormErrors } from "~/lib/form-errors";
import { groupedOptions } from "~/lib/grouped-options";
import { useTranslation } from "~/lib/use-translation";
import { type DeputyOption, DeputyPicker } from "./deputy-picker";

export type ActivityFormValues = {
  stationId: string | null;
  kind: string;
  day: string;
  deputies: DeputyOption[];
  peopleReceived: number;
  disputesMediated: number;
  jobsArranged: number;
  postId: string | null;
  summary: string;
  photoIds: string[];
};

/**
 * The ledger entry form, for recording and editing: a multipart form whose photos the
 * server checks (size, type, re-encoding) and whose refusals come back as a message here.
 */
export function ActivityForm({
  choices,
  values,
  errors,
  submitLabel,
}: {
  choices: Awaited<ReturnType<typeof listLedgerChoices>>;
  values: ActivityFormValues;
  errors: ReturnType<typeof useFormErrors>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [kind, setKind] = useState<string | null>(values.kind);
  const count = (name: "peopleReceived" | "disputesMediated" | "jobsArranged") => (
    <TextInput
      name={name}
      type="number"
      min={0}
      label={t(`ledger.${name}`)}
      defaultValue={String(values[name])}
      error={errors.field(name)}
    />
  );
  return (
    <Paper withBorder p="lg" maw={820}>
      <Form method="post" encType="multipart/form-data">
        <Stack>
          {errors.form && (
            <Alert color="red" role="alert" data-testid="form-error">
              {errors.form}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              name="stationId"
              label={t("ledger.station")}
              data={groupedOptions(
                choices.stations,
                (s) => s.townshipName,
                (s) => ({ value: s.id, label: s.name }),
              )}
              defaultValue={values.stationId}
              searchable
              limit={100}
              required
              error={errors.field("stationId")}
            />
            <Select
              name="kind"
              label={t("ledger.kind")}
              data={choices.kinds.map((k) => ({ value: k, label: t(`ledger.kinds.${k}`) }))}
              value={kind}
              onChange={setKind}
              allowDeselect={false}
              required
              error={errors.field("kind")}
            />
            <TextInput
              name="day"
              type="date"
              label={t("ledger.day")}
              defaultValue={values.day}
              max={choices.today}
              required
              error={errors.field("day")}
            />
          </SimpleGrid>
          <DeputyPicker
            name="deputyIds"
            label={t("ledger.deputies")}
            description={t("ledger.deputiesHint")}
            initial={values.deputies}
            error={errors.field("deputyIds")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {count("peopleReceived")}
            {count("disputesMediated")}
            {count("jobsArranged")}
          </SimpleGrid>
          {kind === "postService" && (
            <Select
              name="postId"
              label={t("ledger.post")}
              data={choices.posts.map((p) => ({ value: p.id, label: p.name }))}
              defaultValue={values.postId}
              clearable
              error={errors.field("postId")}
            />
          )}
          <Textarea
            name="summary"
            label={t("ledger.summary")}
            description={t("ledger.summaryHint")}
            defaultValue={values.summary}
            autosize
            minRows={4}
            maxLength={2000}
            required
            error={errors.field("summary")}
          />
          {values.photoIds.length > 0 && (
            <Checkbox.Group label={t("ledger.keepPhotos")} defaultValue={values.photoIds}>
              <Group mt="xs">
                {values.photoIds.map((id) => (
                  <Checkbox
                    key={id}
                    name="keepPhotoIds[]"
                    value={id}
                    label={<Image src={`/county/files/${id}`} w={96} h={72} fit="cover" radius="sm" alt="" />}
                  />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <Input.Wrapper label={t("ledger.photos")} description={t("ledger.photosHint")} id="photos">
            <input
              id="photos"
              name="photos"
              type="file"
              accept={IMAGE_UPLOAD_ACCEPT}
              multiple
              style={{ display: "block", marginTop: 6 }}
            />
          </Input.Wrapper>
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}
