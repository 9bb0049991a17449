/** A point on the canvas, in flow coordinates. */
export type Point = { x: number; y: number };

const EPSILON = 1e-6;
const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/**
 * Whether two segments cross at a point inside both. Touching at an end (two edges leaving
 * the same node's side) and running along each other (collinear) are not crossings: the
 * eye reads neither as one line passing over another.
 */
export function segmentsCross(a1: Point, a2: Point, b1: Point, b2: Point): boolean {
  const d1 = cross(b1, b2, a1);
  const d2 = cross(b1, b2, a2);
  const d3 = cross(a1, a2, b1);
  const d4 = cross(a1, a2, b2);
  return (
    ((d1 > EPSILON && d2 < -EPSILON) || (d1 < -EPSILON && d2 > EPSILON)) &&
    ((d3 > EPSILON && d4 < -EPSILON) || (d3 < -EPSILON && d4 > EPSILON))
  );
}

/** How many times the drawn edges cross each other: every crossing of two different polylines counts once. */
export function countCrossings(polylines: readonly (readonly Point[])[]): number {
  let crossings = 0;
  for (let i = 0; i < polylines.length; i++) {
    for (let j = i + 1; j < polylines.length; j++) {
      const a = polylines[i]!;
      const b = polylines[j]!;
      for (let s = 1; s < a.length; s++) {
        for (let t = 1; t < b.length; t++) {
          if (segmentsCross(a[s - 1]!, a[s]!, b[t - 1]!, b[t]!)) crossings++;
        }
      }
    }
  }
  return crossings;
}

/**
 * React Flow's default (bezier) edge from a source handle on the right to a target handle on
 * the left, sampled into a polyline: how the designer drew edges before they followed ELK's
 * routes, to count its crossings the same way.
 */
export function bezierPolyline(source: Point, target: Point, samples = 24): Point[] {
  const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance));
  const c1 = { x: source.x + offset(target.x - source.x), y: source.y };
  const c2 = { x: target.x - offset(target.x - source.x), y: target.y };
  return Array.from({ length: samples + 1 }, (_, i) => {
    const t = i / samples;
    const u = 1 - t;
    return {
      x: u * u * u * source.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * target.x,
      y: u * u * u * source.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * target.y,
    };
  });
}

/** An SVG path through the points, its corners rounded (radius at most `radius`, less on short segments). */
export function polylinePath(points: readonly Point[], radius = 8): string {
  if (points.length === 0) return "";
  const [first] = points;
  let path = `M ${first!.x} ${first!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const at = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(
      radius,
      Math.hypot(at.x - prev.x, at.y - prev.y) / 2,
      Math.hypot(next.x - at.x, next.y - at.y) / 2,
    );
    const toward = (from: Point, to: Point, d: number) => {
      const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / length) * d, y: from.y + ((to.y - from.y) / length) * d };
    };
    const before = toward(at, prev, r);
    const after = toward(at, next, r);
    path += ` L ${before.x} ${before.y} Q ${at.x} ${at.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1]!;
  return `${path} L ${last.x} ${last.y}`;
}

/** Where an edge's label goes: the middle of its longest segment, away from the corners. */
export function labelPoint(points: readonly Point[]): Point {
  let best = { x: points[0]?.x ?? 0, y: points[0]?.y ?? 0 };
  let longest = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > longest) {
      longest = length;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}
