import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  FileButton,
  Group,
  List,
  Menu,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import {
  calendarFromDays,
  type TState,
  type TTransition,
  type TWorkflowKind,
  validateDefinition,
  workflowKinds,
  ZWorkflowDefinition,
} from "@rdlink/workflow";
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconClipboard,
  IconCopy,
  IconDownload,
  IconLayoutDistributeVertical,
  IconMaximize,
  IconPlus,
  IconTrash,
  IconUpload,
} from "@tabler/icons-react";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher, useRevalidator } from "react-router";
import type { Route } from "../../routes/county/+types/workflow";
import { layoutStates, NODE_HEIGHT, NODE_WIDTH } from "../auto-layout";
import { type Clipboard, copyStates, pasteStates, readClipboard } from "../clipboard";
import { diffDefinitions } from "../definition-diff";
import {
  addState,
  addTransition,
  type DesignerDocument,
  moveStates,
  type Position,
  parseEdgeId,
  removeElements,
  setInitial,
  setKind,
  setStaffEntry,
  toDocument,
  updateState,
  updateTransition,
} from "../document";
import { commit, createHistory, type History, redo, undo } from "../history";
import { collectProblems, type Problem, placeLabel } from "../issues";
import { FieldChoicesContext, fieldChoices, TeamChoicesContext, UnitChoicesContext } from "../library-params";
import { Canvas, type Selection } from "./canvas";
import { EntryPanel } from "./entry-panel";
import { ProblemsPanel } from "./problems-panel";
import { SimulationPanel } from "./simulation-panel";
import { StatePanel } from "./state-panel";
import { TransitionPanel } from "./transition-panel";
import { VersionsPanel } from "./versions-panel";

type LoaderData = Route.ComponentProps["loaderData"];
type ActionResult = {
  ok: boolean;
  intent?: string;
  revision?: number;
  version?: number;
  created?: boolean;
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

/** Autosave this long after the last edit (D7: within 5 s). */
const AUTOSAVE_MS = 1500;
const RETRY_MS = 10_000;
const NO_SELECTION: Selection = { nodes: [], edges: [] };

/** States without a position (a template, an import) are laid out before the first paint. */
async function withPositions(doc: DesignerDocument): Promise<DesignerDocument> {
  const missing = Object.keys(doc.definition.states).some((id) => !doc.layout[id]);
  return missing ? { ...doc, layout: await layoutStates(doc.definition) } : doc;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

export default function Designer(props: LoaderData) {
  return (
    <ReactFlowProvider>
      <DesignerView {...props} />
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
}: LoaderData) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const flow = useReactFlow();
  const phone = useMediaQuery("(max-width: 48em)") ?? false;
  const readOnly = phone;

  const [history, setHistory] = useState<History<DesignerDocument> | null>(null);
  /** The document as the server has it: what "saved" means. */
  const [saved, setSaved] = useState<DesignerDocument | null>(null);
  const revision = useRef(workflow.draftRevision);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const [tab, setTab] = useState<string | null>("properties");
  const [compare, setCompare] = useState(false);
  const [activeState, setActiveState] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  const [importErrors, setImportErrors] = useState<[string, string][] | null>(null);
  /** The file last imported, read as JSON if it is: its problems are named by its own labels. */
  const importedFile = useRef<unknown>(null);
  const clipboard = useRef<Clipboard | null>(null);

  // Open the stored draft; open it again when the server has a newer one (import, "load theirs").
  const loadedRevision = useRef(0);
  useEffect(() => {
    if (workflow.draftRevision <= loadedRevision.current) return;
    loadedRevision.current = workflow.draftRevision;
    let cancelled = false;
    void withPositions(toDocument(workflow.draft, workflow.draftLayout)).then((doc) => {
      if (cancelled) return;
      revision.current = workflow.draftRevision;
      setHistory(createHistory(doc));
      setSaved(doc);
      setConflict(null);
      setSelection(NO_SELECTION);
      requestAnimationFrame(() => flow.fitView());
    });
    return () => {
      cancelled = true;
    };
  }, [workflow.draftRevision, workflow.draft, workflow.draftLayout, flow]);

  const doc = history?.present ?? null;
  const edit = useCallback(
    (change: (doc: DesignerDocument) => DesignerDocument, mergeKey?: string) =>
      setHistory((h) => (h ? commit(h, change(h.present), { mergeKey }) : h)),
    [],
  );
  /** What to select once an edit that names new elements has been applied. React may run an
   * update function only while rendering, so the ids it makes are known after that, not when
   * `edit` returns. */
  const selectAfterEdit = useRef<Selection | null>(null);
  useEffect(() => {
    if (!selectAfterEdit.current) return;
    setSelection(selectAfterEdit.current);
    selectAfterEdit.current = null;
  }, [doc]);

  // ---- the fields guards and actions may name: the start form's, then each step's form
  const fieldChoicesOfDoc = useMemo(() => {
    if (!doc) return [];
    const startFields = [
      { key: "content", label: { "zh-CN": t("designer.startFields.content") } },
      {
        key: "category",
        label: { "zh-CN": t("designer.startFields.category") },
        options: CASE_CATEGORIES.map((value) => ({ value, label: { "zh-CN": tr(`cases.categories.${value}`) } })),
      },
      ...intakeFields.map((f) => ({ key: f.key, label: f.label, options: "options" in f ? f.options : undefined })),
    ];
    return fieldChoices(doc.definition.states, startFields, t("designer.startForm"));
  }, [doc?.definition.states, intakeFields, t, tr]);

  // ---- validation, comparison
  const countyContext = useMemo(
    () => ({ teams: new Set(teams.map((team) => team.key)), handlingUnits: new Set(units.map((unit) => unit.id)) }),
    [teams, units],
  );
  const validation = useMemo(
    () => (doc ? validateDefinition(doc.definition, countyContext) : null),
    [doc?.definition, countyContext],
  );
  const { problems, byElement } = useMemo(
    () => (validation ? collectProblems(validation) : { problems: [] as Problem[], byElement: new Map() }),
    [validation],
  );
  const errorCount = problems.filter((p) => p.severity === "error").length;
  const publishedDoc = useMemo(
    () =>
      published
        ? {
            definition: ZWorkflowDefinition.parse(published.definition),
            layout: published.layout as Record<string, Position>,
          }
        : null,
    [published],
  );
  const diff = useMemo(
    () => (compare && doc && publishedDoc ? diffDefinitions(publishedDoc.definition, doc.definition) : null),
    [compare, doc?.definition, publishedDoc],
  );
  const countyCalendar = useMemo(() => calendarFromDays(calendar), [calendar]);

  // ---- autosave, conflicts
  const saver = useFetcher<ActionResult>();
  const sending = useRef<DesignerDocument | null>(null);
  const dirty = !!doc && doc !== saved;
  const save = useCallback(
    (document: DesignerDocument, baseRevision = revision.current) => {
      sending.current = document;
      setSaveFailed(false);
      void saver.submit(
        {
          intent: "save",
          baseRevision,
          definition: JSON.stringify(document.definition),
          layout: JSON.stringify(document.layout),
        },
        { method: "post" },
      );
    },
    [saver.submit],
  );
  useEffect(() => {
    if (!dirty || !doc || saver.state !== "idle" || conflict) return;
    // After a failure (network, server), try again, less eagerly.
    const timer = setTimeout(() => save(doc), saveFailed ? RETRY_MS : AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, doc, saver.state, conflict, saveFailed, save]);
  useEffect(() => {
    const document = sending.current;
    if (saver.state !== "idle" || !saver.data || !document) return;
    sending.current = null;
    if (saver.data.ok && saver.data.revision) {
      revision.current = saver.data.revision;
      loadedRevision.current = saver.data.revision;
      setSaved(document);
    } else if (saver.data.formError === "errors.draftConflict") {
      setConflict(saver.data.values?.revision ?? "?");
    } else {
      setSaveFailed(true);
    }
  }, [saver.state, saver.data]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  const revalidator = useRevalidator();

  // ---- publish, import
  const publisher = useFetcher<ActionResult>();
  useEffect(() => {
    const result = publisher.data;
    if (publisher.state !== "idle" || !result) return;
    if (result.ok) {
      notifications.show({
        color: "green",
        message: result.created
          ? tr("designer.publish.published", { version: result.version })
          : tr("designer.publish.unchanged", { version: result.version }),
      });
    } else {
      notifications.show({ color: "red", message: tr(result.formError ?? "errors.workflowInvalid") });
    }
  }, [publisher.state, publisher.data, tr]);
  const importer = useFetcher<ActionResult>();
  useEffect(() => {
    const result = importer.data;
    if (importer.state !== "idle" || !result) return;
    if (result.ok) notifications.show({ color: "green", message: t("designer.importDone") });
    else
      setImportErrors(
        Object.entries(result.fieldErrors ?? {}).concat(result.formError ? [["", result.formError]] : []),
      );
  }, [importer.state, importer.data, t]);
  const importFile = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    try {
      importedFile.current = JSON.parse(text);
    } catch {
      importedFile.current = null;
    }
    void importer.submit({ intent: "import", baseRevision: revision.current, text }, { method: "post" });
  };

  // ---- editing commands
  const viewportCenter = (): Position => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    const center = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    return { x: Math.round(center.x - NODE_WIDTH / 2), y: Math.round(center.y - NODE_HEIGHT / 2) };
  };
  const addStateOfKind = (kind: TState["kind"]) => {
    if (!doc) return;
    const added = addState(doc, { label: t("designer.newState"), kind, position: viewportCenter() });
    edit(() => added.doc);
    setSelection({ nodes: [added.id], edges: [] });
    setTab("properties");
  };
  const connect = useCallback(
    (from: string, to: string) => {
      edit((d) => {
        const added = addTransition(d, from, to, t("designer.newTransition"));
        if (added.id) selectAfterEdit.current = { nodes: [], edges: [added.id] };
        return added.doc;
      });
    },
    [edit, t],
  );
  const remove = useCallback(
    (target: Selection) => {
      edit((d) => removeElements(d, target.nodes, target.edges));
      setSelection(NO_SELECTION);
    },
    [edit],
  );
  const moved = useCallback((positions: Record<string, Position>) => edit((d) => moveStates(d, positions)), [edit]);
  const copy = () => {
    if (!doc) return;
    const copied = copyStates(doc, selection.nodes);
    if (!copied) return;
    clipboard.current = copied;
    void navigator.clipboard?.writeText(JSON.stringify(copied)).catch(() => {});
    notifications.show({ message: tr("designer.copied", { count: Object.keys(copied.states).length }) });
  };
  const paste = async () => {
    const fromSystem = await navigator.clipboard
      ?.readText()
      .then(readClipboard)
      .catch(() => null);
    const source = fromSystem ?? clipboard.current;
    if (!source || readOnly) return;
    edit((d) => {
      const pasted = pasteStates(d, source);
      selectAfterEdit.current = { nodes: pasted.ids, edges: [] };
      return pasted.doc;
    });
  };
  const autoLayout = async () => {
    if (!doc) return;
    const positions = await layoutStates(doc.definition);
    // Applied to the document as it is now: edits made while ELK ran are kept.
    edit((d) =>
      moveStates(
        d,
        Object.fromEntries(Object.entries(positions).filter(([id]) => Object.hasOwn(d.definition.states, id))),
      ),
    );
    requestAnimationFrame(() => flow.fitView({ duration: 300 }));
  };
  const focus = (stateId: string) => {
    setSelection({ nodes: [stateId], edges: [] });
    void flow.fitView({ nodes: [{ id: stateId }], duration: 300, maxZoom: 1.2 });
  };
  const selectProblem = (problem: Problem) => {
    if (problem.target.kind === "state") focus(problem.target.stateId);
    else if (problem.target.kind === "transition") {
      const ref = parseEdgeId(problem.target.edgeId);
      setSelection({ nodes: [], edges: [problem.target.edgeId] });
      if (ref) void flow.fitView({ nodes: [{ id: ref.from }], duration: 300, maxZoom: 1.2 });
    }
    setTab("properties");
  };

  // Keyboard shortcuts, except while typing in a field.
  const commands = useRef({ copy, paste });
  commands.current = { copy, paste };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || !(event.ctrlKey || event.metaKey) || readOnly) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) setHistory((h) => (h ? undo(h) : h));
      else if ((key === "z" && event.shiftKey) || key === "y") setHistory((h) => (h ? redo(h) : h));
      else if (key === "c") commands.current.copy();
      else if (key === "v") void commands.current.paste();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly]);

  if (!doc || !history || !validation) return null;

  const status = conflict
    ? "conflict"
    : saveFailed
      ? "saveFailed"
      : saver.state !== "idle"
        ? "saving"
        : dirty
          ? "unsaved"
          : "saved";
  const statusColor = { conflict: "red", saveFailed: "red", saving: "blue", unsaved: "yellow", saved: "green" }[status];
  const selectedState = selection.nodes.length === 1 && selection.edges.length === 0 ? selection.nodes[0]! : null;
  const selectedEdge = selection.edges.length === 1 && selection.nodes.length === 0 ? selection.edges[0]! : null;
  const edgeRef = selectedEdge ? parseEdgeId(selectedEdge) : null;
  const selectedTransition = edgeRef ? doc.definition.states[edgeRef.from]?.transitions[edgeRef.index] : undefined;
  const canPublish = errorCount === 0 && !dirty && status === "saved" && publisher.state === "idle";
  const stateLabel = (_version: number | null, state: string) =>
    doc.definition.states[state]?.label["zh-CN"] ?? publishedDoc?.definition.states[state]?.label["zh-CN"] ?? state;

  const toolbar = (
    <Group gap={6} wrap="wrap">
      <Tooltip label={`${t("designer.undo")} (Ctrl+Z)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.undo")}
          disabled={readOnly || history.past.length === 0}
          onClick={() => setHistory(undo(history))}
        >
          <IconArrowBackUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`${t("designer.redo")} (Ctrl+Shift+Z)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.redo")}
          disabled={readOnly || history.future.length === 0}
          onClick={() => setHistory(redo(history))}
        >
          <IconArrowForwardUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Menu position="bottom-start">
        <Menu.Target>
          <Button size="xs" leftSection={<IconPlus size={16} />} disabled={readOnly}>
            {t("designer.addState")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(["task", "wait", "final"] as const).map((kind) => (
            <Menu.Item key={kind} onClick={() => addStateOfKind(kind)}>
              {tr(`designer.kinds.${kind}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Tooltip label={`${t("designer.copy")} (Ctrl+C)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.copy")}
          disabled={selection.nodes.length === 0}
          onClick={copy}
        >
          <IconCopy size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`${t("designer.paste")} (Ctrl+V)`}>
        <ActionIcon variant="default" aria-label={t("designer.paste")} disabled={readOnly} onClick={() => void paste()}>
          <IconClipboard size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`${t("designer.delete")} (Delete)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.delete")}
          disabled={readOnly || (selection.nodes.length === 0 && selection.edges.length === 0)}
          onClick={() => remove(selection)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t("designer.autoLayout")}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.autoLayout")}
          disabled={readOnly}
          onClick={() => void autoLayout()}
        >
          <IconLayoutDistributeVertical size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t("designer.fitView")}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.fitView")}
          onClick={() => void flow.fitView({ duration: 300 })}
        >
          <IconMaximize size={18} />
        </ActionIcon>
      </Tooltip>
      <Select
        size="xs"
        w={150}
        searchable
        clearable
        value={null}
        aria-label={t("designer.search")}
        placeholder={t("designer.search")}
        data={Object.entries(doc.definition.states).map(([value, s]) => ({ value, label: s.label["zh-CN"] }))}
        onChange={(id) => id && focus(id)}
      />
      <Switch
        size="xs"
        label={t("designer.compare")}
        checked={compare}
        disabled={!publishedDoc}
        onChange={(e) => setCompare(e.currentTarget.checked)}
      />
      {diff && (
        <Badge variant="light" color={diff.count ? "orange" : "gray"} data-testid="diff-count">
          {diff.count ? tr("designer.diff.count", { count: diff.count }) : t("designer.diff.nothing")}
        </Badge>
      )}
      <Box style={{ flex: 1 }} />
      <Badge color={statusColor} variant="light" data-testid="save-status">
        {tr(`designer.status.${status}`)}
      </Badge>
      <Tooltip label={t("designer.exportJson")}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.exportJson")}
          onClick={() => download(`${doc.definition.key}.json`, JSON.stringify(doc.definition, null, 2))}
        >
          <IconDownload size={18} />
        </ActionIcon>
      </Tooltip>
      <FileButton onChange={importFile} accept="application/json,.json">
        {(fileProps) => (
          <Tooltip label={t("designer.importJson")}>
            <ActionIcon
              {...fileProps}
              variant="default"
              aria-label={t("designer.importJson")}
              disabled={readOnly || dirty || importer.state !== "idle"}
            >
              <IconUpload size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </FileButton>
      <Tooltip
        label={
          errorCount
            ? t("designer.publish.blocked")
            : dirty
              ? t("designer.publish.saveFirst")
              : t("designer.publish.hint")
        }
      >
        <Button
          size="xs"
          color="red"
          disabled={readOnly || !canPublish}
          loading={publisher.state !== "idle"}
          onClick={() => void publisher.submit({ intent: "publish", revision: revision.current }, { method: "post" })}
        >
          {t("designer.publish.button")}
        </Button>
      </Tooltip>
    </Group>
  );

  const outgoing = selectedState ? (doc.definition.states[selectedState]?.transitions ?? []) : [];
  const properties =
    selectedState && doc.definition.states[selectedState] ? (
      <Stack gap="xs">
        <StatePanel
          key={selectedState}
          id={selectedState}
          state={doc.definition.states[selectedState]}
          initial={doc.definition.initial === selectedState}
          caseDates={doc.definition.caseDates}
          readOnly={readOnly}
          onChange={(patch, mergeKey) => edit((d) => updateState(d, selectedState, patch), mergeKey)}
          onSetInitial={() => edit((d) => setInitial(d, selectedState))}
        />
        {doc.definition.states[selectedState].kind !== "final" && (
          <>
            <Text size="sm" fw={600}>
              {t("designer.outgoing")}
            </Text>
            {outgoing.map((transition: TTransition, index) => (
              <Button
                key={`${index}-${transition.event}`}
                size="compact-xs"
                variant="subtle"
                justify="flex-start"
                onClick={() => setSelection({ nodes: [], edges: [`${selectedState}::${index}`] })}
              >
                {transition.label["zh-CN"]} →{" "}
                {doc.definition.states[transition.target]?.label["zh-CN"] ?? transition.target}
              </Button>
            ))}
            {!readOnly && (
              <Select
                size="xs"
                searchable
                value={null}
                label={t("designer.addTransition")}
                placeholder={t("designer.addTransitionTo")}
                data={Object.entries(doc.definition.states).map(([value, s]) => ({ value, label: s.label["zh-CN"] }))}
                onChange={(to) => to && connect(selectedState, to)}
              />
            )}
          </>
        )}
      </Stack>
    ) : selectedEdge && edgeRef && selectedTransition ? (
      <TransitionPanel
        key={selectedEdge}
        id={selectedEdge}
        from={edgeRef.from}
        transition={selectedTransition}
        definition={doc.definition}
        readOnly={readOnly}
        onChange={(patch, mergeKey) => edit((d) => updateTransition(d, selectedEdge, patch), mergeKey)}
      />
    ) : (
      <EntryPanel
        definition={doc.definition}
        readOnly={readOnly}
        onChange={(staff, mergeKey) => edit((d) => setStaffEntry(d, staff), mergeKey)}
      />
    );

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
                <Text component={Link} to="/county/workflows" size="sm" c="dimmed">
                  ← {t("workflows.title")}
                </Text>
                <Title order={3}>{doc.definition.name?.["zh-CN"] ?? workflow.key}</Title>
                <Select
                  size="xs"
                  w={150}
                  aria-label={t("designer.workflowKind")}
                  data-testid="workflow-kind"
                  data={workflowKinds.map((kind) => ({ value: kind, label: t(`designer.workflowKinds.${kind}`) }))}
                  value={doc.definition.kind ?? "custom"}
                  onChange={(kind) => kind && edit((d) => setKind(d, kind as TWorkflowKind))}
                  allowDeselect={false}
                  disabled={readOnly}
                />
              </Group>
              <Text size="xs" c="dimmed">
                {tr("designer.revision", { revision: revision.current })}
              </Text>
            </Group>
            {phone && (
              <Alert color="blue" p="xs">
                {t("designer.readOnlyPhone")}
              </Alert>
            )}
            {toolbar}
            <Group align="stretch" gap="xs" wrap={phone ? "wrap" : "nowrap"} style={{ flex: 1, minHeight: 0 }}>
              <Paper withBorder style={{ flex: 1, minWidth: 0 }} h={phone ? "60dvh" : undefined} data-testid="canvas">
                <Canvas
                  doc={doc}
                  problems={byElement}
                  diff={diff}
                  published={publishedDoc}
                  activeState={tab === "simulate" ? activeState : null}
                  selection={selection}
                  readOnly={readOnly}
                  onSelectionChange={setSelection}
                  onMoved={moved}
                  onConnect={connect}
                  onDelete={remove}
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
                    <Tabs.Tab value="versions">{t("designer.tabs.versions")}</Tabs.Tab>
                  </Tabs.List>
                  <ScrollArea style={{ flex: 1 }} pt="xs" type="auto" scrollbars="y" offsetScrollbars="present">
                    <Tabs.Panel value="properties">{properties}</Tabs.Panel>
                    <Tabs.Panel value="problems">
                      <ProblemsPanel problems={problems} definition={doc.definition} onSelect={selectProblem} />
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
            <Modal opened={!!conflict} onClose={() => {}} withCloseButton={false} title={t("designer.conflict.title")}>
              <Stack>
                <Text size="sm">{tr("designer.conflict.body", { revision: conflict ?? "" })}</Text>
                <Button variant="default" onClick={() => revalidator.revalidate()}>
                  {t("designer.conflict.loadTheirs")}
                </Button>
                <Button
                  color="red"
                  onClick={() => {
                    // A deliberate overwrite: saved on top of the revision the other person made.
                    setConflict(null);
                    save(doc, Number(conflict));
                  }}
                >
                  {t("designer.conflict.keepMine")}
                </Button>
                <Button
                  variant="subtle"
                  onClick={() => download(`${doc.definition.key}-mine.json`, JSON.stringify(doc.definition, null, 2))}
                >
                  {t("designer.conflict.downloadMine")}
                </Button>
              </Stack>
            </Modal>
            <Modal opened={!!importErrors} onClose={() => setImportErrors(null)} title={t("designer.importFailed")}>
              <Text size="sm" mb="xs">
                {t("designer.importFailedIntro")}
              </Text>
              <List size="sm" data-testid="import-errors">
                {(importErrors ?? []).map(([path, key]) => (
                  <List.Item key={`${path}:${key}`}>
                    {path && (
                      <Text span fw={600} size="sm">
                        {placeLabel(importedFile.current, path) ?? t("designer.problems.workflow")}：
                      </Text>
                    )}
                    {tr(key)}
                    {path && (
                      <Text span ff="monospace" size="xs" c="dimmed">
                        {" "}
                        {path}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </Modal>
          </Stack>
        </UnitChoicesContext.Provider>
      </TeamChoicesContext.Provider>
    </FieldChoicesContext.Provider>
  );
}
