import { Anchor } from "@mantine/core";
import { NotFoundError } from "@rdlink/core/shared/errors";
import { getStation } from "@rdlink/core/stations/get-station";
import { getStationFormOptions } from "@rdlink/core/stations/get-station-form-options";
import { updateStation } from "@rdlink/core/stations/update-station";
import { Link, redirect } from "react-router";
import { PageHeader } from "~/components/page-header";
import { StationForm } from "~/components/station-form";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { stationInput, withUploadedPhotos } from "~/lib/station-form.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/station-edit";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => {
    const page = await getStation(tx, ctx, args.params.stationId);
    // Those who may only look at the station get the 404 page here, as for another county's.
    if (!page.canManage) throw new NotFoundError();
    return {
      options: await getStationFormOptions(tx, ctx),
      headCandidates: page.deputies.map((d) => ({ value: d.id, label: d.name })),
      station: {
        ...page.station,
        liaisonUserIds: page.liaisons.map((l) => l.userId),
        customFields: page.fields.filter((f) => !f.removed).map((f) => f.definition),
      },
    };
  });
}

export function action(args: Route.ActionArgs) {
  const { stationId } = args.params;
  return countyAction(args, async (county) => {
    const { values, uploads } = await county.formWithFiles();
    const input = stationInput(values);
    await county.inTenantStoringFiles(async (tx, ctx, staged) => {
      const page = await getStation(tx, ctx, stationId);
      const fields = page.fields.filter((f) => !f.removed).map((f) => f.definition);
      const customValues = await withUploadedPhotos(tx, ctx, input.customValues, fields, uploads, staged);
      await updateStation(tx, ctx, { ...input, customValues, stationId: page.station.id });
    });
    return redirect(`/county/stations/${stationId}`);
  });
}

export default function StationEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { station, options, headCandidates } = loaderData;
  return (
    <>
      <Anchor component={Link} to={`/county/stations/${station.id}`} size="sm">
        ← {station.name}
      </Anchor>
      <PageHeader title={t("stations.edit")} />
      <StationForm
        options={options}
        station={station}
        headCandidates={headCandidates}
        errors={useFormErrors(actionData)}
        submitLabel={t("common.save")}
      />
    </>
  );
}
