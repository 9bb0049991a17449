import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { listChecklists } from "@rdlink/core/checklists/list-checklists";
import { createStationType } from "@rdlink/core/station-types/create-station-type";
import { listStationTypes } from "@rdlink/core/station-types/list-station-types";
import { IconPlus } from "@tabler/icons-react";
import { Form, Link, redirect, useActionData, useNavigation, useSearchParams, useSubmit } from "react-router";
import { FormActions } from "~/components/form-actions";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-types";

export function loader(args: Route.LoaderArgs) {
  const includeArchived = new URL(args.request.url).searchParams.get("archived") === "1";
  return countyLoader(
    args,
    async (tx, ctx) => ({
      types: await listStationTypes(tx, ctx, { includeArchived }),
      standards: (await listChecklists(tx, ctx)).filter((s) => !s.archivedAt),
    }),
    "tenant.stationTypes.manage",
  );
}

export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const type = await county.inTenant((tx, ctx) => createStationType(tx, ctx, form));
      return redirect(`/county/station-types/${type.id}`);
    },
    "tenant.stationTypes.manage",
  );
}

export default function StationTypes({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { types, standards } = loaderData;
  const [params] = useSearchParams();
  const submit = useSubmit();
  const actionData = useActionData<typeof action>();
  const [creating, createModal] = useDisclosure(actionData !== undefined);
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader
        title={t("stations.typesTitle")}
        intro={t("stations.typesIntro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t("stationTypes.new")}
          </Button>
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Switch
          name="archived"
          value="1"
          defaultChecked={params.get("archived") === "1"}
          label={t("common.showArchived")}
          mb="md"
        />
      </Form>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="station-types">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("common.name")}</Table.Th>
                <Table.Th>{t("stationTypes.standard")}</Table.Th>
                <Table.Th>{t("stationTypes.customFields")}</Table.Th>
                <Table.Th>{t("stationTypes.intakeFields")}</Table.Th>
                <Table.Th>{t("stationTypes.stations")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {types.map((type) => (
                <Table.Tr key={type.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/county/station-types/${type.id}`} fw={600}>
                        {type.name}
                      </Anchor>
                      {type.archivedAt && (
                        <Badge color="gray" variant="light" size="sm">
                          {t("common.archived")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{type.checklistName ?? "—"}</Table.Td>
                  <Table.Td>{type.customFields.length}</Table.Td>
                  <Table.Td>{type.intakeFields.length}</Table.Td>
                  <Table.Td>{type.stationCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Modal opened={creating} onClose={createModal.close} title={t("stationTypes.new")} centered>
        <Form method="post">
          <Stack>
            <TextInput name="name" label={t("common.name")} required error={errors.field("name")} data-autofocus />
            <Select
              name="checklistId"
              label={t("stationTypes.standard")}
              data={standards.map((s) => ({ value: s.id, label: s.name }))}
              defaultValue={standards[0]?.id ?? null}
              clearable
              error={errors.field("checklistId")}
            />
            <Text size="xs" c="dimmed">
              {t("stationTypes.newHint")}
            </Text>
            <FormActions onCancel={createModal.close} submitLabel={t("common.create")} busy={busy} />
          </Stack>
        </Form>
      </Modal>
    </>
  );
}
