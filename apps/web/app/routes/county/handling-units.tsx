import { Anchor, Badge, Button, Group, Modal, Stack, Switch, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { can } from "@rdlink/auth";
import { createHandlingUnit } from "@rdlink/core/handling-units/create-handling-unit";
import { listHandlingUnits } from "@rdlink/core/handling-units/list-handling-units";
import { IconPlus } from "@tabler/icons-react";
import { Form, Link, redirect, useFetcher, useSearchParams, useSubmit } from "react-router";
import { FormActions } from "~/components/form-actions";
import { HandlingUnitFields } from "~/components/handling-unit-fields";
import { ListSearch, ListTotal } from "~/components/list-search";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/handling-units";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    includeArchived: params.get("archived") ?? undefined,
    page: params.get("page") ?? undefined,
  };
  return countyLoader(args, async (tx, ctx) => ({
    ...(await listHandlingUnits(tx, ctx, query)),
    canManage: can(ctx.actor, "tenant.handlingUnits.manage"),
  }));
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const form = await county.form();
    const unit = await county.inTenant((tx, ctx) => createHandlingUnit(tx, ctx, form));
    return redirect(`/county/handling-units/${unit.id}`);
  });
}

function NewUnitModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Modal opened onClose={onClose} title={t("handlingUnits.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          {errors.form && <Text c="red">{errors.form}</Text>}
          <HandlingUnitFields errors={errors} />
          <FormActions onCancel={onClose} submitLabel={t("common.create")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

export default function HandlingUnits({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const [creating, create] = useDisclosure();
  const { rows, total, page, pageSize, canManage } = loaderData;
  return (
    <>
      <PageHeader
        title={t("handlingUnits.title")}
        intro={t("handlingUnits.intro")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              {t("handlingUnits.new")}
            </Button>
          )
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md">
          <ListSearch w={260} />
          <Switch
            name="archived"
            value="1"
            defaultChecked={params.get("archived") === "1"}
            label={t("common.showArchived")}
          />
          <ListTotal total={total} />
        </Group>
      </Form>
      <ListTable
        minWidth={720}
        highlightOnHover
        data-testid="handling-units"
        empty={t("handlingUnits.empty")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>{t("handlingUnits.name")}</Table.Th>
            <Table.Th>{t("handlingUnits.duties")}</Table.Th>
            <Table.Th>{t("handlingUnits.contacts")}</Table.Th>
            <Table.Th>{t("handlingUnits.staffCount")}</Table.Th>
          </>
        }
      >
        {rows.map((unit) => (
          <Table.Tr key={unit.id}>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Anchor component={Link} to={`/county/handling-units/${unit.id}`} fw={600}>
                  {unit.name}
                </Anchor>
                {unit.archived && (
                  <Badge color="gray" variant="light" size="sm">
                    {t("common.archived")}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{unit.duties ?? "—"}</Table.Td>
            <Table.Td>
              {unit.contacts.length === 0
                ? "—"
                : unit.contacts.map((c) => (
                    <Text size="sm" key={c.id}>
                      {c.name}
                      {c.title ? `（${c.title}）` : ""}{" "}
                      <Text span ff="monospace">
                        {c.phone ?? ""}
                      </Text>
                    </Text>
                  ))}
            </Table.Td>
            <Table.Td>{unit.staffCount}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {creating && <NewUnitModal onClose={create.close} />}
    </>
  );
}
