import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { listCalendarDays } from "@rdlink/core/calendar/list-calendar-days";
import { removeCalendarDay } from "@rdlink/core/calendar/remove-calendar-day";
import { setCalendarDay } from "@rdlink/core/calendar/set-calendar-day";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Form, useNavigation, useSearchParams, useSubmit } from "react-router";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/calendar";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const thisYear = new Date().getFullYear();
  const year = Number(new URL(request.url).searchParams.get("year") ?? thisYear);
  const days = await loadOr404(() => getDatabase().withTenant(tenantId, (tx) => listCalendarDays(tx, ctx, { year })));
  return { year, days, years: [thisYear - 1, thisYear, thisYear + 1, thisYear + 2] };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const { intent, ...form } = await readForm(request);
  try {
    await getDatabase().withTenant(tenantId, (tx) =>
      intent === "remove" ? removeCalendarDay(tx, ctx, form) : setCalendarDay(tx, ctx, form),
    );
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}

export default function Calendar({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const [, setParams] = useSearchParams();
  const submit = useSubmit();
  const { year, days, years } = loaderData;
  const weekdays = t("calendar.weekdays").split(",");
  return (
    <>
      <PageHeader title={t("calendar.title")} intro={t("calendar.intro")} />
      <Stack>
        <Select
          label={t("calendar.year")}
          data={years.map(String)}
          value={String(year)}
          onChange={(value) => value && setParams({ year: value })}
          maw={160}
          allowDeselect={false}
        />
        <Paper withBorder p="md">
          <Form method="post" key={days.length}>
            <Group align="flex-end" wrap="wrap">
              <TextInput type="date" name="day" label={t("calendar.date")} required error={errors.field("day")} />
              <Select
                name="kind"
                label={t("calendar.kind")}
                data={[
                  { value: "holiday", label: t("calendar.holiday") },
                  { value: "workday", label: t("calendar.workday") },
                ]}
                defaultValue="holiday"
                allowDeselect={false}
                error={errors.field("kind")}
              />
              <TextInput name="name" label={t("calendar.name")} required error={errors.field("name")} />
              <Button type="submit" name="intent" value="set" loading={busy}>
                {t("calendar.add")}
              </Button>
            </Group>
          </Form>
        </Paper>
        <Paper withBorder>
          <Table.ScrollContainer minWidth={480}>
            <Table striped data-testid="calendar-days">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("calendar.date")}</Table.Th>
                  <Table.Th>{t("calendar.weekday")}</Table.Th>
                  <Table.Th>{t("calendar.kind")}</Table.Th>
                  <Table.Th>{t("calendar.name")}</Table.Th>
                  <Table.Th>{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {days.map((day) => (
                  <Table.Tr key={day.day}>
                    <Table.Td ff="monospace">{day.day}</Table.Td>
                    <Table.Td>{weekdays[new Date(`${day.day}T00:00:00Z`).getUTCDay()]}</Table.Td>
                    <Table.Td>
                      <Badge color={day.kind === "holiday" ? "red" : "blue"} variant="light">
                        {t(`calendar.${day.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{day.name}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="gray"
                        onClick={() => submit({ intent: "remove", day: day.day }, { method: "post" })}
                      >
                        {t("calendar.remove")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {days.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {t("calendar.empty")}
            </Text>
          )}
        </Paper>
      </Stack>
    </>
  );
}
