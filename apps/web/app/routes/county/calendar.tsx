import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { confirmCalendarYear } from "@rdlink/core/calendar/confirm-calendar-year";
import { listCalendarDays } from "@rdlink/core/calendar/list-calendar-days";
import { listCalendarYears } from "@rdlink/core/calendar/list-calendar-years";
import { removeCalendarDay } from "@rdlink/core/calendar/remove-calendar-day";
import { setCalendarDay } from "@rdlink/core/calendar/set-calendar-day";
import { localDateOf } from "@rdlink/workflow";
import { Form, useNavigation, useSearchParams, useSubmit } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/calendar";

export function loader(args: Route.LoaderArgs) {
  const asked = new URL(args.request.url).searchParams.get("year");
  return countyLoader(args, async (tx, ctx) => {
    const thisYear = Number(localDateOf(ctx.clock.now()).slice(0, 4));
    const year = asked === null ? thisYear : Number(asked);
    const days = await listCalendarDays(tx, ctx, { year });
    const held = await listCalendarYears(tx, ctx);
    // The years the county holds, and the next two even before the worker adds them.
    const years = [...new Set([...held.map((h) => h.year), thisYear + 1, thisYear + 2])].sort((a, b) => a - b);
    const statusOf = (y: number): YearStatus => held.find((h) => h.year === y)?.status ?? "missing";
    return { year, days, status: statusOf(year), years: years.map((y) => ({ year: y, status: statusOf(y) })) };
  });
}

export function action(args: Route.ActionArgs) {
  return intentAction(args, {
    remove: (tx, ctx, form) => removeCalendarDay(tx, ctx, form),
    confirm: (tx, ctx, form) => confirmCalendarYear(tx, ctx, form),
    set: (tx, ctx, form) => setCalendarDay(tx, ctx, form),
  });
}

type YearStatus = "official" | "provisional" | "confirmed" | "missing";

const STATUS_COLOR = { official: "green", confirmed: "blue", provisional: "orange", missing: "gray" } as const;

export default function Calendar({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const [, setParams] = useSearchParams();
  const submit = useSubmit();
  const { year, days, years, status } = loaderData;
  const weekdays = t("calendar.weekdays").split(",");
  return (
    <>
      <PageHeader title={t("calendar.title")} intro={t("calendar.intro")} />
      <Stack>
        <Group gap="xs" wrap="wrap" data-testid="calendar-years" data-selected-year={year}>
          <Text size="sm" fw={500}>
            {t("calendar.years")}
          </Text>
          {years.map((entry) => (
            <Button
              key={entry.year}
              size="compact-sm"
              variant={entry.year === year ? "filled" : "default"}
              onClick={() => setParams({ year: String(entry.year) })}
              rightSection={
                <Badge size="xs" variant="light" color={STATUS_COLOR[entry.status]}>
                  {t(`calendar.status.${entry.status}`)}
                </Badge>
              }
            >
              {entry.year}
            </Button>
          ))}
        </Group>
        {status === "provisional" && (
          <Alert
            color="orange"
            title={t("calendar.provisionalTitle", { year: String(year) })}
            data-testid="calendar-provisional"
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t("calendar.provisionalText", { year: String(year) })}</Text>
              <Form method="post">
                <input type="hidden" name="year" value={year} />
                <Button type="submit" name="intent" value="confirm" color="orange" loading={busy}>
                  {t("calendar.confirm", { year: String(year) })}
                </Button>
              </Form>
            </Stack>
          </Alert>
        )}
        {status === "confirmed" && (
          <Alert color="blue" data-testid="calendar-confirmed">
            {t("calendar.confirmed", { year: String(year) })}
          </Alert>
        )}
        {status === "missing" && <Alert color="gray">{t("calendar.missingText", { year: String(year) })}</Alert>}
        {errors.form && <Alert color="red">{errors.form}</Alert>}
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
