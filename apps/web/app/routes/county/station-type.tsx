import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { MAX_OPINION_PHOTOS } from "@rdlink/core/cases/opinion-input";
import { ValidationError } from "@rdlink/core/shared/errors";
import { getStationType } from "@rdlink/core/station-types/get-station-type";
import { INTAKE_FIELD_TYPES } from "@rdlink/core/station-types/intake-field-types";
import { setStationTypeArchived } from "@rdlink/core/station-types/set-station-type-archived";
import { setStationTypeFields } from "@rdlink/core/station-types/set-station-type-fields";
import { updateStationType } from "@rdlink/core/station-types/update-station-type";
import { type TFieldDefinition, type TFieldType, ZFieldDefinition } from "@rdlink/forms";
import { useCallback, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { FieldListEditor } from "~/components/field-list-editor";
import { PageHeader } from "~/components/page-header";
import { PhonePreview } from "~/components/phone-preview";
import { jsonValue, readForm } from "~/lib/actions.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-type";

/** What the editor offers for a station type's own fields (no pickers of county records). */
const STATION_FIELD_TYPES: TFieldType[] = [
  "text",
  "longText",
  "number",
  "select",
  "multiSelect",
  "date",
  "yesNo",
  "phone",
  "image",
];

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      ...(await getStationType(tx, ctx, args.params.typeId)),
      // What the public form asks besides the type's fields, for its preview.
      categories: CASE_CATEGORIES,
      maxPhotos: MAX_OPINION_PHOTOS,
    }),
    "tenant.stationTypes.manage",
  );
}

/** Each of the page's forms; the answer names the intent so that form alone shows "saved". */
export function action(args: Route.ActionArgs) {
  const stationTypeId = args.params.typeId;
  return countyAction(
    args,
    async (county) => {
      const { intent, ...form } = await readForm(county.request);
      await county.inTenant(async (tx, ctx) => {
        await getStationType(tx, ctx, stationTypeId); // 404 for another county's type
        switch (intent) {
          case "settings":
            return updateStationType(tx, ctx, { ...form, stationTypeId });
          case "customFields":
            return setStationTypeFields(tx, ctx, { stationTypeId, customFields: jsonValue(form, "customFields") });
          case "intakeFields":
            return setStationTypeFields(tx, ctx, { stationTypeId, intakeFields: jsonValue(form, "intakeFields") });
          case "archive":
          case "restore":
            return setStationTypeArchived(tx, ctx, { stationTypeId, archived: intent === "archive" });
          default:
            throw new ValidationError({}, "errors.unknownIntent");
        }
      });
      return { ok: true as const, intent: String(intent) };
    },
    "tenant.stationTypes.manage",
  );
}

function Saved({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return show ? (
    <Text c="green" size="sm" role="status">
      {t("common.saved")}
    </Text>
  ) : null;
}

export default function StationType({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { type, stationCount, standards, intakeWorkflows, categories, maxPhotos } = loaderData;
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const savedIntent = actionData?.ok ? actionData.intent : null;
  // Remount the editors after a save so they start from what the server stored.
  const editorKey = JSON.stringify([type.customFields, type.intakeFields]);
  // The preview shows the public form as edited, field by field as each becomes valid.
  const [preview, setPreview] = useState<TFieldDefinition[]>(type.intakeFields);
  const showPreview = useCallback(
    (fields: Record<string, unknown>[]) =>
      setPreview(
        fields.flatMap((field, index) => {
          const parsed = ZFieldDefinition.safeParse(field);
          const repeated = fields.slice(0, index).some((earlier) => earlier.key === field.key);
          return parsed.success && !repeated ? [parsed.data] : [];
        }),
      ),
    [],
  );
  return (
    <>
      <Anchor component={Link} to="/county/station-types" size="sm">
        ← {t("stations.typesTitle")}
      </Anchor>
      <PageHeader
        title={type.name}
        intro={t("stationTypes.stationCount", { count: stationCount })}
        actions={
          <Form method="post">
            {type.archivedAt && (
              <Badge color="gray" variant="light" mr="sm">
                {t("common.archived")}
              </Badge>
            )}
            <Button type="submit" name="intent" value={type.archivedAt ? "restore" : "archive"} variant="default">
              {type.archivedAt ? t("common.restore") : t("common.archive")}
            </Button>
          </Form>
        }
      />
      {errors.form && (
        <Alert color="red" mb="md">
          {errors.form}
        </Alert>
      )}
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Form method="post">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                name="name"
                label={t("common.name")}
                defaultValue={type.name}
                required
                error={errors.field("name")}
              />
              <Select
                name="checklistId"
                label={t("stationTypes.standard")}
                data={standards.map((s) => ({ value: s.id, label: `${s.name}（${s.items.length}）` }))}
                defaultValue={type.checklistId}
                clearable
                error={errors.field("checklistId")}
              />
              {intakeWorkflows.length > 1 && (
                <Select
                  name="intakeWorkflowId"
                  label={t("stationTypes.intakeWorkflow")}
                  description={t("stationTypes.intakeWorkflowHint")}
                  data={intakeWorkflows.map((w) => ({ value: w.id, label: w.name }))}
                  defaultValue={type.intakeWorkflowId}
                  placeholder={intakeWorkflows[0]!.name}
                  clearable
                  error={errors.field("intakeWorkflowId")}
                />
              )}
              <Button type="submit" name="intent" value="settings" loading={busy("settings")}>
                {t("common.save")}
              </Button>
              <Saved show={savedIntent === "settings"} />
            </Group>
          </Form>
        </Paper>

        <Paper withBorder p="md" data-testid="custom-fields">
          <Title order={4}>{t("stationTypes.customFields")}</Title>
          <Text c="dimmed" size="sm" mb="sm">
            {t("stationTypes.customFieldsIntro")}
          </Text>
          <Form method="post">
            <FieldListEditor
              key={`custom-${editorKey}`}
              name="customFields"
              initial={type.customFields}
              types={STATION_FIELD_TYPES}
              errorUnder={errors.under}
            />
            <Group mt="sm">
              <Button type="submit" name="intent" value="customFields" loading={busy("customFields")}>
                {t("stationTypes.saveFields")}
              </Button>
              <Saved show={savedIntent === "customFields"} />
            </Group>
          </Form>
        </Paper>

        <Paper withBorder p="md" data-testid="intake-fields">
          <Title order={4}>{t("stationTypes.intakeFields")}</Title>
          <Text c="dimmed" size="sm" mb="sm">
            {t("stationTypes.intakeIntro")}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Form method="post">
              <FieldListEditor
                key={`intake-${editorKey}`}
                name="intakeFields"
                initial={type.intakeFields}
                types={INTAKE_FIELD_TYPES}
                errorUnder={errors.under}
                onChange={showPreview}
              />
              <Group mt="sm">
                <Button type="submit" name="intent" value="intakeFields" loading={busy("intakeFields")}>
                  {t("stationTypes.saveIntake")}
                </Button>
                <Saved show={savedIntent === "intakeFields"} />
              </Group>
            </Form>
            <Stack gap="xs" align="center">
              <Text fw={600}>{t("stationTypes.intakePreview")}</Text>
              <PhonePreview
                stationName={t("stationTypes.previewStation")}
                categories={categories}
                intakeFields={preview}
                maxPhotos={maxPhotos}
              />
            </Stack>
          </SimpleGrid>
        </Paper>
      </Stack>
    </>
  );
}
