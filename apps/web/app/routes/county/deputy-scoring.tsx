import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { RECORD_FIGURES } from "@rdlink/core/deputy-records/record-labels";
import { getScoreTable } from "@rdlink/core/scoring/get-score-table";
import { publishScoreTable } from "@rdlink/core/scoring/publish-score-table";
import { removeScoringRule } from "@rdlink/core/scoring/remove-scoring-rule";
import { saveScoringRule } from "@rdlink/core/scoring/save-scoring-rule";
import { MONTHLY_FIGURES } from "@rdlink/core/scoring/scoring-input";
import { unpublishScoreTable } from "@rdlink/core/scoring/unpublish-score-table";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { RecordYearPicker } from "~/components/record-year-picker";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { formatDate } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy-scoring";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = { year: params.get("year") ?? undefined, page: params.get("page") ?? undefined };
  return countyLoader(args, (tx, ctx) => getScoreTable(tx, ctx, query), "tenant.scoring.manage");
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      save: (tx, ctx, form) => saveScoringRule(tx, ctx, form),
      remove: (tx, ctx, form) => removeScoringRule(tx, ctx, form),
      publish: (tx, ctx, form) => publishScoreTable(tx, ctx, form),
      unpublish: (tx, ctx, form) => unpublishScoreTable(tx, ctx, form),
    },
    "tenant.scoring.manage",
  );
}

type Rule = Route.ComponentProps["loaderData"]["rules"][number];

/** Add or change a 考核细则: the figure, points per unit, an optional cap and monthly minimum. */
function RuleModal({ rule, onClose }: { rule: Rule | "new"; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  const existing = rule === "new" ? null : rule;
  const [figure, setFigure] = useState<string | null>(existing?.figure ?? null);
  const monthly = figure !== null && (MONTHLY_FIGURES as readonly string[]).includes(figure);
  return (
    <Modal opened onClose={onClose} title={existing ? t("scoring.editRule") : t("scoring.newRule")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="save" />
          {existing && <input type="hidden" name="ruleId" value={existing.id} />}
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <Select
            name="figure"
            label={t("scoring.figure")}
            data={RECORD_FIGURES.map(({ key }) => ({ value: key, label: t(`deputyRecords.figures.${key}`) }))}
            value={figure}
            onChange={setFigure}
            required
            error={errors.field("figure")}
            comboboxProps={{ withinPortal: false }}
          />
          <NumberInput
            name="points"
            label={t("scoring.points")}
            description={t("scoring.pointsHint")}
            defaultValue={existing?.points}
            decimalScale={1}
            min={0}
            required
            error={errors.field("points")}
          />
          <NumberInput
            name="cap"
            label={t("scoring.cap")}
            description={t("scoring.capHint")}
            defaultValue={existing?.cap ?? undefined}
            decimalScale={1}
            min={0}
            error={errors.field("cap")}
          />
          {monthly && (
            <Group grow align="flex-start">
              <NumberInput
                name="monthlyMinimum"
                label={t("scoring.monthlyMinimum")}
                description={t("scoring.monthlyMinimumHint")}
                defaultValue={existing?.monthlyMinimum ?? undefined}
                allowDecimal={false}
                min={0}
                error={errors.field("monthlyMinimum")}
              />
              <NumberInput
                name="monthlyDeduction"
                label={t("scoring.monthlyDeduction")}
                defaultValue={existing?.monthlyDeduction ?? undefined}
                decimalScale={1}
                min={0}
                error={errors.field("monthlyDeduction")}
              />
            </Group>
          )}
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** A yes-or-no question before an intent that changes what others read (remove, publish, unpublish). */
function ConfirmModal({
  title,
  text,
  fields,
  onClose,
}: {
  title: string;
  text: string;
  fields: Record<string, string>;
  onClose: () => void;
}) {
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <fetcher.Form method="post">
        <Stack>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <Text size="sm">{text}</Text>
          <FormActions onCancel={onClose} submitLabel={title} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** 考核: the county's scoring rules, and the year's ranked table, published (frozen) or as the rules say now. */
export default function DeputyScoring({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { rules, rows, total, page, pageSize, year, thisYear, published } = loaderData;
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const [confirming, setConfirming] = useState<{ title: string; text: string; fields: Record<string, string> } | null>(
    null,
  );
  return (
    <>
      <PageHeader
        title={t("scoring.title")}
        intro={t("scoring.intro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
            {t("scoring.newRule")}
          </Button>
        }
      />
      <Paper withBorder p="md" mb="lg">
        <Title order={2} size="h4" mb="sm">
          {t("scoring.rules")}
        </Title>
        {rules.length === 0 ? (
          <Text c="dark.6">{t("scoring.noRules")}</Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="scoring-rules">
            <Table.Tbody>
              {rules.map((rule, index) => (
                <Table.Tr key={rule.id}>
                  <Table.Td w={32}>{index + 1}.</Table.Td>
                  <Table.Td>{rule.description}</Table.Td>
                  <Table.Td w={150}>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(rule)}>
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          setConfirming({
                            title: t("scoring.remove"),
                            text: `${t("scoring.removeConfirm")}（${rule.description}）`,
                            fields: { intent: "remove", ruleId: rule.id },
                          })
                        }
                      >
                        {t("scoring.remove")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Group mb="md" align="flex-end" justify="space-between">
        <Group align="flex-end">
          <RecordYearPicker year={year} thisYear={thisYear} />
          <Title order={2} size="h4" data-testid="score-table-title">
            {published
              ? t("scoring.tablePublished", { year, date: formatDate(published.publishedAt, i18n.language) })
              : t("scoring.tableLive", { year })}
          </Title>
          {published && <Badge color="green">{t("scoring.published")}</Badge>}
        </Group>
        {published ? (
          <Button
            variant="default"
            onClick={() =>
              setConfirming({
                title: t("scoring.unpublish"),
                text: t("scoring.unpublishConfirm"),
                fields: { intent: "unpublish", year: String(year) },
              })
            }
          >
            {t("scoring.unpublish")}
          </Button>
        ) : (
          year <= thisYear && (
            <Button
              onClick={() =>
                setConfirming({
                  title: t("scoring.publish", { year }),
                  text: t("scoring.publishConfirm"),
                  fields: { intent: "publish", year: String(year) },
                })
              }
            >
              {t("scoring.publish", { year })}
            </Button>
          )
        )}
      </Group>
      {published && published.rules.length > 0 && (
        <Paper withBorder p="sm" mb="md" bg="gray.0">
          <Text size="sm" fw={600} mb={4}>
            {t("scoring.publishedRules")}
          </Text>
          <List size="sm">
            {published.rules.map((rule) => (
              <List.Item key={rule}>{rule}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="sm" data-testid="score-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>{t("scoring.rank")}</Table.Th>
              <Table.Th w={110}>{t("deputyRecords.deputy")}</Table.Th>
              <Table.Th w={140}>{t("deputyRecords.township")}</Table.Th>
              <Table.Th w={90}>{t("scoring.score")}</Table.Th>
              <Table.Th>{t("scoring.lines")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.deputyId}>
                <Table.Td>{row.rank}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={`/county/deputies/${row.deputyId}/record?year=${year}`}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.townshipName}</Table.Td>
                <Table.Td fw={700} data-testid="score">
                  {row.score}
                </Table.Td>
                <Table.Td>
                  {row.lines.map((line) => (
                    <Text key={line} size="sm">
                      {line}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListPagination total={total} page={page} pageSize={pageSize} />
      {rows.length === 0 && <Text c="dark.6">{t("deputyRecords.empty")}</Text>}
      {editing && <RuleModal rule={editing} onClose={() => setEditing(null)} />}
      {confirming && <ConfirmModal {...confirming} onClose={() => setConfirming(null)} />}
    </>
  );
}
