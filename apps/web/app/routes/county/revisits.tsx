import { Anchor, Button, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { createRevisitCampaign } from "@rdlink/core/suggestions/create-revisit-campaign";
import { listRevisitCampaigns } from "@rdlink/core/suggestions/list-revisit-campaigns";
import { IconPlus } from "@tabler/icons-react";
import { Link, redirect, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { formatRate } from "~/lib/rate";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/revisits";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      campaigns: await listRevisitCampaigns(tx, ctx),
      // The new campaign's year defaults to the county's current year (Asia/Shanghai).
      year: Number(ctx.clock.now().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4)),
    }),
    "tenant.sessions.manage",
  );
}

/** 新建回头看: then on to its page, where its suggestions are selected. */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const campaign = await county.inTenant((tx, ctx) => createRevisitCampaign(tx, ctx, form));
      return redirect(`/county/revisits/${campaign.id}`);
    },
    "tenant.sessions.manage",
  );
}

function NewCampaignModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Modal opened onClose={onClose} title={t("revisits.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          {errors.form && <Text c="red">{errors.form}</Text>}
          <TextInput
            name="name"
            label={t("revisits.name")}
            description={t("revisits.nameHint")}
            required
            maxLength={60}
            error={errors.field("name")}
            data-autofocus
          />
          <TextInput
            name="year"
            label={t("revisits.year")}
            inputMode="numeric"
            defaultValue={year}
            required
            error={errors.field("year")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.create")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** The county's 回头看 campaigns, newest year first, with their 兑现率. */
export default function Revisits({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { campaigns, year } = loaderData;
  const [creating, create] = useDisclosure();
  return (
    <>
      <PageHeader
        title={t("revisits.title")}
        intro={t("revisits.intro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            {t("revisits.new")}
          </Button>
        }
      />
      <ListTable
        minWidth={640}
        data-testid="revisit-campaigns"
        empty={t("revisits.empty")}
        paging={{ total: campaigns.length, page: 1, pageSize: Math.max(campaigns.length, 1) }}
        head={
          <>
            <Table.Th>{t("revisits.name")}</Table.Th>
            <Table.Th>{t("revisits.year")}</Table.Th>
            <Table.Th>{t("revisits.createdBy")}</Table.Th>
            <Table.Th ta="right">{t("revisits.items")}</Table.Th>
            <Table.Th ta="right">{t("revisits.found")}</Table.Th>
            <Table.Th ta="right">{t("revisits.keptRate")}</Table.Th>
          </>
        }
      >
        {campaigns.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Anchor component={Link} to={`/county/revisits/${c.id}`} fw={600}>
                {c.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{c.year}</Table.Td>
            <Table.Td>{c.createdBy ?? "—"}</Table.Td>
            <Table.Td ta="right">{c.items}</Table.Td>
            <Table.Td ta="right">{c.found}</Table.Td>
            <Table.Td ta="right">{formatRate(c.keptRate)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <Text size="sm" c="dark.6" mt="xs">
        {t("revisits.keptRateHint")}
      </Text>
      {creating && <NewCampaignModal year={year} onClose={create.close} />}
    </>
  );
}
