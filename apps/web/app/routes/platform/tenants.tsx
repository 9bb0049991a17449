import { Alert, Button, Group, TextInput, Tooltip } from "@mantine/core";
import {
  COUNTY_HEALTH_LIMIT,
  COUNTY_HEALTH_SORTS,
  defaultDirectionOf,
  listCountyHealth,
} from "@rdlink/core/tenants/list-county-health";
import { IconDownload, IconPlus, IconSearch } from "@tabler/icons-react";
import { Form, Link } from "react-router";
import { CountyHealthTable } from "~/components/county-health-table";
import { PageHeader } from "~/components/page-header";
import { countyHealthQuery } from "~/lib/county-health";
import { platformLoader } from "~/lib/platform-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/tenants";

export function loader(args: Route.LoaderArgs) {
  const query = countyHealthQuery(new URL(args.request.url).searchParams);
  return platformLoader(args, async (platform) => {
    const health = await platform.outsideTenants((tx, ctx) => listCountyHealth(tx, ctx, query));
    const { search, sort, direction } = health;
    // Each header's link: the other way round when it is the current sort, else its own first order.
    const links = Object.fromEntries(
      COUNTY_HEALTH_SORTS.map((column) => {
        const dir = column !== sort ? defaultDirectionOf(column) : direction === "asc" ? "desc" : "asc";
        return [column, `?${new URLSearchParams({ ...(search ? { q: search } : {}), sort: column, dir })}`];
      }),
    ) as Record<(typeof COUNTY_HEALTH_SORTS)[number], string>;
    return { ...health, links, limit: COUNTY_HEALTH_LIMIT };
  });
}

export default function Tenants({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { rows, search, sort, direction, links, truncated, limit } = loaderData;
  // The download has the rows on screen: the same search and order.
  const csvQuery = new URLSearchParams({
    ...(search ? { q: search } : {}),
    ...(sort ? { sort } : {}),
    ...(direction ? { dir: direction } : {}),
  }).toString();
  return (
    <>
      <PageHeader
        title={t("platform.tenantsTitle")}
        intro={t("platform.tenantsIntro")}
        actions={
          <Group gap="sm">
            <Tooltip label={t("countyHealth.exportCsvHint")}>
              <Button
                component="a"
                href={`/platform/tenants.csv${csvQuery ? `?${csvQuery}` : ""}`}
                download
                variant="light"
                leftSection={<IconDownload size={16} />}
                data-testid="county-health-csv"
              >
                {t("countyHealth.exportCsv")}
              </Button>
            </Tooltip>
            <Button component={Link} to="/platform/onboard" leftSection={<IconPlus size={16} />}>
              {t("nav.onboard")}
            </Button>
          </Group>
        }
      />
      <Form method="get">
        {/* A new search keeps the chosen order. */}
        {sort && <input type="hidden" name="sort" value={sort} />}
        {direction && <input type="hidden" name="dir" value={direction} />}
        <TextInput
          name="q"
          defaultValue={search}
          placeholder={t("common.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          mb="md"
          maw={360}
          aria-label={t("common.search")}
        />
      </Form>
      {truncated && (
        <Alert color="yellow" mb="md">
          {t("countyHealth.truncated", { count: limit })}
        </Alert>
      )}
      <CountyHealthTable rows={rows} sort={{ sort, direction, links }} />
    </>
  );
}
