import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { eraseCitizenData } from "@rdlink/core/privacy/erase-citizen-data";
import { getPrivacyPage } from "@rdlink/core/privacy/get-privacy-page";
import { savePrivacySettings } from "@rdlink/core/privacy/save-privacy-settings";
import { useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/privacy";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getPrivacyPage(tx, ctx), "tenant.privacy.manage");
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      save: (tx, ctx, form) => savePrivacySettings(tx, ctx, form),
      erase: async (tx, ctx, form) => ({ report: await eraseCitizenData(tx, ctx, form) }),
    },
    "tenant.privacy.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

/** 个人信息保护: the county's retention of citizens' names and phones, and erasure requests. */
export default function Privacy({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { figures } = loaderData;
  const card = (key: keyof Data["figures"]) => (
    <Paper withBorder p="md" key={key}>
      <Text size="sm" c="dark.6">
        {t(`privacy.figures.${key}`)}
      </Text>
      <Text size="xl" fw={700} data-testid={`privacy-${key}`}>
        {figures[key]}
      </Text>
    </Paper>
  );
  return (
    <>
      <PageHeader title={t("privacy.title")} intro={t("privacy.intro")} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
        {card("held")}
        {card("expired")}
        {card("erased")}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RetentionForm data={loaderData} />
        <ErasureForm />
      </SimpleGrid>
    </>
  );
}

function RetentionForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const { retention } = data;
  return (
    <Paper withBorder p="md">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="save" />
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t("privacy.retention")}
          </Title>
          <Text size="sm" c="dark.6" data-testid="privacy-retention">
            {retention.own
              ? t("privacy.retentionOwn", { months: retention.months })
              : t("privacy.retentionDefault", { months: retention.months })}
          </Text>
          <NumberInput
            name="retentionMonths"
            label={t("privacy.retentionMonths")}
            description={t("privacy.retentionHint")}
            defaultValue={retention.months}
            min={6}
            max={120}
            allowDecimal={false}
            clampBehavior="none"
            error={errors.field("retentionMonths")}
            w={240}
          />
          <Group>
            <Button type="submit" loading={fetcher.state !== "idle"}>
              {t("privacy.save")}
            </Button>
            {fetcher.state === "idle" && fetcher.data?.ok && <Text c="green.8">{t("privacy.saved")}</Text>}
          </Group>
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}

function ErasureForm() {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const report =
    fetcher.state === "idle" && fetcher.data?.ok ? (fetcher.data.report as { erased: number } | undefined) : undefined;
  return (
    <Paper withBorder p="md">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="erase" />
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t("privacy.request")}
          </Title>
          <Text size="sm" c="dark.6">
            {t("privacy.requestIntro")}
          </Text>
          <Group grow align="flex-start">
            <TextInput
              name="trackingCode"
              label={t("privacy.trackingCode")}
              required
              error={errors.field("trackingCode")}
            />
            <TextInput name="phone" label={t("privacy.phone")} inputMode="tel" required error={errors.field("phone")} />
          </Group>
          {errors.form && <Text c="red">{errors.form}</Text>}
          <Group>
            <Button type="submit" color="red" variant="light" loading={fetcher.state !== "idle"}>
              {t("privacy.erase")}
            </Button>
          </Group>
          {report && (
            <Alert color="green" data-testid="privacy-erased">
              {t("privacy.erased", { count: report.erased })}
            </Alert>
          )}
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}
