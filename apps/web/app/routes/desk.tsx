import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { getMyDesk } from "@rdlink/core/desk/get-my-desk";
import { IconFileCertificate, IconFileText, IconHomeHeart } from "@tabler/icons-react";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { PendingWork } from "~/components/pending-work";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/desk";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, getMyDesk);
}

/**
 * Where township operators, liaison officers, handling units and deputies land: the cases
 * waiting for them by urgency, the most urgent first, and (for a deputy) where they serve.
 */
export default function Desk({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { counts, cases, liaisonStations, deputy } = loaderData;
  return (
    <>
      <PageHeader
        title={t("desk.title")}
        intro={t("desk.intro")}
        actions={
          deputy?.deputy && (
            <Group gap="sm">
              <Button component={Link} to="/desk/suggestions" leftSection={<IconFileText size={16} />}>
                {t("sessions.mine.open")}
              </Button>
              <Button component={Link} to="/desk/pairs" variant="light" leftSection={<IconHomeHeart size={16} />}>
                {t("pairs.mine")}
              </Button>
              <Button
                component={Link}
                to={`/county/deputies/${deputy.deputy.id}/record`}
                variant="light"
                leftSection={<IconFileCertificate size={16} />}
              >
                {t("deputyRecords.mine")}
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="lg">
        <PendingWork counts={counts} cases={cases} />
        {liaisonStations.length > 0 && (
          <section aria-labelledby="desk-stations">
            <Title order={2} size="h4" id="desk-stations" mb="sm">
              {t("desk.myStations")}
            </Title>
            <Group gap="sm">
              {liaisonStations.map((station) => (
                <Button key={station.id} component={Link} to={`/county/stations/${station.id}`} variant="default">
                  {station.name}
                </Button>
              ))}
            </Group>
          </section>
        )}
        {deputy && <DeputyService service={deputy} />}
      </Stack>
    </>
  );
}

type DeputyServiceData = NonNullable<Route.ComponentProps["loaderData"]["deputy"]>;

/** A deputy's stations, the posts they hold or asked for, and this year's entries in the ledger. */
function DeputyService({ service }: { service: DeputyServiceData }) {
  const { t } = useTranslation();
  if (!service.deputy) {
    return <Text c="dark.6">{t("desk.deputyNotLinked")}</Text>;
  }
  return (
    <section aria-labelledby="desk-service">
      <Title order={2} size="h4" id="desk-service" mb="sm">
        {t("desk.myService")}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t("desk.stationsServed")}
          </Text>
          {service.stations.length === 0 && <Text c="dark.6">{t("desk.noStation")}</Text>}
          <Stack gap={4}>
            {service.stations.map((station) => (
              <Anchor key={station.id} component={Link} to={`/county/stations/${station.id}`}>
                {station.name}
              </Anchor>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t("desk.posts")}
          </Text>
          {service.posts.length === 0 && <Text c="dark.6">{t("desk.noPost")}</Text>}
          <Stack gap={4}>
            {service.posts.map((post) => (
              <Group key={`${post.stationId}-${post.postName}`} gap="xs" wrap="nowrap">
                <Text size="sm">
                  {post.stationName} · {post.postName}
                </Text>
                {post.status === "pending" && (
                  <Badge color="orange.9" variant="outline" size="sm">
                    {t("desk.postPending")}
                  </Badge>
                )}
              </Group>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            {t("desk.ledgerThisYear")}
          </Text>
          <Text fz={28} fw={700} data-testid="desk-ledger-entries">
            {service.ledger.entries}
          </Text>
          <Text size="sm" c="dark.6">
            {service.ledger.byKind.map((row) => `${t(`ledger.kinds.${row.kind}`)} ${row.entries}`).join(" · ") ||
              t("desk.noLedger")}
          </Text>
        </Paper>
      </SimpleGrid>
    </section>
  );
}
