import { createStation } from "@rdlink/core/stations/create-station";
import { getStationFormOptions } from "@rdlink/core/stations/get-station-form-options";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { PageHeader } from "~/components/page-header";
import { StationForm } from "~/components/station-form";
import { failureResponse, loadOr404, readFormWithFiles } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { withTenantStoringFiles } from "~/lib/files.server";
import { useFormErrors } from "~/lib/form-errors";
import { stationInput, withUploadedPhotos } from "~/lib/station-form.server";
import type { Route } from "./+types/station-new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getStationFormOptions(tx, ctx)));
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  try {
    const { values, uploads } = await readFormWithFiles(request);
    const input = stationInput(values);
    const station = await withTenantStoringFiles(tenantId, async (tx, staged) => {
      const { types } = await getStationFormOptions(tx, ctx);
      const fields = types.find((type) => type.id === values.stationTypeId)?.customFields ?? [];
      const customValues = await withUploadedPhotos(tx, ctx, input.customValues, fields, uploads, staged);
      return createStation(tx, ctx, { ...input, customValues });
    });
    return redirect(`/county/stations/${station.id}`);
  } catch (error) {
    return failureResponse(error);
  }
}

export default function StationNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("stations.new")} />
      <StationForm options={loaderData} errors={useFormErrors(actionData)} submitLabel={t("common.create")} />
    </>
  );
}
