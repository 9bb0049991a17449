import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { getLedgerSummary } from "@rdlink/core/activities/get-ledger-summary";
import { stationTitles } from "@rdlink/core/station-reviews/station-titles";
import { getStation } from "@rdlink/core/stations/get-station";
import { MAX_EVIDENCE_PHOTOS } from "@rdlink/core/stations/record-checklist-item";
import { publicStationCode } from "@rdlink/core/stations/station-code";
import { IconEdit } from "@tabler/icons-react";
import { Link } from "react-router";
import { LedgerSummary } from "~/components/ledger-summary";
import { PageHeader } from "~/components/page-header";
import { StationChecklist } from "~/components/station/station-checklist";
import { StationDeputies } from "~/components/station/station-deputies";
import { StationDetails } from "~/components/station/station-details";
import { StationPosts } from "~/components/station/station-posts";
import { StationQrCard } from "~/components/station/station-qr-card";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { stationAction } from "~/lib/station-actions.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station";

export async function loader(args: Route.LoaderArgs) {
  const { stationId } = args.params;
  const county = countyRequest(args);
  const page = await loadOr404(() =>
    county.inTenant(async (tx, ctx) => ({
      ...(await getStation(tx, ctx, stationId)),
      ledger: await getLedgerSummary(tx, ctx, { stationId }),
      titles: await stationTitles(tx, stationId),
    })),
  );
  return {
    ...page,
    publicCode: publicStationCode(county.tenant.divisionCode, page.publicCode),
    maxEvidencePhotos: MAX_EVIDENCE_PHOTOS,
  };
}

export function action(args: Route.ActionArgs) {
  return stationAction(args, args.params.stationId);
}

export default function Station({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const { station, typeName, townshipName, communityName, canManage } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/stations" size="sm">
        ← {t("stations.title")}
      </Anchor>
      <PageHeader
        title={station.name}
        intro={[typeName, townshipName, communityName].filter(Boolean).join(" · ")}
        actions={
          <Group gap="xs">
            {loaderData.titles.map(({ year, level }) => (
              <Badge key={`${year}-${level}`} variant="filled" color="red" size="lg" data-testid="station-title">
                {t("stationReviews.titleOf", { year, level: t(`stationReviews.level.${level}`) })}
              </Badge>
            ))}
            <Badge variant="light" color={station.status === "active" ? "green" : "gray"} size="lg">
              {t(`stations.statuses.${station.status}`)}
            </Badge>
            {canManage && (
              <Button
                component={Link}
                to={`/county/stations/${station.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={16} />}
              >
                {t("common.edit")}
              </Button>
            )}
          </Group>
        }
      />
      {[errors.form, ...errors.all].filter(Boolean).map((message) => (
        <Text c="red" key={message} role="alert" mb="sm">
          {message}
        </Text>
      ))}
      <SimpleGrid cols={{ base: 1, md: 3 }} mb="md">
        <StationDetails data={loaderData} />
        <StationDeputies data={loaderData} />
        <StationQrCard data={loaderData} />
      </SimpleGrid>
      <Stack gap="md">
        <StationPosts data={loaderData} />
        <StationChecklist data={loaderData} />
        <LedgerSummary ledger={loaderData.ledger} filter={`station=${station.id}`} />
      </Stack>
    </>
  );
}
