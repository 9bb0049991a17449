import { BaseEdge, type Edge, type EdgeProps, getSmoothStepPath, type InternalNode, useStoreApi } from "@xyflow/react";
import { memo } from "react";
import type { Position } from "../document";
import { labelPoint, polylinePath } from "../edge-crossings";

/** The route and where its two states stood when it was computed. */
export type RoutedEdgeData = { points?: Position[]; from?: Position; to?: Position };
export type RoutedEdge = Edge<RoutedEdgeData, "routed">;

/**
 * A transition drawn along the orthogonal route ELK computed (around the states, with few
 * crossings), its arrowhead at the target; when a state was moved since the layout, a
 * right-angled path from handle to handle.
 */
export const RoutedEdgeView = memo(function RoutedEdgeView(props: EdgeProps<RoutedEdge>) {
  // While a state is dragged, its edges leave the route at once (the document learns the move on drop).
  // Read, not subscribed to: the edge re-renders whenever its ends move (sourceX …), and 600
  // subscriptions, each asked on every step of a drag, were a good part of what a step cost.
  const { nodeLookup } = useStoreApi().getState();
  const source = nodeLookup.get(props.source);
  const target = nodeLookup.get(props.target);
  const stands = (node: InternalNode | undefined, at: Position | undefined) =>
    !!node &&
    !!at &&
    Math.abs(node.internals.positionAbsolute.x - at.x) < 0.5 &&
    Math.abs(node.internals.positionAbsolute.y - at.y) < 0.5;
  const points = stands(source, props.data?.from) && stands(target, props.data?.to) ? props.data?.points : undefined;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (points && points.length >= 2) {
    path = polylinePath(points);
    ({ x: labelX, y: labelY } = labelPoint(points));
  } else {
    [path, labelX, labelY] = getSmoothStepPath({
      sourceX: props.sourceX,
      sourceY: props.sourceY,
      sourcePosition: props.sourcePosition,
      targetX: props.targetX,
      targetY: props.targetY,
      targetPosition: props.targetPosition,
      borderRadius: 8,
    });
  }
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      markerEnd={props.markerEnd}
      style={props.style}
      interactionWidth={props.interactionWidth}
    />
  );
});

export const edgeTypes = { routed: RoutedEdgeView };
