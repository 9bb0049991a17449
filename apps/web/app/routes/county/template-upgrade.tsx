import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { applyTemplateUpgrade } from "@rdlink/core/templates/apply-template-upgrade";
import { getCountyTemplateSet } from "@rdlink/core/templates/get-county-template-set";
import { getTemplateUpgrade, type TTemplateUpgradeItem } from "@rdlink/core/templates/get-template-upgrade";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { diffDefinitions } from "~/designer/definition-diff";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/template-upgrade";

// React Flow draws in the browser only, and only when a county opens a drawing.
const WorkflowDiffView = lazy(() => import("~/designer/ui/workflow-diff-view.client"));

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({
      current: await getCountyTemplateSet(tx, ctx),
      upgrade: await getTemplateUpgrade(tx, ctx),
    }),
    "tenant.templates.upgrade",
  );
}

export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const applied = await county.inTenant((tx, ctx) => applyTemplateUpgrade(tx, ctx, form));
      return { ok: true as const, ...applied };
    },
    "tenant.templates.upgrade",
  );
}

const SECTIONS = ["workflows", "checklists", "stationTypes", "dutyPosts"] as const;
const CHANGE_COLOR = { added: "green", changed: "blue", removed: "red" } as const;
/** As the designer's canvas marks them. */
const DRAWING_COLOR = { added: "green", changed: "orange", removed: "red" } as const;

/** Taken unless the county changed its copy (it then chooses), and a removal only when asked. */
const takenByDefault = (item: TTemplateUpgradeItem) => item.local !== "changed" && item.change !== "removed";

export default function TemplateUpgrade({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const { current, upgrade } = loaderData;
  return (
    <>
      <PageHeader title={t("templates.upgradeTitle")} intro={t("templates.upgradeIntro")} />
      <Stack gap="lg" maw={960}>
        {actionData?.ok && (
          <Alert color="green" role="status">
            {t("templates.upgradeApplied", {
              version: actionData.to,
              accepted: actionData.accepted.length,
              declined: actionData.declined.length,
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
      </Stack>
    </>
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
        {item.drawing && <DrawingComparison name={item.name} drawing={item.drawing} />}
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

/** The county's workflow and the new version's, drawn as the designer compares a draft with its published version. */
function DrawingComparison({ name, drawing }: { name: string; drawing: NonNullable<TTemplateUpgradeItem["drawing"]> }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery("(max-width: 48em)") ?? false;
  return (
    <>
      <Button variant="light" size="xs" mt="xs" onClick={open}>
        {t("templates.showDrawing")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("templates.drawingTitle", { name })}
        size="90%"
        fullScreen={phone}
      >
        <Group gap="xs" mb="xs">
          {(["added", "changed", "removed"] as const).map((change) => (
            <Badge key={change} color={DRAWING_COLOR[change]} variant="light">
              {t(`templates.drawingLegend.${change}`)}
            </Badge>
          ))}
        </Group>
        <Box h={phone ? "calc(100dvh - 120px)" : "70dvh"} data-testid="workflow-drawing">
          <Suspense fallback={<Loader size="sm" />}>
            <WorkflowDiffView before={drawing.ours} after={drawing.theirs} />
          </Suspense>
        </Box>
      </Modal>
    </>
  );
}
