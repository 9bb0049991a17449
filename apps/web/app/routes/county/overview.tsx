import { Paper, SimpleGrid, Text } from "@mantine/core";
import { getCountyOverview } from "@rdlink/core/county/get-county-overview";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/overview";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getCountyOverview(tx, ctx)));
}

export default function Overview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tenant, counts } = loaderData;
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
            <Text fz={32} fw={700} c="red.8">
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </>
  );
}
