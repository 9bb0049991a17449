import { Alert, Button, Paper, Select, Stack } from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { findStationForIntakeById } from "@rdlink/core/cases/intake-station";
import { channelsFor, MAX_OPINION_PHOTOS } from "@rdlink/core/cases/opinion-input";
import { registerOpinion } from "@rdlink/core/cases/register-opinion";
import { listStations } from "@rdlink/core/stations/list-stations";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { OpinionFields } from "~/components/opinion-fields";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { opinionInput } from "~/lib/opinion-form.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/case-new";

export function loader(args: Route.LoaderArgs) {
  const stationId = new URL(args.request.url).searchParams.get("station");
  return countyLoader(args, async (tx, ctx) => {
    const listed = await listStations(tx, ctx, { status: "active", pageSize: 200 });
    const station = listed.rows.some((s) => s.id === stationId) ? await findStationForIntakeById(tx, stationId!) : null;
    return {
      stations: listed.rows.map((s) => ({ value: s.id, label: `${s.name}（${s.townshipName}）` })),
      station: station && { id: station.id, intakeFields: station.intakeFields },
      channels: channelsFor(ctx.actor),
      categories: CASE_CATEGORIES,
      maxPhotos: MAX_OPINION_PHOTOS,
    };
  });
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { values, uploads } = await county.formWithFiles();
    const photos = await uploads("photos");
    const { caseId } = await county.inTenantStoringFiles((tx, ctx, staged) =>
      registerOpinion(tx, ctx, opinionInput(values), photos, staged),
    );
    return redirect(`/work/cases/${caseId}`);
  });
}

/** 登记: a liaison officer (or the township) registers what a citizen brought to the station; a deputy their own. */
export default function CaseNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { stations: options, station, channels, categories, maxPhotos } = loaderData;
  const [, setSearchParams] = useSearchParams();
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title={t("work.register.title")} intro={t("work.register.intro")} />
      <Paper withBorder p="md" maw={640}>
        <Stack>
          <Select
            label={t("work.station")}
            data={options}
            value={station?.id ?? null}
            onChange={(id) => setSearchParams(id ? { station: id } : {})}
            searchable
            required
          />
          {station && (
            <Form method="post" encType="multipart/form-data">
              <Stack>
                {errors.form && <Alert color="red">{errors.form}</Alert>}
                <input type="hidden" name="stationId" value={station.id} />
                <Select
                  name="channel"
                  label={t("work.register.channel")}
                  data={channels.map((value) => ({ value, label: t(`cases.channels.${value}`) }))}
                  required
                  error={errors.field("channel")}
                />
                <OpinionFields
                  categories={categories}
                  intakeFields={station.intakeFields}
                  maxPhotos={maxPhotos}
                  errorOf={errors.field}
                />
                <Button type="submit" loading={navigation.state === "submitting"}>
                  {t("work.register.submit")}
                </Button>
              </Stack>
            </Form>
          )}
        </Stack>
      </Paper>
    </>
  );
}
