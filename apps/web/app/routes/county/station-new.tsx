import { createStation } from "@rdlink/core/stations/create-station";
import { getStationFormOptions } from "@rdlink/core/stations/get-station-form-options";
import { redirect } from "react-router";
import { PageHeader } from "~/components/page-header";
import { StationForm } from "~/components/station-form";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { stationInput, withUploadedPhotos } from "~/lib/station-form.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-new";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, getStationFormOptions);
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { values, uploads } = await county.formWithFiles();
    const input = stationInput(values);
    const station = await county.inTenantStoringFiles(async (tx, ctx, staged) => {
      const { types } = await getStationFormOptions(tx, ctx);
      const fields = types.find((type) => type.id === values.stationTypeId)?.customFields ?? [];
      const customValues = await withUploadedPhotos(tx, ctx, input.customValues, fields, uploads, staged);
      return createStation(tx, ctx, { ...input, customValues });
    });
    return redirect(`/county/stations/${station.id}`);
  });
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
