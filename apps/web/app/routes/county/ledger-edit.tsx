import { Anchor } from "@mantine/core";
import { editActivity } from "@rdlink/core/activities/edit-activity";
import { findActivityToChange, getActivity } from "@rdlink/core/activities/get-activity";
import { listLedgerChoices } from "@rdlink/core/activities/list-ledger-choices";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Link, redirect } from "react-router";
import { ActivityForm } from "~/components/activity-form";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { withTenantStoringFiles } from "~/lib/files.server";
import { useFormErrors } from "~/lib/form-errors";
import { readActivityForm } from "~/lib/ledger-form.server";
import type { Route } from "./+types/ledger-edit";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => {
      await findActivityToChange(tx, ctx, params.activityId); // 404 unless the actor may change it
      return { entry: await getActivity(tx, ctx, params.activityId), choices: await listLedgerChoices(tx, ctx) };
    }),
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  try {
    const { input, uploads } = await readActivityForm(request);
    await withTenantStoringFiles(tenantId, (tx, staged) =>
      editActivity(tx, ctx, params.activityId, input, { uploads, staged }),
    );
    return redirect(`/county/ledger/${params.activityId}`);
  } catch (error) {
    return failureResponse(error);
  }
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
