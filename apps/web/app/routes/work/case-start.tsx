import { Alert, Button, Paper, Select, Stack } from "@mantine/core";
import { entryWorkflows } from "@rdlink/core/cases/entry-workflows";
import { unitOptions } from "@rdlink/core/cases/event-forms";
import { STAFF_CHANNELS } from "@rdlink/core/cases/opinion-input";
import { registerCase } from "@rdlink/core/cases/register-case";
import { listDeputyChoices } from "@rdlink/core/deputies/list-deputy-choices";
import { stationsToPick } from "@rdlink/core/stations/stations-to-pick";
import { townshipsToPick } from "@rdlink/core/townships/townships-to-pick";
import { useState } from "react";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { FieldInputs, useLocalized } from "~/components/field-inputs";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/case-start";

const DATA = "data.";

export function loader(args: Route.LoaderArgs) {
  const picked = new URL(args.request.url).searchParams.get("workflow");
  return countyLoader(args, async (tx, ctx) => {
    const workflows = await entryWorkflows(tx, ctx.actor);
    const chosen = workflows.find((w) => w.workflowId === picked) ?? null;
    const form = chosen?.definition.entry.staff?.form ?? [];
    const needs = (type: string) => form.some((f) => f.type === type);
    return {
      workflows: workflows.map((w) => ({ value: w.workflowId, label: w.definition.name })),
      chosen: chosen && { id: chosen.workflowId, form },
      references: {
        deputy: needs("deputy") ? await listDeputyChoices(tx, ctx) : undefined,
        handlingUnit: needs("handlingUnit") ? await unitOptions(tx) : undefined,
      },
      townships: (await townshipsToPick(tx, ctx.actor)).map((t) => ({ value: t.id, label: t.name })),
      stations: await stationsToPick(tx, ctx.actor),
      channels: STAFF_CHANNELS,
    };
  });
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { workflowId, townshipId, stationId, channel, ...rest } = await county.form();
    // The start form's answers come as `data.<key>`, as FieldInputs names them.
    const data = Object.fromEntries(
      Object.entries(rest)
        .filter(([name]) => name.startsWith(DATA))
        .map(([name, value]) => [name.slice(DATA.length), value]),
    );
    const { caseId } = await county.inTenant((tx, ctx) =>
      registerCase(tx, ctx, { workflowId, townshipId, stationId, channel, data }),
    );
    return redirect(`/work/cases/${caseId}`);
  });
}

/** 登记其他事项: a case of any process the county lets this role register (信访, 调解, 代表建议…). */
export default function CaseStart({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { workflows, chosen, townships, stations, channels, references } = loaderData;
  const [townshipId, setTownshipId] = useState<string | null>(townships.length === 1 ? townships[0]!.value : null);
  const stationsThere = stations
    .filter((s) => s.townshipId === townshipId)
    .map((s) => ({ value: s.id, label: s.name }));
  const [, setSearchParams] = useSearchParams();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title={t("work.start.title")} intro={t("work.start.intro")} />
      <Paper withBorder p="md" maw={640}>
        <Stack>
          {workflows.length === 0 && <Alert color="gray">{t("work.start.none")}</Alert>}
          <Select
            label={t("work.start.process")}
            data={workflows.map((w) => ({ value: w.value, label: localized(w.label) }))}
            value={chosen?.id ?? null}
            onChange={(id) => setSearchParams(id ? { workflow: id } : {})}
            allowDeselect={false}
            required
          />
          {chosen && (
            <Form method="post" key={chosen.id}>
              <Stack>
                {errors.form && <Alert color="red">{errors.form}</Alert>}
                <input type="hidden" name="workflowId" value={chosen.id} />
                <Select
                  name="townshipId"
                  label={t("work.start.township")}
                  data={townships}
                  value={townshipId}
                  onChange={setTownshipId}
                  error={errors.field("townshipId")}
                  searchable
                  required
                />
                <Select
                  key={townshipId ?? "none"}
                  name="stationId"
                  label={t("work.start.station")}
                  description={t("work.start.stationHint")}
                  data={stationsThere}
                  disabled={stationsThere.length === 0}
                  error={errors.field("stationId")}
                  searchable
                  clearable
                />
                <Select
                  name="channel"
                  label={t("work.register.channel")}
                  data={channels.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
                  defaultValue="reception"
                  allowDeselect={false}
                  error={errors.field("channel")}
                  required
                />
                <FieldInputs
                  fields={chosen.form}
                  prefix={DATA}
                  references={references}
                  errorOf={(key) => errors.field(`${DATA}${key}`)}
                />
                {errors.field("workflowId") && <Alert color="red">{errors.field("workflowId")}</Alert>}
                <Button type="submit" loading={busy} style={{ alignSelf: "flex-start" }}>
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
