import { Anchor, Button, Group, Menu, Select, Table } from "@mantine/core";
import { can } from "@rdlink/auth";
import { listDeputies } from "@rdlink/core/deputies/list-deputies";
import { revealDeputyPhone } from "@rdlink/core/deputies/reveal-deputy-phone";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { IconChevronDown, IconFileImport, IconPlus } from "@tabler/icons-react";
import { Form, Link, useSubmit } from "react-router";
import { ListSearch, ListTotal } from "~/components/list-search";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { RevealPhone } from "~/components/reveal-phone";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useListFilters } from "~/lib/list-filters";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputies";

const LEVELS = ["national", "provincial", "municipal", "county", "township"] as const;

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    level: params.get("level") ?? undefined,
    townshipId: params.get("township") ?? undefined,
    page: params.get("page") ?? undefined,
  };
  return countyLoader(args, async (tx, ctx) => ({
    ...(await listDeputies(tx, ctx, query)),
    townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
    canReveal: can(ctx.actor, "tenant.deputies.revealPhone"),
    canManage: can(ctx.actor, "tenant.deputies.manage"),
    canImport: can(ctx.actor, "tenant.deputies.import"),
  }));
}

/** Reveals one number, on purpose and audited; the page never holds full numbers otherwise. */
export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { deputyId } = await county.form();
    const phone = await county.inTenant((tx, ctx) => revealDeputyPhone(tx, ctx, deputyId));
    return { ok: true as const, phone };
  });
}

export default function Deputies({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const submit = useSubmit();
  const { rows, total, page, pageSize, canReveal, canManage, canImport, townships } = loaderData;
  return (
    <>
      <PageHeader
        title={t("deputies.title")}
        intro={t("deputies.intro")}
        actions={
          <Group gap="xs">
            {canManage && (
              <Button component={Link} to="/county/deputies/new" leftSection={<IconPlus size={16} />}>
                {t("deputies.new")}
              </Button>
            )}
            {canImport && (
              <Button
                component={Link}
                to="/county/deputies/import"
                variant="default"
                leftSection={<IconFileImport size={16} />}
              >
                {t("deputies.import")}
              </Button>
            )}
            {canReveal ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    {t("deputies.export")}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item component="a" href="/county/deputies/export" download>
                    {t("deputies.exportMasked")}
                  </Menu.Item>
                  <Menu.Item component="a" href="/county/deputies/export?phones=full" download>
                    {t("deputies.exportFull")}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : (
              <Button component="a" href="/county/deputies/export" download variant="default">
                {t("deputies.export")}
              </Button>
            )}
          </Group>
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md">
          <ListSearch w={260} />
          <Select
            name="level"
            aria-label={t("deputies.level")}
            placeholder={t("deputies.level")}
            data={LEVELS.map((level) => ({ value: level, label: t(`deputies.levels.${level}`) }))}
            value={params.get("level")}
            onChange={setFilter("level")}
            clearable
            w={160}
          />
          {townships.length > 1 && (
            <Select
              name="township"
              aria-label={t("deputies.township")}
              placeholder={t("deputies.township")}
              data={townships}
              value={params.get("township")}
              onChange={setFilter("township")}
              searchable
              clearable
              w={180}
            />
          )}
          <ListTotal total={total} />
        </Group>
      </Form>
      <ListTable
        minWidth={720}
        verticalSpacing="xs"
        data-testid="deputies"
        empty={t("deputies.empty")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>{t("deputies.name")}</Table.Th>
            <Table.Th>{t("deputies.level")}</Table.Th>
            <Table.Th>{t("deputies.township")}</Table.Th>
            <Table.Th>{t("deputies.sector")}</Table.Th>
            <Table.Th>{t("deputies.phone")}</Table.Th>
          </>
        }
      >
        {rows.map((deputy) => (
          <Table.Tr key={deputy.id}>
            <Table.Td>
              <Anchor component={Link} to={`/county/deputies/${deputy.id}`} fw={600}>
                {deputy.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{t(`deputies.levels.${deputy.level}`)}</Table.Td>
            <Table.Td>{deputy.townshipName}</Table.Td>
            <Table.Td>{deputy.sector ?? "—"}</Table.Td>
            <Table.Td>
              {deputy.phone && canReveal ? (
                <RevealPhone deputyId={deputy.id} masked={deputy.phone} />
              ) : (
                (deputy.phone ?? "—")
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
