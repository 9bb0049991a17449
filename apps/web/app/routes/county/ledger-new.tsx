import { Anchor } from "@mantine/core";
import { listLedgerChoices } from "@rdlink/core/activities/list-ledger-choices";
import { recordActivity } from "@rdlink/core/activities/record-activity";
import { Link, redirect } from "react-router";
import { ActivityForm } from "~/components/activity-form";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { readActivityForm } from "~/lib/ledger-form.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/ledger-new";

export async function loader(args: Route.LoaderArgs) {
  const choices = await countyLoader(args, listLedgerChoices);
  // Coming from a station's page, that station is chosen already.
  const station = new URL(args.request.url).searchParams.get("station");
  return { choices, stationId: choices.stations.some((s) => s.id === station) ? station : null };
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { input, uploads } = await readActivityForm(county);
    const activity = await county.inTenantStoringFiles((tx, ctx, staged) =>
      recordActivity(tx, ctx, input, { uploads, staged }),
    );
    return redirect(`/county/ledger/${activity.id}`);
  });
}

export default function LedgerNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { choices, stationId } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/ledger" size="sm">
        ← {t("ledger.title")}
      </Anchor>
      <PageHeader title={t("ledger.recordTitle")} />
      <ActivityForm
        choices={choices}
        errors={useFormErrors(actionData)}
        submitLabel={t("common.save")}
        values={{
          stationId: stationId ?? (choices.stations.length === 1 ? choices.stations[0]!.id : null),
          kind: "reception",
          day: choices.today,
          deputies: [],
          peopleReceived: 0,
          disputesMediated: 0,
          jobsArranged: 0,
          postId: null,
          summary: "",
          photoIds: [],
        }}
      />
    </>
  );
}
