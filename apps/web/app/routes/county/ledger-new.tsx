import { Anchor } from "@mantine/core";
import { listLedgerChoices } from "@rdlink/core/activities/list-ledger-choices";
import { recordActivity } from "@rdlink/core/activities/record-activity";
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
import type { Route } from "./+types/ledger-new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const choices = await loadOr404(() => getDatabase().withTenant(tenantId, (tx) => listLedgerChoices(tx, ctx)));
  // Coming from a station's page, that station is chosen already.
  const station = new URL(request.url).searchParams.get("station");
  return { choices, stationId: choices.stations.some((s) => s.id === station) ? station : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  try {
    const { input, uploads } = await readActivityForm(request);
    const activity = await withTenantStoringFiles(tenantId, (tx, staged) =>
      recordActivity(tx, ctx, input, { uploads, staged }),
    );
    return redirect(`/county/ledger/${activity.id}`);
  } catch (error) {
    return failureResponse(error);
  }
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
