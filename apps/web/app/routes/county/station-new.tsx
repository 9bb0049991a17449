import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { createStation } from "@rdlink/core/stations/create-station";
import { listLiaisonCandidates } from "@rdlink/core/stations/list-liaison-candidates";
import { listStationTypes } from "@rdlink/core/stations/list-station-types";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { getDatabase } from "@rdlink/db";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/station-new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => ({
      types: await listStationTypes(tx, ctx),
      townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
      liaisons: (await listLiaisonCandidates(tx, ctx)).map((u) => ({
        value: u.userId,
        label: `${u.displayName}（${u.username}）`,
      })),
    })),
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const form = await readForm(request);
  const customValues = Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith("custom."))
      .map(([key, value]) => [key.slice("custom.".length), value]),
  );
  try {
    const station = await getDatabase().withTenant(tenantId, (tx) =>
      createStation(tx, ctx, {
        ...form,
        partners: String(form.partners ?? "")
          .split(/[、,，]/)
          .map((p) => p.trim())
          .filter(Boolean),
        liaisonUserIds: String(form.liaisonUserIds ?? "")
          .split(",")
          .filter(Boolean),
        customValues,
      }),
    );
    return redirect(`/county/stations/${station.id}`);
  } catch (error) {
    return failureResponse(error);
  }
}

export default function StationNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const [typeId, setTypeId] = useState<string | null>(loaderData.types[0]?.id ?? null);
  const type = loaderData.types.find((x) => x.id === typeId);
  return (
    <>
      <PageHeader title={t("stations.new")} />
      <Paper withBorder p="lg" maw={760}>
        <Form method="post">
          <Stack>
            {errors.form && <Alert color="red">{errors.form}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                name="stationTypeId"
                label={t("stations.type")}
                data={loaderData.types.map((x) => ({ value: x.id, label: x.name }))}
                value={typeId}
                onChange={setTypeId}
                allowDeselect={false}
                required
                error={errors.field("stationTypeId")}
              />
              <Select
                name="townshipId"
                label={t("stations.township")}
                data={loaderData.townships}
                searchable
                required
                error={errors.field("townshipId")}
              />
            </SimpleGrid>
            <TextInput name="name" label={t("stations.name")} required error={errors.field("name")} />
            <TextInput name="address" label={t("stations.address")} error={errors.field("address")} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput name="receptionSchedule" label={t("stations.schedule")} placeholder="每月15日" />
              <TextInput name="partners" label={t("stations.partners")} description={t("stations.partnersHint")} />
            </SimpleGrid>
            <MultiSelect
              name="liaisonUserIds"
              label={t("stations.liaisons")}
              data={loaderData.liaisons}
              maxValues={2}
              searchable
              required
              error={errors.field("liaisonUserIds")}
            />
            {type?.customFields.map((field) => {
              const common = {
                name: `custom.${field.key}`,
                label: field.label["zh-CN"],
                required: field.required,
                error: errors.field(`customValues.${field.key}`),
              };
              if (field.type === "longText") return <Textarea key={field.key} {...common} />;
              if (field.type === "yesNo")
                return (
                  <Select
                    key={field.key}
                    {...common}
                    data={[
                      { value: "true", label: t("common.yes") },
                      { value: "false", label: t("common.no") },
                    ]}
                  />
                );
              return (
                <TextInput
                  key={field.key}
                  {...common}
                  type={field.type === "number" ? "number" : field.type === "date" ? "date" : "text"}
                />
              );
            })}
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t("common.create")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
    </>
  );
}
