import { Anchor } from "@mantine/core";
import { getStation } from "@rdlink/core/stations/get-station";
import { getStationFormOptions } from "@rdlink/core/stations/get-station-form-options";
import { updateStation } from "@rdlink/core/stations/update-station";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Link, redirect } from "react-router";
import { PageHeader } from "~/components/page-header";
import { StationForm } from "~/components/station-form";
import { failureResponse, loadOr404, readFormWithFiles } from "~/lib/actions.server";
import { notFound, requireCountyUser } from "~/lib/auth.server";
import { withTenantStoringFiles } from "~/lib/files.server";
import { useFormErrors } from "~/lib/form-errors";
import { stationInput, withUploadedPhotos } from "~/lib/station-form.server";
import type { Route } from "./+types/station-edit";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const loaded = await loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => {
      const page = await getStation(tx, ctx, params.stationId);
      return page.canManage ? { page, options: await getStationFormOptions(tx, ctx) } : null;
    }),
  );
  if (!loaded) throw notFound();
  const { page, options } = loaded;
  const { station } = page;
  return {
    options,
    headCandidates: page.deputies.map((d) => ({ value: d.id, label: d.name })),
    station: {
      ...station,
      liaisonUserIds: page.liaisons.map((l) => l.userId),
      customFields: page.fields.filter((f) => !f.removed).map((f) => f.definition),
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  try {
    const { values, uploads } = await readFormWithFiles(request);
    const input = stationInput(values);
    await withTenantStoringFiles(tenantId, async (tx, staged) => {
      const page = await getStation(tx, ctx, params.stationId);
      const fields = page.fields.filter((f) => !f.removed).map((f) => f.definition);
      const customValues = await withUploadedPhotos(tx, ctx, input.customValues, fields, uploads, staged);
      await updateStation(tx, ctx, { ...input, customValues, stationId: page.station.id });
    });
    return redirect(`/county/stations/${params.stationId}`);
  } catch (error) {
    return failureResponse(error);
  }
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
