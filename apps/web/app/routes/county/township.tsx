import { Anchor, Badge, Stack } from "@mantine/core";
import { getTownship } from "@rdlink/core/townships/get-township";
import { Link } from "react-router";
import { CommunitiesSection } from "~/components/communities-section";
import { LedgerSummary } from "~/components/ledger-summary";
import { PageHeader } from "~/components/page-header";
import { communityAction, loadTownshipExtras } from "~/lib/communities.server";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/township";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => {
    const page = await getTownship(tx, ctx, args.params.townshipId);
    return { ...page, ...(await loadTownshipExtras(tx, ctx, page.township.id)) };
  });
}

export function action(args: Route.ActionArgs) {
  return communityAction(args, args.params.townshipId);
}

export default function Township({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { township } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/townships" size="sm">
        ← {t("county.townshipsTitle")}
      </Anchor>
      <PageHeader
        title={township.name}
        intro={`${t(`townshipKinds.${township.kind}`)} · ${t("county.divisionCode")} ${township.divisionCode ?? t("county.manualEntry")}`}
        actions={
          township.archivedAt && (
            <Badge color="gray" variant="light">
              {t("common.archived")}
            </Badge>
          )
        }
      />
      <Stack gap="md">
        <CommunitiesSection communities={loaderData.communityRows} canManage={loaderData.canManageCommunities} />
        <LedgerSummary ledger={loaderData.ledger} filter={`township=${township.id}`} />
      </Stack>
    </>
  );
}
