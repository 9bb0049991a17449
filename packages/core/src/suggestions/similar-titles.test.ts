import { describe, expect, it } from "vitest";
import { similarTitleIndex, titleBigrams, titleSimilarity } from "./similar-titles";

describe("similar suggestion titles", () => {
  it("leaves out 关于…的建议 and punctuation, which every title has", () => {
    expect([...titleBigrams("关于加快农村公路建设的建议")]).toEqual([
      "加快",
      "快农",
      "农村",
      "村公",
      "公路",
      "路建",
      "建设",
    ]);
    expect(titleSimilarity("关于A的建议", "关于B的建议")).toBe(0);
  });

  it("scores the same subject above the threshold and a different one below it", () => {
    const road = titleSimilarity("关于加快农村公路提质改造的建议", "关于农村公路提质改造的建议");
    const water = titleSimilarity("关于加快农村公路提质改造的建议", "关于改善农村饮水安全的建议");
    expect(road).toBeGreaterThan(0.8);
    expect(water).toBeLessThan(0.3);
  });

  it("finds the most similar earlier title with the index, as the pairwise score says", () => {
    const earlier = [
      { title: "关于改善农村饮水安全的建议", unit: "水利局" },
      { title: "关于加强农村公路养护的建议", unit: "交通运输局" },
      { title: "关于农村公路提质改造的建议", unit: "公路发展中心" },
    ];
    const index = similarTitleIndex(earlier);
    const found = index.mostSimilar("关于加快农村公路提质改造的建议");
    expect(found?.item.unit).toBe("公路发展中心");
    expect(found?.score).toBeCloseTo(titleSimilarity("关于加快农村公路提质改造的建议", earlier[2]!.title));
    expect(index.mostSimilar("关于建设城区公园的建议")).toBeNull();
  });
});
