import { Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { listStationTypes } from "@rdlink/core/stations/list-station-types";
import { setStationTypeFields } from "@rdlink/core/stations/set-station-type-fields";
import { getDatabase } from "@rdlink/db";
import { fieldTypes } from "@rdlink/forms";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/station-types";

// Types whose values need more than a form field (options, references) are set up elsewhere.
const SIMPLE_TYPES = ["text", "longText", "number", "date", "yesNo", "phone"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return { types: await loadOr404(() => getDatabase().withTenant(tenantId, (tx) => listStationTypes(tx, ctx))) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const form = await readForm(request);
  try {
    await getDatabase().withTenant(tenantId, async (tx) => {
      const type = (await listStationTypes(tx, ctx)).find((t) => t.id === form.stationTypeId);
      const current = type?.customFields ?? [];
      const customFields =
        form.intent === "remove"
          ? current.filter((f) => f.key !== form.key)
          : [
              ...current,
              { key: form.key, label: { "zh-CN": form.label }, type: form.type, required: form.required === "on" },
            ];
      await setStationTypeFields(tx, ctx, { stationTypeId: form.stationTypeId, customFields });
    });
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}

export default function StationTypes({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title={t("stations.typesTitle")} intro={t("stations.typesIntro")} />
      <Stack>
        {loaderData.types.map((type) => (
          <Paper key={type.id} withBorder p="md" data-testid={`station-type-${type.name}`}>
            <Title order={4} mb="sm">
              {type.name}
            </Title>
            {type.customFields.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t("stations.noFields")}
              </Text>
            ) : (
              <Table>
                <Table.Tbody>
                  {type.customFields.map((field) => (
                    <Table.Tr key={field.key}>
                      <Table.Td>{field.label["zh-CN"]}</Table.Td>
                      <Table.Td ff="monospace">{field.key}</Table.Td>
                      <Table.Td>{t(`stations.fieldTypes.${field.type}`)}</Table.Td>
                      <Table.Td>
                        {field.required && <Badge variant="light">{t("stations.fieldRequired")}</Badge>}
                      </Table.Td>
                      <Table.Td>
                        <Form method="post">
                          <input type="hidden" name="stationTypeId" value={type.id} />
                          <input type="hidden" name="key" value={field.key} />
                          <Button
                            type="submit"
                            name="intent"
                            value="remove"
                            size="compact-sm"
                            variant="subtle"
                            color="gray"
                          >
                            {t("stations.removeField")}
                          </Button>
                        </Form>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Form method="post">
              <input type="hidden" name="stationTypeId" value={type.id} />
              <Group align="flex-end" mt="sm" wrap="wrap">
                <TextInput name="label" label={t("stations.fieldLabel")} required />
                <TextInput name="key" label={t("stations.fieldKey")} required placeholder="area" />
                <Select
                  name="type"
                  label={t("stations.fieldType")}
                  data={SIMPLE_TYPES.filter((type) => fieldTypes.includes(type)).map((value) => ({
                    value,
                    label: t(`stations.fieldTypes.${value}`),
                  }))}
                  defaultValue="text"
                  allowDeselect={false}
                />
                <Switch name="required" label={t("stations.fieldRequired")} />
                <Button type="submit" name="intent" value="add" loading={busy}>
                  {t("stations.addField")}
                </Button>
              </Group>
            </Form>
          </Paper>
        ))}
        {[errors.form, ...errors.all].filter(Boolean).map((message) => (
          <Text c="red" key={message} role="alert">
            {message}
          </Text>
        ))}
      </Stack>
    </>
  );
}
