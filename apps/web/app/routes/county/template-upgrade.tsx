import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { applyTemplateUpgrade } from "@rdlink/core/templates/apply-template-upgrade";
import { getCountyTemplateSet } from "@rdlink/core/templates/get-county-template-set";
import { getTemplateUpgrade, type TTemplateUpgradeItem } from "@rdlink/core/templates/get-template-upgrade";
import { listCountyProposals } from "@rdlink/core/templates/list-county-proposals";
import { proposeTemplateWorkflow } from "@rdlink/core/templates/propose-template-workflow";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import { Form, useFetcher, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { DrawingComparison } from "~/components/workflow-drawing-comparison";
import { diffDefinitions } from "~/designer/definition-diff";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { formatDateTime } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/template-upgrade";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      current: await getCountyTemplateSet(tx, ctx),
      upgrade: await getTemplateUpgrade(tx, ctx),
      sharing: await listCountyProposals(tx, ctx),
    }),
    "tenant.templates.upgrade",
  );
}

/** Taking the newer version (`apply`), and offering one of the county's workflows to the library (`propose`). */
export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      apply: async (tx, ctx, form) => ({ report: { applied: await applyTemplateUpgrade(tx, ctx, form) } }),
      propose: async (tx, ctx, form) => ({ report: { proposed: await proposeTemplateWorkflow(tx, ctx, form) } }),
    },
    "tenant.templates.upgrade",
  );
}

const SECTIONS = ["workflows", "checklists", "stationTypes", "dutyPosts"] as const;
const CHANGE_COLOR = { added: "green", changed: "blue", removed: "red" } as const;

/** Taken unless the county changed its copy (it then chooses), and a removal only when asked. */
const takenByDefault = (item: TTemplateUpgradeItem) => item.local !== "changed" && item.change !== "removed";

export default function TemplateUpgrade({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const { current, upgrade, sharing } = loaderData;
  const applied = actionData?.ok
    ? (actionData.report as { applied?: TAppliedUpgrade } | undefined)?.applied
    : undefined;
  return (
    <>
      <PageHeader title={t("templates.upgradeTitle")} intro={t("templates.upgradeIntro")} />
      <Stack gap="lg" maw={960}>
        {applied && (
          <Alert color="green" role="status">
            {t("templates.upgradeApplied", {
              version: applied.to,
              accepted: applied.accepted.length,
              declined: applied.declined.length,
            })}
          </Alert>
        )}
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        {!upgrade && (
          <Paper withBorder p="lg">
            <Text>
              {current
                ? t("templates.upToDateCounty", { name: current.name, version: current.version })
                : t("templates.noTemplateSet")}
            </Text>
          </Paper>
        )}
        {upgrade && (
          <Form method="post">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="toVersion" value={upgrade.to} />
            <Stack gap="lg">
              <Paper withBorder p="lg">
                <Title order={2} size="h4">
                  {t("templates.upgradeFromTo", { name: upgrade.setName, from: upgrade.from, to: upgrade.to })}
                </Title>
                {upgrade.note && (
                  <Text size="sm" mt="xs">
                    {t("templates.note")}：{upgrade.note}
                  </Text>
                )}
                <Text size="sm" c="dimmed" mt="xs">
                  {t("templates.upgradeHint")}
                </Text>
              </Paper>
              {SECTIONS.map((section) => {
                const items = upgrade.items.filter((item) => item.section === section);
                if (items.length === 0) return null;
                return (
                  <Paper key={section} withBorder p="lg">
                    <Title order={3} size="h5" mb="sm">
                      {t(`templates.${section}`)}
                    </Title>
                    <Stack gap="md">
                      {items.map((item) => (
                        <UpgradeItem key={item.id} item={item} standardNames={upgrade.standardNames} />
                      ))}
                    </Stack>
                  </Paper>
                );
              })}
              <Group justify="flex-end">
                <Button type="submit" loading={busy}>
                  {t("templates.applyUpgrade", { version: upgrade.to })}
                </Button>
              </Group>
            </Stack>
          </Form>
        )}
        <ProposeToLibrary sharing={sharing} />
      </Stack>
    </>
  );
}

type TAppliedUpgrade = Awaited<ReturnType<typeof applyTemplateUpgrade>>;
const STATUS_COLOR = { pending: "blue", adopted: "green", declined: "gray" } as const;

/** Offering one of the county's published workflows to the platform's library, and what became of past offers. */
function ProposeToLibrary({ sharing }: { sharing: Route.ComponentProps["loaderData"]["sharing"] }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const proposed = fetcher.state === "idle" && fetcher.data?.ok;
  return (
    <Paper withBorder p="lg" data-testid="propose-to-library">
      <Title order={2} size="h4">
        {t("templates.proposeTitle")}
      </Title>
      <Text size="sm" c="dimmed" mt="xs">
        {t("templates.proposeIntro")}
      </Text>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="propose" />
        <Stack gap="sm" mt="md">
          {proposed && (
            <Alert color="green" role="status">
              {t("templates.proposed")}
            </Alert>
          )}
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <NativeSelect
            name="workflowId"
            label={t("templates.proposeWorkflow")}
            error={errors.field("workflowId")}
            data={sharing.workflows.map((w) => ({
              value: w.id,
              label: `${w.name["zh-CN"] ?? ""} · ${t("templates.versionLabel", { version: w.version })}`,
            }))}
          />
          <TextInput name="note" label={t("templates.proposeNote")} maxLength={500} error={errors.field("note")} />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={fetcher.state !== "idle"}>
              {t("templates.propose")}
            </Button>
          </Group>
        </Stack>
      </fetcher.Form>
      {sharing.proposals.length > 0 && (
        <Stack gap="xs" mt="md">
          {sharing.proposals.map((p) => (
            <Paper key={p.id} withBorder p="sm" data-testid="county-proposal">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={600}>
                  {p.workflowName["zh-CN"]} · {t("templates.versionLabel", { version: p.fromVersion })}
                </Text>
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {formatDateTime(p.proposedAt, i18n.language)}
                  </Text>
                  <Badge color={STATUS_COLOR[p.status]} variant="light">
                    {t(`templates.proposalStatus.${p.status}`)}
                  </Badge>
                </Group>
              </Group>
              {p.reviewNote && (
                <Text size="sm" mt={4}>
                  {t("templates.reviewNote")}：{p.reviewNote}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function UpgradeItem({ item, standardNames }: { item: TTemplateUpgradeItem; standardNames: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="upgrade-item">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Checkbox
          name="accept[]"
          value={item.id}
          defaultChecked={takenByDefault(item)}
          label={
            <Text fw={600} span>
              {t("templates.take")} {item.name}
            </Text>
          }
        />
        <Group gap="xs">
          <Badge color={CHANGE_COLOR[item.change]} variant="light">
            {t(`templates.changes.${item.change}`)}
          </Badge>
          {item.local !== "unchanged" && (
            <Badge color="orange" variant="light">
              {t(`templates.local.${item.local}`)}
            </Badge>
          )}
        </Group>
      </Group>
      <ItemDetail item={item} standardNames={standardNames} />
    </Paper>
  );
}

/** What the item is in the county and in the new version: both sides when the county changed its copy. */
function ItemDetail({ item, standardNames }: { item: TTemplateUpgradeItem; standardNames: Record<string, string> }) {
  const { t } = useTranslation();
  const { ours, theirs } = item;
  if (item.section === "workflows") {
    if (!ours || !theirs) return null;
    const diff = diffDefinitions(ours.definition as TWorkflowDefinition, theirs.definition as TWorkflowDefinition);
    const labelOf = (id: string) => {
      const state =
        (theirs.definition as TWorkflowDefinition).states[id] ?? (ours.definition as TWorkflowDefinition).states[id];
      return state?.label?.["zh-CN"] ?? id;
    };
    const byChange = (change: string) =>
      Object.entries(diff.states)
        .filter(([, c]) => c === change)
        .map(([id]) => labelOf(id));
    return (
      <>
        <List size="sm" mt="xs" data-testid="workflow-diff">
          {(["added", "changed", "removed"] as const).map((change) => {
            const states = byChange(change);
            return states.length > 0 ? (
              <List.Item key={change}>
                {t(`templates.states.${change}`)}：{states.join("、")}
              </List.Item>
            ) : null;
          })}
          {Object.keys(diff.transitions).length + diff.removedTransitions.length > 0 && (
            <List.Item>
              {t("templates.transitionsChanged", {
                count: Object.keys(diff.transitions).length + diff.removedTransitions.length,
              })}
            </List.Item>
          )}
        </List>
        {item.drawing && (
          <DrawingComparison
            title={t("templates.drawingTitle", { name: item.name })}
            before={item.drawing.ours}
            after={item.drawing.theirs}
          />
        )}
      </>
    );
  }
  const describe = (content: Record<string, unknown> | null) => {
    if (!content) return t("templates.none");
    if (item.section === "checklists") return `${content.name}：${(content.items as string[]).join("、")}`;
    if (item.section === "dutyPosts") return `${content.name}${content.description ? `：${content.description}` : ""}`;
    const key = content.checklistKey as string | null;
    const standard = key ? (standardNames[key] ?? t("templates.countyStandard")) : t("templates.noStandard");
    return `${content.name} · ${standard}`;
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
      <Text size="sm">
        <Text span c="dimmed">
          {t("templates.ours")}：
        </Text>
        {describe(ours)}
      </Text>
      <Text size="sm">
        <Text span c="dimmed">
          {t("templates.theirs")}：
        </Text>
        {describe(theirs)}
      </Text>
    </SimpleGrid>
  );
}
