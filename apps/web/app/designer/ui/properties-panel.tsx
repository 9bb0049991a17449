import { Button, Select, Stack, Text } from "@mantine/core";
import type { TTransition } from "@rdlink/workflow";
import { useTranslation } from "react-i18next";
import type { Selection } from "../canvas-elements";
import {
  type DesignerDocument,
  fieldKeysOf,
  parseEdgeId,
  setInitial,
  setStaffEntry,
  updateState,
  updateTransition,
} from "../document";
import { EntryPanel } from "./entry-panel";
import type { Edit } from "./hooks/use-designer-history";
import { StatePanel } from "./state-panel";
import { TransitionPanel } from "./transition-panel";

/** The properties tab: the one state or transition selected, or else the workflow's entry. */
export function PropertiesPanel({
  doc,
  selection,
  readOnly,
  edit,
  onSelect,
  onConnect,
}: {
  doc: DesignerDocument;
  selection: Selection;
  readOnly: boolean;
  edit: Edit;
  onSelect: (selection: Selection) => void;
  onConnect: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const { definition } = doc;
  const selectedState = selection.nodes.length === 1 && selection.edges.length === 0 ? selection.nodes[0]! : null;
  const selectedEdge = selection.edges.length === 1 && selection.nodes.length === 0 ? selection.edges[0]! : null;
  const edgeRef = selectedEdge ? parseEdgeId(selectedEdge) : null;
  const selectedTransition = edgeRef ? definition.states[edgeRef.from]?.transitions[edgeRef.index] : undefined;

  if (selectedState && definition.states[selectedState]) {
    const outgoing = definition.states[selectedState]?.transitions ?? [];
    return (
      <Stack gap="xs">
        <StatePanel
          key={selectedState}
          id={selectedState}
          state={definition.states[selectedState]}
          fieldKeys={fieldKeysOf(definition)}
          initial={definition.initial === selectedState}
          caseDates={definition.caseDates}
          readOnly={readOnly}
          onChange={(patch, mergeKey) => edit((d) => updateState(d, selectedState, patch), mergeKey)}
          onSetInitial={() => edit((d) => setInitial(d, selectedState))}
        />
        {definition.states[selectedState].kind !== "final" && (
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
                onClick={() => onSelect({ nodes: [], edges: [`${selectedState}::${index}`] })}
              >
                {transition.label["zh-CN"]} →{" "}
                {definition.states[transition.target]?.label["zh-CN"] ?? transition.target}
              </Button>
            ))}
            {!readOnly && (
              <Select
                size="xs"
                searchable
                value={null}
                label={t("designer.addTransition")}
                placeholder={t("designer.addTransitionTo")}
                data={Object.entries(definition.states).map(([value, s]) => ({ value, label: s.label["zh-CN"] }))}
                onChange={(to) => to && onConnect(selectedState, to)}
              />
            )}
          </>
        )}
      </Stack>
    );
  }
  if (selectedEdge && edgeRef && selectedTransition) {
    return (
      <TransitionPanel
        key={selectedEdge}
        id={selectedEdge}
        from={edgeRef.from}
        transition={selectedTransition}
        definition={definition}
        readOnly={readOnly}
        onChange={(patch, mergeKey) => edit((d) => updateTransition(d, selectedEdge, patch), mergeKey)}
      />
    );
  }
  return (
    <EntryPanel
      definition={definition}
      readOnly={readOnly}
      onChange={(staff, mergeKey) => edit((d) => setStaffEntry(d, staff), mergeKey)}
    />
  );
}
