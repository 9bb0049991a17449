import { Alert, Badge, Group, Paper, ScrollArea, Select, Stack, Tabs, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { calendarFromDays, type TWorkflowKind, workflowKinds } from "@rdlink/workflow";
import { ReactFlowProvider } from "@xyflow/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { setKind } from "../document";
import { FieldChoicesContext, TeamChoicesContext, UnitChoicesContext } from "../library-params";
import { AdvancedProvider } from "./advanced";
import { Canvas } from "./canvas";
import type { DesignerData } from "./designer-data";
import { ConflictDialog, ImportErrorsDialog } from "./designer-dialogs";
import { DesignerToolbar } from "./designer-toolbar";
import { downloadJson } from "./download";
import { DraftActions } from "./draft-actions";
import { useAutosave } from "./hooks/use-autosave";
import { useCanvasCommands } from "./hooks/use-canvas-commands";
import { useClipboard } from "./hooks/use-clipboard";
import { useDesignerHistory } from "./hooks/use-designer-history";
import { useFieldChoices } from "./hooks/use-field-choices";
import { useImport } from "./hooks/use-import";
import { useKeyboardShortcuts } from "./hooks/use-keyboard-shortcuts";
import { usePublish } from "./hooks/use-publish";
import { usePublishedComparison } from "./hooks/use-published-comparison";
import { NO_SELECTION, useSelection } from "./hooks/use-selection";
import { useValidation } from "./hooks/use-validation";
import { ProblemsPanel } from "./problems-panel";
import { PropertiesPanel } from "./properties-panel";
import { SimulationPanel } from "./simulation-panel";
import { VersionsPanel } from "./versions-panel";

export default function Designer(props: DesignerData) {
  return (
    <ReactFlowProvider>
      <AdvancedProvider>
        <DesignerView {...props} />
      </AdvancedProvider>
    </ReactFlowProvider>
  );
}

function DesignerView({
  workflow,
  versions,
  published,
  recentCases,
  calendar,
  migration,
  intakeFields,
  teams,
  units,
  templateSet,
}: DesignerData) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const phone = useMediaQuery("(max-width: 48em)") ?? false;
  // On a phone the workflow is only viewed; it is edited on a computer.
  const readOnly = phone;
  const [tab, setTab] = useState<string | null>("properties");
  const [activeState, setActiveState] = useState<string | null>(null);

  const history = useDesignerHistory();
  const { doc, edit } = history;
  const { selection, setSelection, selectAfterEdit } = useSelection(doc);
  const canvas = useCanvasCommands({
    doc,
    edit,
    setSelection,
    selectAfterEdit,
    showProperties: () => setTab("properties"),
  });
  const autosave = useAutosave({
    stored: workflow,
    doc,
    onOpen: (opened) => {
      history.reset(opened);
      setSelection(NO_SELECTION);
      canvas.fitViewAfterPaint();
    },
  });
  const publisher = usePublish(autosave.revision, doc?.definition);
  const importer = useImport(autosave.revision);
  const clipboard = useClipboard({ doc, selectedStates: selection.nodes, readOnly, edit, selectAfterEdit });
  useKeyboardShortcuts(readOnly, { undo: history.undo, redo: history.redo, ...clipboard });

  const definition = doc?.definition ?? null;
  const fieldChoicesOfDoc = useFieldChoices(definition?.states, intakeFields);
  const { validation, problems, byElement, errorCount } = useValidation(definition, teams, units);
  const comparison = usePublishedComparison(published, definition);
  const countyCalendar = useMemo(() => calendarFromDays(calendar), [calendar]);

  if (!doc || !definition || !validation) return null;

  const { publishedDoc } = comparison;
  const stateLabel = (_version: number | null, state: string) =>
    definition.states[state]?.label["zh-CN"] ?? publishedDoc?.definition.states[state]?.label["zh-CN"] ?? state;

  return (
    <FieldChoicesContext.Provider value={fieldChoicesOfDoc}>
      <TeamChoicesContext.Provider value={teams}>
        <UnitChoicesContext.Provider value={units}>
          <Stack
            gap="xs"
            h={phone ? undefined : "calc(100dvh - 56px - 2 * var(--mantine-spacing-md))"}
            data-testid="designer"
          >
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Text
                  component={Link}
                  to={templateSet ? `/platform/templates/${templateSet.id}` : "/county/workflows"}
                  size="sm"
                  c="dimmed"
                >
                  ← {templateSet ? templateSet.name : t("workflows.title")}
                </Text>
                <Title order={1} size="h3">
                  {definition.name?.["zh-CN"] ?? workflow.key}
                </Title>
                <Select
                  size="xs"
                  w={150}
                  aria-label={t("designer.workflowKind")}
                  data-testid="workflow-kind"
                  data={workflowKinds.map((kind) => ({ value: kind, label: t(`designer.workflowKinds.${kind}`) }))}
                  value={definition.kind ?? "custom"}
                  onChange={(kind) => kind && edit((d) => setKind(d, kind as TWorkflowKind))}
                  allowDeselect={false}
                  disabled={readOnly}
                />
              </Group>
              <Text size="xs" c="dimmed">
                {templateSet && `${t("designer.publishedWithSet")} · `}
                {tr("designer.revision", { revision: autosave.revision.current })}
              </Text>
            </Group>
            {phone && (
              <Alert color="blue" p="xs">
                {t("designer.readOnlyPhone")}
              </Alert>
            )}
            <DesignerToolbar
              definition={definition}
              readOnly={readOnly}
              selection={selection}
              history={history}
              canvas={canvas}
              clipboard={clipboard}
              comparison={{ ...comparison, available: !!publishedDoc }}
            >
              <DraftActions
                definition={definition}
                readOnly={readOnly}
                saveStatus={autosave.status}
                dirty={autosave.dirty}
                errorCount={errorCount}
                // A set's workflow is published with its set, on the set's page, where files are imported too.
                publishing={templateSet ? null : publisher}
                importing={templateSet ? null : importer}
              />
            </DesignerToolbar>
            <Group align="stretch" gap="xs" wrap={phone ? "wrap" : "nowrap"} style={{ flex: 1, minHeight: 0 }}>
              <Paper withBorder style={{ flex: 1, minWidth: 0 }} h={phone ? "60dvh" : undefined} data-testid="canvas">
                <Canvas
                  doc={doc}
                  problems={byElement}
                  diff={comparison.diff}
                  published={publishedDoc}
                  activeState={tab === "simulate" ? activeState : null}
                  selection={selection}
                  readOnly={readOnly}
                  onSelectionChange={setSelection}
                  onMoved={canvas.moved}
                  onConnect={canvas.connect}
                  onDelete={canvas.remove}
                />
              </Paper>
              <Paper
                withBorder
                w={phone ? "100%" : 360}
                p="xs"
                style={{ display: "flex", flexDirection: "column", minHeight: 0 }}
              >
                <Tabs
                  value={tab}
                  onChange={setTab}
                  style={{ display: "flex", flexDirection: "column", minHeight: 0, flex: 1 }}
                >
                  <Tabs.List grow>
                    <Tabs.Tab value="properties">{t("designer.tabs.properties")}</Tabs.Tab>
                    <Tabs.Tab
                      value="problems"
                      rightSection={
                        problems.length > 0 && (
                          <Badge size="xs" circle color={errorCount ? "red" : "yellow"} data-testid="problem-count">
                            {problems.length}
                          </Badge>
                        )
                      }
                    >
                      {t("designer.tabs.problems")}
                    </Tabs.Tab>
                    <Tabs.Tab value="simulate">{t("designer.tabs.simulate")}</Tabs.Tab>
                    {!templateSet && <Tabs.Tab value="versions">{t("designer.tabs.versions")}</Tabs.Tab>}
                  </Tabs.List>
                  <ScrollArea style={{ flex: 1 }} pt="xs" type="auto" scrollbars="y" offsetScrollbars="present">
                    <Tabs.Panel value="properties">
                      <PropertiesPanel
                        doc={doc}
                        selection={selection}
                        readOnly={readOnly}
                        edit={edit}
                        onSelect={setSelection}
                        onConnect={canvas.connect}
                      />
                    </Tabs.Panel>
                    <Tabs.Panel value="problems">
                      <ProblemsPanel problems={problems} definition={definition} onSelect={canvas.selectProblem} />
                    </Tabs.Panel>
                    <Tabs.Panel value="simulate">
                      <SimulationPanel
                        definition={validation.ok ? validation.definition : null}
                        calendar={countyCalendar}
                        onActiveState={setActiveState}
                      />
                    </Tabs.Panel>
                    <Tabs.Panel value="versions">
                      <VersionsPanel
                        versions={versions}
                        recentCases={recentCases}
                        stateLabel={stateLabel}
                        migration={migration}
                      />
                    </Tabs.Panel>
                  </ScrollArea>
                </Tabs>
              </Paper>
            </Group>
            <ConflictDialog
              conflict={autosave.conflict}
              onLoadTheirs={autosave.loadTheirs}
              onKeepMine={autosave.keepMine}
              onDownloadMine={() => downloadJson(`${definition.key}-mine.json`, definition)}
            />
            <ImportErrorsDialog
              errors={importer.importErrors}
              importedFile={importer.importedFile}
              onClose={importer.closeImportErrors}
            />
          </Stack>
        </UnitChoicesContext.Provider>
      </TeamChoicesContext.Provider>
    </FieldChoicesContext.Provider>
  );
}
