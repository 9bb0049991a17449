import { Anchor, Badge, Button, Group, Modal, Select, Stack, Switch, Table, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { can } from "@rdlink/auth";
import { addTownship } from "@rdlink/core/townships/add-township";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { renameTownship } from "@rdlink/core/townships/rename-township";
import { setTownshipArchived } from "@rdlink/core/townships/set-township-archived";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Form, Link, useFetcher, useSearchParams, useSubmit } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListSearch, ListTotal } from "~/components/list-search";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/townships";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    includeArchived: params.get("archived") === "1",
    page: params.get("page") ?? undefined,
  };
  return countyLoader(args, async (tx, ctx) => ({
    ...(await listTownships(tx, ctx, query)),
    canManage: can(ctx.actor, "tenant.townships.manage"),
  }));
}

export function action(args: Route.ActionArgs) {
  return intentAction(args, {
    add: (tx, ctx, form) => addTownship(tx, ctx, form),
    rename: (tx, ctx, form) => renameTownship(tx, ctx, form),
    archive: (tx, ctx, form) => setTownshipArchived(tx, ctx, { id: form.id, archived: true }),
    restore: (tx, ctx, form) => setTownshipArchived(tx, ctx, { id: form.id, archived: false }),
  });
}

type TownshipRow = Route.ComponentProps["loaderData"]["rows"][number];

function TownshipModal({
  township,
  opened,
  onClose,
}: {
  township?: TownshipRow;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  const kinds = (["street", "town", "township", "other"] as const).map((kind) => ({
    value: kind,
    label: t(`townshipKinds.${kind}`),
  }));
  return (
    <Modal opened={opened} onClose={onClose} title={township ? t("common.rename") : t("county.addTownship")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value={township ? "rename" : "add"} />
          {township && <input type="hidden" name="id" value={township.id} />}
          <TextInput
            name="name"
            label={t("county.townshipName")}
            defaultValue={township?.name}
            required
            error={errors.field("name")}
            data-autofocus
          />
          {!township && (
            <Select
              name="kind"
              label={t("county.townshipKind")}
              data={kinds}
              defaultValue="street"
              required
              error={errors.field("kind")}
            />
          )}
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

export default function Townships({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { rows, total, page, pageSize, canManage } = loaderData;
  const [params] = useSearchParams();
  const submit = useSubmit();
  const [adding, addModal] = useDisclosure();
  const [renaming, setRenaming] = useState<TownshipRow | undefined>();
  return (
    <>
      <PageHeader
        title={t("county.townshipsTitle")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={addModal.open}>
              {t("county.addTownship")}
            </Button>
          )
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md" align="center">
          <ListSearch w={280} />
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
        minWidth={560}
        highlightOnHover
        data-testid="townships"
        empty={null}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>{t("county.townshipName")}</Table.Th>
            <Table.Th>{t("county.townshipKind")}</Table.Th>
            <Table.Th>{t("county.divisionCode")}</Table.Th>
            {canManage && <Table.Th>{t("common.actions")}</Table.Th>}
          </>
        }
      >
        {rows.map((township) => (
          <Table.Tr key={township.id}>
            <Table.Td>
              <Group gap="xs">
                <Anchor component={Link} to={`/county/townships/${township.id}`}>
                  {township.name}
                </Anchor>
                {township.archivedAt && (
                  <Badge color="gray" variant="light" size="sm">
                    {t("common.archived")}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{t(`townshipKinds.${township.kind}`)}</Table.Td>
            <Table.Td ff="monospace">{township.divisionCode ?? t("county.manualEntry")}</Table.Td>
            {canManage && (
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="compact-sm" variant="subtle" onClick={() => setRenaming(township)}>
                    {t("common.rename")}
                  </Button>
                  <Form method="post">
                    <input type="hidden" name="id" value={township.id} />
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="gray"
                      type="submit"
                      name="intent"
                      value={township.archivedAt ? "restore" : "archive"}
                    >
                      {township.archivedAt ? t("common.restore") : t("common.archive")}
                    </Button>
                  </Form>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </ListTable>
      {adding && <TownshipModal opened onClose={addModal.close} />}
      {renaming && <TownshipModal township={renaming} opened onClose={() => setRenaming(undefined)} />}
    </>
  );
}
