import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { listProvinces } from "@rdlink/core/divisions/divisions";
import { listTemplateSets } from "@rdlink/core/templates/list-template-sets";
import { onboardCounty } from "@rdlink/core/tenants/onboard-county";
import { useState } from "react";
import { Form, Link, useFetcher, useNavigation } from "react-router";
import { InvitationLink } from "~/components/invitation-link";
import { PageHeader } from "~/components/page-header";
import { useFormErrors } from "~/lib/form-errors";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import { invitationUrl } from "~/lib/urls";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/onboard";

export function loader(args: Route.LoaderArgs) {
  return platformLoader(args, async (platform) => ({
    provinces: listProvinces(),
    // Only a set with a published version can start a county; the default is listed first.
    templateSets: (await platform.outsideTenants((tx, ctx) => listTemplateSets(tx, ctx)))
      .filter((set) => set.latestVersion !== null)
      .map((set) => ({ id: set.id, name: set.name, version: set.latestVersion! })),
  }));
}

export function action(args: Route.ActionArgs) {
  return platformAction(args, async (platform) => {
    const form = await platform.form();
    const result = await platform.withDatabase((db, ctx) => onboardCounty(db, ctx, form));
    return {
      ok: true as const,
      tenantId: result.tenantId,
      invitationUrl: invitationUrl(args.request, result.invitationToken),
    };
  });
}

type Division = { code: string; name: string };
const options = (list: Division[] | undefined) => (list ?? []).map((d) => ({ value: d.code, label: d.name }));

export default function Onboard({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const cities = useFetcher<{ divisions: Division[] }>();
  const counties = useFetcher<{ divisions: Division[] }>();
  const townships = useFetcher<{ divisions: Division[] }>();
  const [province, setProvince] = useState<string | null>(null);
  const [city, setCity] = useState<string | null>(null);
  const [county, setCounty] = useState<string | null>(null);

  const countyName = options(counties.data?.divisions).find((o) => o.value === county)?.label;
  if (actionData?.ok) {
    return (
      <>
        <PageHeader title={t("platform.onboardTitle")} />
        <Stack maw={720}>
          <InvitationLink url={actionData.invitationUrl} invitedRole="county_admin" />
          <Group>
            <Button component={Link} to={`/platform/tenants/${actionData.tenantId}`}>
              {t("platform.viewTenant")}
            </Button>
          </Group>
        </Stack>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("platform.onboardTitle")} intro={t("platform.onboardIntro")} />
      <Paper withBorder p="lg" maw={720}>
        <Form method="post">
          <Stack>
            {errors.form && <Alert color="red">{errors.form}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t("platform.province")}
                placeholder={t("platform.pickProvince")}
                data={options(loaderData.provinces)}
                value={province}
                searchable
                onChange={(value) => {
                  setProvince(value);
                  setCity(null);
                  setCounty(null);
                  if (value) cities.load(`/platform/divisions?province=${value}`);
                }}
              />
              <Select
                label={t("platform.city")}
                placeholder={t("platform.pickCity")}
                data={options(cities.data?.divisions)}
                value={city}
                disabled={!province}
                searchable
                onChange={(value) => {
                  setCity(value);
                  setCounty(null);
                  if (value) counties.load(`/platform/divisions?city=${value}`);
                }}
              />
              <Select
                label={t("platform.county")}
                placeholder={t("platform.pickCounty")}
                data={options(counties.data?.divisions)}
                value={county}
                disabled={!city}
                searchable
                name="divisionCode"
                error={errors.field("divisionCode")}
                onChange={(value) => {
                  setCounty(value);
                  if (value) townships.load(`/platform/divisions?county=${value}`);
                }}
              />
            </SimpleGrid>
            {county && townships.data && (
              <Text size="sm" c="dimmed" data-testid="township-preview">
                {countyName} · {t("platform.preview", { count: townships.data.divisions.length })}:{" "}
                {townships.data.divisions
                  .slice(0, 8)
                  .map((d) => d.name)
                  .join("、")}
                {townships.data.divisions.length > 8 ? "…" : ""}
              </Text>
            )}
            <Select
              name="templateSetId"
              label={t("templates.templateSet")}
              description={t("templates.templateSetHint")}
              data={loaderData.templateSets.map((set) => ({
                value: set.id,
                label: `${set.name} · ${t("templates.versionLabel", { version: set.version })}`,
              }))}
              defaultValue={loaderData.templateSets[0]?.id}
              allowDeselect={false}
              error={errors.field("templateSetId")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                name="adminUsername"
                label={t("platform.adminUsername")}
                description={t("platform.adminUsernameHint")}
                autoCapitalize="none"
                required
                error={errors.field("adminUsername")}
              />
              <TextInput
                name="adminDisplayName"
                label={t("platform.adminDisplayName")}
                required
                error={errors.field("adminDisplayName")}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t("platform.submitOnboard")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
    </>
  );
}
