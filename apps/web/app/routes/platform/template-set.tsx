import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { ValidationError } from "@rdlink/core/shared/errors";
import { getTemplateSet } from "@rdlink/core/templates/get-template-set";
import { importTemplateSetWorkflow } from "@rdlink/core/templates/import-template-set-workflow";
import { publishTemplateSet } from "@rdlink/core/templates/publish-template-set";
import { saveTemplateSetDraft } from "@rdlink/core/templates/save-template-set-draft";
import { Form, Link, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import {
  ChecklistsEditor,
  DutyPostsEditor,
  StationTypesEditor,
  TemplateSection,
  WorkflowImport,
} from "~/components/template-set-editors";
import { jsonValue, readForm } from "~/lib/actions.server";
import { formatDateTime } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/template-set";

export function loader(args: Route.LoaderArgs) {
  return platformLoader(args, (platform) =>
    platform.outsideTenants((tx, ctx) => getTemplateSet(tx, ctx, args.params.setId)),
  );
}

type Answer = { ok: true; intent: "save" | "publish" | "importWorkflow"; version?: number };

/** The editors send one section as JSON (`content`); publishing sends the revision and a note. */
export function action(args: Route.ActionArgs) {
  return platformAction(args, async (platform): Promise<Answer> => {
    const { intent, ...form } = await readForm(platform.request);
    const setId = args.params.setId;
    if (intent === "save") {
      const content = jsonValue(form, "content");
      await platform.outsideTenants((tx, ctx) =>
        saveTemplateSetDraft(tx, ctx, { setId, revision: form.revision, content }),
      );
      return { ok: true, intent };
    }
    if (intent === "importWorkflow") {
      await platform.outsideTenants((tx, ctx) =>
        importTemplateSetWorkflow(tx, ctx, { setId, revision: form.revision, text: form.text }),
      );
      return { ok: true, intent };
    }
    if (intent === "publish") {
      const { version } = await platform.outsideTenants((tx, ctx) =>
        publishTemplateSet(tx, ctx, { setId, revision: form.revision, note: form.note }),
      );
      return { ok: true, intent, version };
    }
    throw new ValidationError({}, "errors.unknownIntent");
  });
}

const SECTIONS = ["checklists", "stationTypes", "dutyPosts", "workflows"] as const;

export default function TemplateSet({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const set = loaderData;
  const draft = set.draft;
  const failure = actionData && !actionData.ok ? actionData : null;
  // Keys built from a section's or a workflow kind's name.
  const text = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  /** Each problem with where it is, in words: "流程“信访事项办理”：…" or "站点类型第 2 项：…". */
  const problems = Object.entries(failure?.fieldErrors ?? {}).map(([path, key]) => {
    const [section, index] = path.split(".");
    const message = errors.field(path) ?? text(key);
    if (!draft || !SECTIONS.includes(section as (typeof SECTIONS)[number])) return message;
    if (index === undefined) return `${text(`templates.${section}`)}：${message}`;
    const workflow = section === "workflows" ? draft.workflows[Number(index)] : undefined;
    const where = workflow
      ? t("templates.problemInWorkflow", { name: workflowName(workflow.definition) })
      : t("templates.problemIn", { section: text(`templates.${section}`), index: Number(index) + 1 });
    return `${where}：${message}`;
  });
  const notice =
    actionData?.ok === true
      ? actionData.intent === "publish"
        ? t("templates.published", { version: actionData.version })
        : actionData.intent === "importWorkflow"
          ? t("templates.workflowImported")
          : t("templates.saved")
      : null;

  return (
    <>
      <PageHeader
        title={set.name}
        intro={set.description}
        actions={
          <Group>
            <Badge size="lg" variant="light" color={set.unpublishedChanges ? "orange" : "green"}>
              {set.unpublishedChanges ? t("templates.unpublishedChanges") : t("templates.upToDate")}
            </Badge>
            <Button component={Link} to="/platform/templates" variant="default">
              {t("templates.back")}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        {notice && (
          <Alert color="green" role="status">
            {notice}
          </Alert>
        )}
        {failure && (
          <Alert color="red" title={problems.length > 0 ? t("templates.publishFailed") : undefined}>
            {problems.length > 0 ? (
              <List size="sm" data-testid="publish-problems">
                {problems.map((problem) => (
                  <List.Item key={problem}>{problem}</List.Item>
                ))}
              </List>
            ) : (
              errors.form
            )}
          </Alert>
        )}
        {draft && (
          <>
            <TemplateSection title={t("templates.checklists")}>
              <ChecklistsEditor revision={set.revision} checklists={draft.checklists} busy={busy} />
            </TemplateSection>
            <TemplateSection title={t("templates.stationTypes")}>
              <StationTypesEditor
                revision={set.revision}
                stationTypes={draft.stationTypes}
                checklists={draft.checklists}
                busy={busy}
              />
            </TemplateSection>
            <TemplateSection title={t("templates.dutyPosts")}>
              <DutyPostsEditor revision={set.revision} dutyPosts={draft.dutyPosts} busy={busy} />
            </TemplateSection>
            <TemplateSection title={t("templates.workflows")}>
              <Text size="sm" c="dimmed" mb="xs">
                {t("templates.editWorkflowHint")}
              </Text>
              <List size="sm">
                {draft.workflows.map((workflow) => (
                  <List.Item key={workflow.key}>
                    <Anchor component={Link} to={`workflows/${encodeURIComponent(workflow.key)}`} size="sm">
                      {workflowName(workflow.definition)}
                    </Anchor>
                    <Text span c="dimmed" size="sm">
                      {" · "}
                      {text(`designer.workflowKinds.${String(workflow.definition.kind ?? "custom")}`)}
                      {" · "}
                      {t("templates.workflowStates", {
                        count: Object.keys((workflow.definition.states as object | undefined) ?? {}).length,
                      })}
                    </Text>
                  </List.Item>
                ))}
              </List>
              <WorkflowImport revision={set.revision} busy={busy} />
            </TemplateSection>
          </>
        )}

        <Paper withBorder p="lg">
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="revision" value={set.revision} />
            <Stack>
              <Title order={2} size="h4">
                {t("templates.publish")}
              </Title>
              <TextInput
                name="note"
                label={t("templates.publishNote")}
                description={t("templates.publishNoteHint")}
                maxLength={500}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!set.unpublishedChanges}>
                  {t("templates.publish")}
                </Button>
              </Group>
            </Stack>
          </Form>
        </Paper>

        <Paper withBorder>
          <Title order={2} size="h4" p="md">
            {t("templates.versions")}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("templates.latestVersion")}</Table.Th>
                  <Table.Th>{t("templates.publishedAt")}</Table.Th>
                  <Table.Th>{t("templates.publishedBy")}</Table.Th>
                  <Table.Th>{t("templates.note")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {set.versions.map((version) => (
                  <Table.Tr key={version.version}>
                    <Table.Td>{t("templates.versionLabel", { version: version.version })}</Table.Td>
                    <Table.Td>{formatDateTime(version.publishedAt, i18n.language)}</Table.Td>
                    <Table.Td>{version.publishedBy ?? ""}</Table.Td>
                    <Table.Td>{version.note}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {set.versions.length === 0 && (
            <Text c="dimmed" ta="center" py="md">
              {t("templates.notPublished")}
            </Text>
          )}
        </Paper>
      </Stack>
    </>
  );
}

const workflowName = (definition: Record<string, unknown>) =>
  String((definition.name as Record<string, string> | undefined)?.["zh-CN"] ?? definition.key ?? "");
