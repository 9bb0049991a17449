import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { can } from "@rdlink/auth";
import { listCommunities } from "@rdlink/core/communities/list-communities";
import { createGrid } from "@rdlink/core/grids/create-grid";
import { deleteGrid } from "@rdlink/core/grids/delete-grid";
import { listGrids } from "@rdlink/core/grids/list-grids";
import { renameGrid } from "@rdlink/core/grids/rename-grid";
import { setGridDeputies } from "@rdlink/core/grids/set-grid-deputies";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Form, useFetcher, useSearchParams, useSubmit } from "react-router";
import { DeputyPicker } from "~/components/deputy-picker";
import { FormActions } from "~/components/form-actions";
import { ListSearch, ListTotal } from "~/components/list-search";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { groupedOptions } from "~/lib/grouped-options";
import { useListFilters } from "~/lib/list-filters";
import { pickedIds } from "~/lib/picker-values";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/grids";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    townshipId: params.get("township") ?? undefined,
    communityId: params.get("community") ?? undefined,
    page: params.get("page") ?? undefined,
  };
  return countyLoader(args, async (tx, ctx) => ({
    ...(await listGrids(tx, ctx, query)),
    communities: await listCommunities(tx, ctx),
    canManage: can(ctx.actor, "tenant.grids.manage"),
  }));
}

export function action(args: Route.ActionArgs) {
  return intentAction(args, {
    create: (tx, ctx, form) => createGrid(tx, ctx, form),
    delete: (tx, ctx, { gridId }) => deleteGrid(tx, ctx, gridId),
    save: async (tx, ctx, { gridId, name, deputyIds }) => {
      await renameGrid(tx, ctx, gridId, name);
      await setGridDeputies(tx, ctx, gridId, pickedIds(deputyIds));
    },
  });
}

type LoaderData = Route.ComponentProps["loaderData"];
type Grid = LoaderData["rows"][number];
type Community = LoaderData["communities"][number];

const communityOptions = (communities: Community[]) =>
  groupedOptions(
    communities,
    (c) => c.townshipName,
    (c) => ({ value: c.id, label: c.name }),
  );

function NewGridModal({ communities, onClose }: { communities: Community[]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [params] = useSearchParams();
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={t("grids.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="create" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <Select
            name="communityId"
            label={t("grids.community")}
            data={communityOptions(communities)}
            defaultValue={params.get("community")}
            searchable
            required
            error={errors.field("communityId")}
          />
          <TextInput name="name" label={t("grids.name")} placeholder="第一网格" required error={errors.field("name")} />
          <FormActions onCancel={onClose} submitLabel={t("common.create")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

function ManageGridModal({ grid, onClose }: { grid: Grid; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={`${grid.communityName} · ${grid.name}`} centered size="lg">
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="gridId" value={grid.id} />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <TextInput
            name="name"
            label={t("grids.name")}
            defaultValue={grid.name}
            required
            error={errors.field("name")}
          />
          <DeputyPicker
            name="deputyIds"
            label={t("grids.deputies")}
            initial={grid.deputies}
            error={errors.field("deputyIds")}
          />
          <Group justify="space-between">
            <Button
              type="submit"
              name="intent"
              value="delete"
              variant="subtle"
              color="red"
              title={t("grids.deleteHint")}
            >
              {t("grids.delete")}
            </Button>
            <Button type="submit" name="intent" value="save" loading={fetcher.state !== "idle"}>
              {t("grids.saveDeputies")}
            </Button>
          </Group>
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

export default function Grids({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const submit = useSubmit();
  const { rows, total, page, pageSize, communities, canManage } = loaderData;
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState<Grid | null>(null);
  const townships = [...new Map(communities.map((c) => [c.townshipId, c.townshipName]))].map(([value, label]) => ({
    value,
    label,
  }));
  const township = params.get("township");
  return (
    <>
      <PageHeader
        title={t("grids.title")}
        intro={t("grids.intro")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("grids.new")}
            </Button>
          )
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md">
          <ListSearch w={220} />
          {townships.length > 1 && (
            <Select
              name="township"
              aria-label={t("grids.township")}
              placeholder={t("grids.allTownships")}
              data={townships}
              value={township}
              onChange={setFilter("township", ["community"])}
              searchable
              clearable
              w={180}
            />
          )}
          <Select
            name="community"
            aria-label={t("grids.community")}
            placeholder={t("grids.allCommunities")}
            data={communityOptions(communities.filter((c) => !township || c.townshipId === township))}
            value={params.get("community")}
            onChange={setFilter("community")}
            searchable
            clearable
            w={200}
          />
          <ListTotal total={total} />
        </Group>
      </Form>
      <ListTable
        minWidth={640}
        data-testid="grids"
        empty={t("grids.empty")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>{t("grids.name")}</Table.Th>
            <Table.Th>{t("grids.community")}</Table.Th>
            <Table.Th>{t("grids.deputies")}</Table.Th>
            {canManage && <Table.Th />}
          </>
        }
      >
        {rows.map((grid) => (
          <Table.Tr key={grid.id} data-testid={`grid-${grid.name}`}>
            <Table.Td fw={600}>{grid.name}</Table.Td>
            <Table.Td>
              <Text size="sm">{grid.communityName}</Text>
              <Text size="xs" c="dimmed">
                {grid.townshipName}
              </Text>
            </Table.Td>
            <Table.Td>
              {grid.deputies.length ? (
                grid.deputies.map((d) => d.name).join("、")
              ) : (
                <Text size="sm" c="dimmed">
                  {t("grids.noDeputies")}
                </Text>
              )}
            </Table.Td>
            {canManage && (
              <Table.Td>
                <Button size="compact-sm" variant="subtle" onClick={() => setManaging(grid)}>
                  {t("grids.manage")}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </ListTable>
      {creating && <NewGridModal communities={communities} onClose={() => setCreating(false)} />}
      {managing && <ManageGridModal grid={managing} onClose={() => setManaging(null)} />}
    </>
  );
}
