import { Box, Paper, SimpleGrid, Text } from "@mantine/core";
import { getCountyOverview } from "@rdlink/core/county/get-county-overview";
import { getMyDesk } from "@rdlink/core/desk/get-my-desk";
import { PageHeader } from "~/components/page-header";
import { PendingWork } from "~/components/pending-work";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/overview";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => ({
    ...(await getCountyOverview(tx, ctx)),
    desk: await getMyDesk(tx, ctx),
  }));
}

export default function Overview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tenant, counts, desk } = loaderData;
  const stats = [
    ["townships", counts.townships],
    ["users", counts.users],
    ["stationTypes", counts.stationTypes],
    ["dutyPosts", counts.dutyPosts],
  ] as const;
  return (
    <>
      <PageHeader title={t("county.overviewTitle", { name: tenant.name })} intro={t("county.overviewIntro")} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {stats.map(([key, value]) => (
          <Paper key={key} withBorder p="md">
            <Text size="sm" c="dimmed">
              {t(`county.stats.${key}`)}
            </Text>
            <Text fz={32} fw={700} c="red.9">
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Box mt="xl">
        <PendingWork counts={desk.counts} cases={desk.cases} />
      </Box>
    </>
  );
}
