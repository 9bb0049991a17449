import type { TState } from "@rdlink/workflow";
import { IconClock } from "@tabler/icons-react";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { type CSSProperties, memo, useContext } from "react";
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
/** As Mantine's light badge draws it, without a badge's own boxes. */
const CHANGE_MARK_STYLE = Object.fromEntries(
  Object.entries(CHANGE_COLOR).map(([change, color]) => [
    change,
    { background: `var(--mantine-color-${color}-light)`, color: `var(--mantine-color-${color}-light-color)` },
  ]),
) as Record<Change, CSSProperties>;

/**
 * One state on the canvas: kind by shape and colour, assignee and deadline on the node,
 * problems and changes as marks. One box of fixed size that clips its lines of text
 * (canvas.css), so that laying out and painting 150 of them stays cheap while one is dragged.
 * Memoised on its data and selection, which the canvas keeps identical for states that did not
 * change: a drag re-renders no state, not even the one dragged (React Flow moves its wrapper).
 */
export const StateNodeView = memo(StateNodeBox, sameLook);

/** What a state's box shows depends on these only: not on where it stands (a drag moves it every frame). */
function sameLook(a: NodeProps<StateNode>, b: NodeProps<StateNode>) {
  return a.data === b.data && a.selected === b.selected;
}

function StateNodeBox({ data, selected }: NodeProps<StateNode>) {
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
      className="state-node"
      data-testid={`node-${state.label["zh-CN"]}`}
      data-severity={severity}
      data-change={change}
      data-active={active ? "true" : undefined}
      title={problemCodes?.map((code) => tr(`designer.issues.${code}`)).join("\n")}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        border: `2px ${change === "removed" ? "dashed" : "solid"} ${border}`,
        borderRadius: style.radius,
        background: style.background,
        boxShadow: outline,
        opacity: change === "removed" ? 0.6 : 1,
      }}
    >
      <Handle type="target" position={Position.Left} />
      {/* 19 px, larger when zoomed out (canvas.css): readable at the zoom that fits the workflow. */}
      <div className="state-node-title">
        {initial ? "▶ " : ""}
        {state.label["zh-CN"]}
      </div>
      {severity && <span className={`state-node-mark state-node-mark-${severity}`}>!</span>}
      {/* Hidden when zoomed out (canvas.css): under 11 px on screen, and fewer boxes to paint. */}
      <div className="state-node-details">
        <div className="state-node-line">
          {tr(`designer.kinds.${state.kind}`)}
          {assignee ? ` · ${assignee}` : ""}
        </div>
        <div className="state-node-line">
          {deadline && (
            <>
              <IconClock size={12} /> {deadline.duration.amount} {tr(`designer.units.${deadline.duration.unit}`)}{" "}
            </>
          )}
          {change && (
            <span className="state-node-change" style={CHANGE_MARK_STYLE[change]}>
              {tr(`designer.diff.${change}`)}
            </span>
          )}
        </div>
      </div>
      {state.kind !== "final" && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const nodeTypes = { state: StateNodeView };
