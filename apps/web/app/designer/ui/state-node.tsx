import { Badge, Group, Text } from "@mantine/core";
import type { TState } from "@rdlink/workflow";
import { IconClock } from "@tabler/icons-react";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { memo, useContext } from "react";
import { useTranslation } from "react-i18next";
import { NODE_HEIGHT, NODE_WIDTH } from "../auto-layout";
import type { Change } from "../definition-diff";
import { TeamChoicesContext } from "../library-params";

export type StateNodeData = {
  state: TState;
  initial: boolean;
  severity?: "error" | "warning";
  problemCodes?: string[];
  change?: Change;
  active?: boolean;
};
export type StateNode = Node<StateNodeData, "state">;

const KIND_STYLE: Record<TState["kind"], { border: string; background: string; radius: number }> = {
  task: { border: "var(--mantine-color-blue-6)", background: "var(--mantine-color-blue-0)", radius: 8 },
  wait: { border: "var(--mantine-color-yellow-7)", background: "var(--mantine-color-yellow-0)", radius: 24 },
  final: { border: "var(--mantine-color-gray-7)", background: "var(--mantine-color-gray-1)", radius: 38 },
};
const CHANGE_COLOR: Record<Change, string> = { added: "green", changed: "orange", removed: "red" };

/**
 * One state on the canvas: kind by shape and colour, assignee and deadline on the node,
 * problems and changes as badges. Memoised on its data, which the canvas keeps identical
 * for states that did not change: dragging one node re-renders that node only.
 */
export const StateNodeView = memo(function StateNodeView({ data, selected }: NodeProps<StateNode>) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const { state, initial, severity, problemCodes, change, active } = data;
  const style = KIND_STYLE[state.kind] ?? KIND_STYLE.task;
  const deadline = state.deadlines[0];
  const teams = useContext(TeamChoicesContext);
  const assignee =
    state.assignee?.role === "team"
      ? (teams.find((team) => team.key === state.assignee?.team)?.name ?? tr("designer.actorRoles.team"))
      : state.assignee && tr(`designer.actorRoles.${state.assignee.role}`);
  const outline = active
    ? "0 0 0 4px var(--mantine-color-teal-4)"
    : selected
      ? "0 0 0 3px var(--mantine-color-red-3)"
      : undefined;
  const border =
    severity === "error"
      ? "var(--mantine-color-red-6)"
      : change
        ? `var(--mantine-color-${CHANGE_COLOR[change]}-6)`
        : style.border;
  return (
    <div
      data-testid={`node-${state.label["zh-CN"]}`}
      data-severity={severity}
      data-change={change}
      data-active={active ? "true" : undefined}
      title={problemCodes?.map((code) => tr(`designer.issues.${code}`)).join("\n")}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: "border-box",
        border: `2px ${change === "removed" ? "dashed" : "solid"} ${border}`,
        borderRadius: style.radius,
        background: style.background,
        boxShadow: outline,
        padding: "5px 10px",
        opacity: change === "removed" ? 0.6 : 1,
        overflow: "hidden",
      }}
    >
      <Handle type="target" position={Position.Left} />
      <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
        {/* 19 px, larger when zoomed out (canvas.css): readable at the zoom that fits the workflow. */}
        <div className="state-node-title">
          {initial ? "▶ " : ""}
          {state.label["zh-CN"]}
        </div>
        {severity && (
          <Badge size="xs" color={severity === "error" ? "red" : "yellow"} circle>
            !
          </Badge>
        )}
      </Group>
      {/* Hidden when zoomed out (canvas.css): under 11 px on screen, and fewer boxes to paint. */}
      <div className="state-node-details">
        <Text fz={13} c="dimmed" truncate>
          {tr(`designer.kinds.${state.kind}`)}
          {assignee ? ` · ${assignee}` : ""}
        </Text>
        <Group gap={4} wrap="nowrap">
          {deadline && (
            <Text fz={13} c="dimmed" truncate>
              <IconClock size={12} /> {deadline.duration.amount} {tr(`designer.units.${deadline.duration.unit}`)}
            </Text>
          )}
          {change && (
            <Badge size="xs" variant="light" color={CHANGE_COLOR[change]}>
              {tr(`designer.diff.${change}`)}
            </Badge>
          )}
        </Group>
      </div>
      {state.kind !== "final" && <Handle type="source" position={Position.Right} />}
    </div>
  );
});

export const nodeTypes = { state: StateNodeView };
