import { Anchor, Button, Group, Paper, Select, Table, Text, TextInput } from "@mantine/core";
import { can } from "@rdlink/auth";
import { listDeputies } from "@rdlink/core/deputies/list-deputies";
import { revealDeputyPhone } from "@rdlink/core/deputies/reveal-deputy-phone";
import { getDatabase } from "@rdlink/db";
import { IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Form, useFetcher, useSearchParams, useSubmit } from "react-router";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/deputies";

const LEVELS = ["national", "provincial", "municipal", "county", "township"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const params = new URL(request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    level: params.get("level") ?? undefined,
    page: params.get("page") ?? undefined,
  };
  const list = await loadOr404(() => getDatabase().withTenant(tenantId, (tx) => listDeputies(tx, ctx, query)));
  return { ...list, canReveal: can(ctx.actor, "tenant.deputies.revealPhone") };
}

/** Reveals one number, on purpose and audited; the page never holds full numbers otherwise. */
export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const form = await readForm(request);
  try {
    const phone = await getDatabase().withTenant(tenantId, (tx) => revealDeputyPhone(tx, ctx, form.deputyId));
    return { ok: true as const, phone };
  } catch (error) {
    return failureResponse(error);
  }
}

function RevealPhone({ deputyId, masked }: { deputyId: string; masked: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  if (fetcher.data?.ok) return <Text ff="monospace">{fetcher.data.phone}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text ff="monospace">{masked}</Text>
      <fetcher.Form method="post">
        <input type="hidden" name="deputyId" value={deputyId} />
        <Button type="submit" size="compact-xs" variant="subtle" loading={fetcher.state !== "idle"}>
          {t("deputies.reveal")}
        </Button>
      </fetcher.Form>
    </Group>
  );
}

export default function Deputies({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const { rows, total, page, pageSize, canReveal } = loaderData;
  return (
    <>
      <PageHeader
        title={t("deputies.title")}
        intro={t("deputies.intro")}
        actions={
          <Anchor href="/county/deputies/export" download>
            {t("deputies.export")}
          </Anchor>
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md">
          <TextInput
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("common.searchPlaceholder")}
            leftSection={<IconSearch size={16} />}
            aria-label={t("common.search")}
            w={260}
          />
          <Select
            name="level"
            aria-label={t("deputies.level")}
            placeholder={t("deputies.level")}
            data={LEVELS.map((level) => ({ value: level, label: t(`deputies.levels.${level}`) }))}
            defaultValue={params.get("level")}
            clearable
            w={160}
          />
          <Text c="dimmed" size="sm">
            {t("common.total", { count: total })}
          </Text>
        </Group>
      </Form>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" data-testid="deputies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("deputies.name")}</Table.Th>
                <Table.Th>{t("deputies.level")}</Table.Th>
                <Table.Th>{t("deputies.township")}</Table.Th>
                <Table.Th>{t("deputies.sector")}</Table.Th>
                <Table.Th>{t("deputies.phone")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((deputy) => (
                <Table.Tr key={deputy.id}>
                  <Table.Td fw={600}>{deputy.name}</Table.Td>
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
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("deputies.empty")}
          </Text>
        )}
      </Paper>
      <ListPagination total={total} page={page} pageSize={pageSize} />
    </>
  );
}
