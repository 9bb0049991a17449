import { Anchor } from "@mantine/core";
import { editActivity } from "@rdlink/core/activities/edit-activity";
import { findActivityToChange, getActivity } from "@rdlink/core/activities/get-activity";
import { listLedgerChoices } from "@rdlink/core/activities/list-ledger-choices";
import { Link, redirect } from "react-router";
import { ActivityForm } from "~/components/activity-form";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { readActivityForm } from "~/lib/ledger-form.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/ledger-edit";

export function loader(args: Route.LoaderArgs) {
  const { activityId } = args.params;
  return countyLoader(args, async (tx, ctx) => {
    await findActivityToChange(tx, ctx, activityId); // 404 unless the actor may change it
    return { entry: await getActivity(tx, ctx, activityId), choices: await listLedgerChoices(tx, ctx) };
  });
}

export function action(args: Route.ActionArgs) {
  const { activityId } = args.params;
  return countyAction(args, async (county) => {
    const { input, uploads } = await readActivityForm(county);
    await county.inTenantStoringFiles((tx, ctx, staged) =>
      editActivity(tx, ctx, activityId, input, { uploads, staged }),
    );
    return redirect(`/county/ledger/${activityId}`);
  });
}

export default function LedgerEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { entry, choices } = loaderData;
  const { activity } = entry;
  return (
    <>
      <Anchor component={Link} to={`/county/ledger/${activity.id}`} size="sm">
        ← {t("ledger.entry")}
      </Anchor>
      <PageHeader title={t("ledger.editTitle")} intro={`${entry.stationName} · ${activity.day}`} />
      <ActivityForm
        choices={choices}
        errors={useFormErrors(actionData)}
        submitLabel={t("common.save")}
        values={{ ...activity, deputies: entry.deputies }}
      />
    </>
  );
}
