import { describe, expect, it } from "vitest";
import { countCrossings, labelPoint, polylinePath, segmentsCross } from "./edge-crossings";

const p = (x: number, y: number) => ({ x, y });

describe("edge crossings", () => {
  it("counts a crossing where two segments pass through each other, not where they touch or overlap", () => {
    expect(segmentsCross(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
    expect(segmentsCross(p(0, 0), p(10, 0), p(10, 0), p(10, 10))).toBe(false); // shared end
    expect(segmentsCross(p(0, 0), p(10, 0), p(5, 0), p(15, 0))).toBe(false); // collinear
    expect(segmentsCross(p(0, 0), p(10, 0), p(0, 5), p(10, 5))).toBe(false); // parallel
    expect(segmentsCross(p(0, 0), p(4, 0), p(5, -5), p(5, 5))).toBe(false); // would cross if longer
  });

  it("counts every crossing between different polylines, none within one", () => {
    const horizontal = [p(0, 5), p(30, 5)];
    const zigzag = [p(5, 0), p(5, 10), p(15, 10), p(15, 0), p(25, 0), p(25, 10)];
    expect(countCrossings([horizontal, zigzag])).toBe(3);
    expect(countCrossings([zigzag])).toBe(0);
    expect(countCrossings([horizontal, [p(0, 20), p(30, 20)]])).toBe(0);
  });

  it("draws a polyline with rounded corners and puts the label on its longest segment", () => {
    const route = [p(0, 0), p(100, 0), p(100, 20)];
    expect(polylinePath(route)).toBe("M 0 0 L 92 0 Q 100 0 100 8 L 100 20");
    expect(labelPoint(route)).toEqual({ x: 50, y: 0 });
  });
});
