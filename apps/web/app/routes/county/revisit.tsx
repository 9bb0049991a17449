import { Anchor, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { addRevisitItems } from "@rdlink/core/suggestions/add-revisit-items";
import { assignRevisitTeam } from "@rdlink/core/suggestions/assign-revisit-team";
import { getRevisitCampaign } from "@rdlink/core/suggestions/get-revisit-campaign";
import { recordRevisitFinding } from "@rdlink/core/suggestions/record-revisit-finding";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { RevisitItems } from "~/components/revisit-items";
import { RevisitSelection } from "~/components/revisit-selection";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { formatRate } from "~/lib/rate";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/revisit";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    year: params.get("year") || undefined,
    sessionId: params.get("sessionId") || undefined,
    classes: params.getAll("class"),
    unitId: params.get("unitId") || undefined,
  };
  return countyLoader(
    args,
    (tx, ctx) => getRevisitCampaign(tx, ctx, args.params.campaignId, query),
    "tenant.sessions.manage",
  );
}

export function action(args: Route.ActionArgs) {
  const { campaignId } = args.params;
  return intentAction(
    args,
    {
      add: async (tx, ctx, form) => ({ report: await addRevisitItems(tx, ctx, campaignId, form) }),
      assign: async (tx, ctx, form) => ({ report: await assignRevisitTeam(tx, ctx, campaignId, form) }),
      find: async (tx, ctx, form) => ({ report: await recordRevisitFinding(tx, ctx, campaignId, form) }),
    },
    "tenant.sessions.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

/** The figure cards at the top: items, checked, 兑现率 (with how it is counted). */
function CampaignFigures({ figures }: { figures: Data["figures"] }) {
  const { t } = useTranslation();
  const card = (label: string, value: string, testId: string) => (
    <Paper withBorder p="md">
      <Text size="sm" c="dark.6">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
  return (
    <Stack gap={4} mb="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {card(t("revisits.items"), String(figures.items), "revisit-items")}
        {card(t("revisits.found"), String(figures.found), "revisit-found")}
        {card(t("revisits.findings.notKept"), String(figures.notKept), "revisit-not-kept")}
        {card(t("revisits.keptRate"), formatRate(figures.keptRate), "revisit-kept-rate")}
      </SimpleGrid>
      <Text size="sm" c="dark.6">
        {t("revisits.keptRateHint")}
      </Text>
    </Stack>
  );
}

/** A 回头看 campaign: its figures, its items with teams and findings, and the selection of more. */
export default function Revisit({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { campaign } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/revisits" size="sm">
        ← {t("revisits.back")}
      </Anchor>
      <PageHeader title={campaign.name} intro={`${t("revisits.year")}：${campaign.year}`} />
      <CampaignFigures figures={loaderData.figures} />
      <RevisitItems data={loaderData} />
      <RevisitSelection data={loaderData} />
    </>
  );
}
