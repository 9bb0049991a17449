import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { createPair } from "@rdlink/core/pairs/create-pair";
import { listDeputyPairChoices } from "@rdlink/core/pairs/list-deputy-pair-choices";
import { listPairs } from "@rdlink/core/pairs/list-pairs";
import { remindOverdueVisits } from "@rdlink/core/pairs/remind-overdue-visits";
import { pairKinds } from "@rdlink/vocabulary/pairs";
import { IconBell, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Form, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/pairs";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    months: params.get("months") ?? undefined,
    overdue: params.get("overdue") ?? undefined,
    page: params.get("page") ?? undefined,
  };
  return countyLoader(
    args,
    async (tx, ctx) => ({
      ...(await listPairs(tx, ctx, query)),
      deputies: await listDeputyPairChoices(tx, ctx),
    }),
    "tenant.pairs.manage",
  );
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      create: (tx, ctx, form) => createPair(tx, ctx, form),
      remind: async (tx, ctx, form) => ({ report: await remindOverdueVisits(tx, ctx, form) }),
    },
    "tenant.pairs.manage",
  );
}

type LoaderData = Route.ComponentProps["loaderData"];

/**
 * 双联 for the township operator and the county admin: every pair of their deputies with its last
 * visit, filtered to those without a visit in the last N months; 提醒走访 rings those deputies' bells.
 */
export default function Pairs({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { rows, total, page, pageSize, months, overdue, deputies } = loaderData;
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={t("pairs.title")}
        intro={t("pairs.intro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t("pairs.add")}
          </Button>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Form method="get">
            <Group align="flex-end" gap="md">
              <NumberInput
                name="months"
                label={t("pairs.months")}
                defaultValue={months}
                min={1}
                max={24}
                w={140}
                suffix={` ${t("pairs.monthsSuffix")}`}
              />
              <Checkbox
                name="overdue"
                value="1"
                defaultChecked={overdue}
                label={t("pairs.overdueOnly", { months })}
                mb={8}
              />
              <Button type="submit" variant="light">
                {t("pairs.filter")}
              </Button>
            </Group>
          </Form>
        </Paper>
        <RemindForm months={months} />
        <Text size="sm" c="dark.6" data-testid="pairs-count">
          {t("pairs.countSummary", { count: total })}
        </Text>
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("pairs.deputy")}</Table.Th>
                  <Table.Th>{t("pairs.kind")}</Table.Th>
                  <Table.Th>{t("pairs.householdName")}</Table.Th>
                  <Table.Th>{t("pairs.address")}</Table.Th>
                  <Table.Th>{t("pairs.phone")}</Table.Th>
                  <Table.Th>{t("pairs.lastVisit")}</Table.Th>
                  <Table.Th>{t("pairs.visits")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id} data-testid="pair-row">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {row.deputyName}
                      </Text>
                      <Text size="xs" c="dark.6">
                        {row.townshipName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`pairs.kinds.${row.kind}`)}</Table.Td>
                    <Table.Td>{row.householdName}</Table.Td>
                    <Table.Td>
                      {row.community ? `${row.community} · ` : ""}
                      {row.address}
                    </Table.Td>
                    <Table.Td>{row.phone ?? "—"}</Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Text size="sm">{row.lastVisit ?? t("pairs.never")}</Text>
                        {row.overdue && (
                          <Badge color="orange.9" variant="outline" size="sm">
                            {t("pairs.overdueBadge", { months })}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{row.visits}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 && (
            <Text c="dark.6" ta="center" py="xl">
              {overdue ? t("pairs.emptyOverdue", { months }) : t("pairs.empty")}
            </Text>
          )}
        </Paper>
        <ListPagination total={total} page={page} pageSize={pageSize} />
      </Stack>
      {adding && <NewPairModal deputies={deputies} onClose={() => setAdding(false)} />}
    </>
  );
}

/** 提醒走访: the deputies with a pair overdue by N months get a notification each. */
function RemindForm({ months }: { months: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const report =
    fetcher.state === "idle" && fetcher.data?.ok
      ? (fetcher.data.report as { pairs: number; reminded: number; deputies: number })
      : null;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="remind" />
      <input type="hidden" name="months" value={months} />
      <Group gap="sm">
        <Button type="submit" variant="default" leftSection={<IconBell size={16} />} loading={fetcher.state !== "idle"}>
          {t("pairs.remind")}
        </Button>
        <Text size="sm" c="dark.6">
          {t("pairs.remindHint", { months })}
        </Text>
      </Group>
      {errors.form && (
        <Text c="red" mt="xs">
          {errors.form}
        </Text>
      )}
      {report && (
        <Alert color="green" mt="sm" data-testid="pairs-reminded">
          {report.reminded > 0
            ? t("pairs.reminded", { deputies: report.deputies, reminded: report.reminded })
            : t("pairs.remindedNone")}
          {report.pairs > report.reminded && ` ${t("pairs.notReachable", { count: report.pairs - report.reminded })}`}
        </Alert>
      )}
    </fetcher.Form>
  );
}

function NewPairModal({ deputies, onClose }: { deputies: LoaderData["deputies"]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={t("pairs.addTitle")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="create" />
          {errors.form && <Text c="red">{errors.form}</Text>}
          <Select
            name="deputyId"
            label={t("pairs.deputy")}
            data={deputies.map((d) => ({ value: d.id, label: `${d.name}（${d.townshipName}）` }))}
            searchable
            required
            error={errors.field("deputyId")}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            name="kind"
            label={t("pairs.kind")}
            data={pairKinds.map((value) => ({ value, label: t(`pairs.kinds.${value}`) }))}
            required
            error={errors.field("kind")}
            comboboxProps={{ withinPortal: false }}
          />
          <TextInput
            name="householdName"
            label={t("pairs.householdName")}
            required
            maxLength={40}
            error={errors.field("householdName")}
          />
          <TextInput name="community" label={t("pairs.community")} maxLength={40} error={errors.field("community")} />
          <TextInput
            name="address"
            label={t("pairs.address")}
            required
            maxLength={100}
            error={errors.field("address")}
          />
          <TextInput name="phone" label={t("pairs.phone")} inputMode="tel" error={errors.field("phone")} />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
