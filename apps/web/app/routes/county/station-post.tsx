import { Anchor, Badge, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { getStationPost } from "@rdlink/core/posts/get-station-post";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader } from "~/lib/county-route.server";
import { formatDate } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-post";

export function loader(args: Route.LoaderArgs) {
  const { stationId, postId } = args.params;
  return countyLoader(args, (tx, ctx) => getStationPost(tx, ctx, stationId, postId));
}

const STATUS_COLORS = { pending: "yellow", approved: "green", declined: "gray", ended: "gray" } as const;

export default function StationPost({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { station, post, holders, history } = loaderData;
  const date = (value: string | Date | null) => (value ? formatDate(value, i18n.language) : "—");
  return (
    <>
      <Anchor component={Link} to={`/county/stations/${station.id}`} size="sm">
        ← {station.name}
      </Anchor>
      <PageHeader title={`${post.name} · ${station.name}`} intro={post.description ?? undefined} />
      <Stack>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            {t("stations.holders")}
          </Title>
          {holders.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("stations.vacant")}
            </Text>
          ) : (
            <Stack gap="xs" data-testid="post-holders">
              {holders.map((holder) => (
                <Text key={holder.id}>
                  <Anchor component={Link} to={`/county/deputies/${holder.deputyId}`} fw={600}>
                    {holder.deputyName}
                  </Anchor>
                  <Text span c="dimmed" size="sm">
                    {" "}
                    {t("stations.since")} {date(holder.decidedAt)}
                  </Text>
                  <Text size="sm">{holder.statement}</Text>
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder>
          <Title order={5} p="md" pb={0}>
            {t("stations.claimHistory")}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="post-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("deputies.name")}</Table.Th>
                  <Table.Th>{t("stations.statement")}</Table.Th>
                  <Table.Th>{t("stations.claimedAt")}</Table.Th>
                  <Table.Th>{t("stations.decision")}</Table.Th>
                  <Table.Th>{t("stations.endedAt")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.map((claim) => (
                  <Table.Tr key={claim.id}>
                    <Table.Td>{claim.deputyName}</Table.Td>
                    <Table.Td>{claim.statement}</Table.Td>
                    <Table.Td>{date(claim.claimedAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[claim.status]} variant="light">
                        {t(`stations.claimStatuses.${claim.status}`)}
                      </Badge>
                      {claim.decidedBy && (
                        <Text size="xs" c="dimmed">
                          {claim.decidedBy} {date(claim.decidedAt)}
                          {claim.decisionNote ? `：${claim.decisionNote}` : ""}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{date(claim.endedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
    </>
  );
}
