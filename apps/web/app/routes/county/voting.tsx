import { Anchor, Table } from "@mantine/core";
import { listVotingStreets } from "@rdlink/core/voting/list-voting-streets";
import { Link } from "react-router";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/voting";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => ({ streets: await listVotingStreets(tx, ctx) }), "tenant.voting.manage");
}

/** 民生实事项目票决: the streets the user runs, each to its own voting page. */
export default function Voting({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { streets } = loaderData;
  return (
    <>
      <PageHeader title={t("voting.streetTitle")} />
      <ListTable
        minWidth={480}
        data-testid="voting-streets"
        empty={t("voting.figures.none")}
        paging={{ total: streets.length, page: 1, pageSize: Math.max(streets.length, 1) }}
        head={
          <>
            <Table.Th>{t("voting.figures.street")}</Table.Th>
            <Table.Th ta="right">{t("voting.representatives")}</Table.Th>
            <Table.Th ta="right">{t("voting.meetings")}</Table.Th>
          </>
        }
      >
        {streets.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>
              <Anchor component={Link} to={`/county/townships/${s.id}/voting`} fw={600}>
                {s.name}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right">{s.representatives}</Table.Td>
            <Table.Td ta="right">{s.meetings}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
