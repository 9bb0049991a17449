import { describe, expect, it } from "vitest";
import { escapeHtml, inlineableSvg, type StationPosterArgs, stationPosterHtml } from "./station-poster.ts";
import { stationQrSvg } from "./station-qr.ts";

const INTAKE_URL = "https://rdlink.example.cn/s/3f2a9c/intake?src=poster&lang=zh";

async function args(overrides: Partial<StationPosterArgs> = {}): Promise<StationPosterArgs> {
  return {
    stationName: "城关镇人大代表联络站",
    stationType: "人大代表联络站",
    township: "城关镇",
    address: "人民路 88 号便民服务中心二楼",
    receptionSchedule: "每月 15 日 9:00–11:30",
    intakeUrl: INTAKE_URL,
    qrSvg: await stationQrSvg(INTAKE_URL),
    texts: {
      headline: "扫码向人大代表反映意见建议",
      howTo: ["打开微信，扫描下方二维码", "填写您的意见建议", "提交后留意短信回复"],
      footer: "城关镇人大主席团 监制",
    },
    ...overrides,
  };
}

describe("escapeHtml", () => {
  it("escapes markup, quotes and ampersands", () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(escapeHtml(`Tom & Jerry's "shop"`)).toBe("Tom &amp; Jerry&#39;s &quot;shop&quot;");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
    expect(escapeHtml("城关镇 · 代表之家")).toBe("城关镇 · 代表之家");
  });
});

describe("inlineableSvg", () => {
  it("strips the XML declaration and keeps the SVG element", async () => {
    const svg = inlineableSvg(await stationQrSvg(INTAKE_URL));
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it.each([
    ["not SVG", "<div>hi</div>"],
    ["a script", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ["a SCRIPT in capitals", '<?xml version="1.0"?><svg><SCRIPT>alert(1)</SCRIPT></svg>'],
    ["an event handler", '<svg onload="alert(1)"></svg>'],
    ["a javascript: link", '<svg><a href="javascript:alert(1)"><path d="M0 0"/></a></svg>'],
    ["foreignObject", "<svg><foreignObject><div>x</div></foreignObject></svg>"],
    ["an external image", '<svg><image href="https://evil.example/x.png"/></svg>'],
    ["trailing HTML", "<svg></svg><img src=x>"],
  ])("refuses %s", (_, svg) => {
    expect(() => inlineableSvg(svg)).toThrow(TypeError);
  });
});

describe("stationPosterHtml", () => {
  it("is a complete, offline, one-page A4 document", async () => {
    const html = stationPosterHtml(await args());
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("@page { size: A4; margin: 15mm; }");
    expect(html).toContain("width: 110mm; height: 110mm");
    expect(html).toContain('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif');
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    // Nothing to fetch: no scripts, no stylesheets, no fonts, no remote images.
    expect(html.toLowerCase()).not.toContain("<script");
    expect(html).not.toMatch(/<link\b|@import|@font-face|url\(|\ssrc=/i);
    // The only absolute URLs are the intake URL (as text) and the SVG namespace.
    const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect(new Set(urls)).toEqual(
      new Set(["http://www.w3.org/2000/svg", "https://rdlink.example.cn/s/3f2a9c/intake?src=poster&amp;lang=zh"]),
    );
  });

  it("shows the station, numbered steps, the QR and the URL in small print", async () => {
    const html = stationPosterHtml(await args());
    expect(html).toContain('<h1 class="name">城关镇人大代表联络站</h1>');
    expect(html).toContain("<title>城关镇人大代表联络站</title>");
    expect(html).toContain("人大代表联络站</p>");
    expect(html).toContain("城关镇 · 人民路 88 号便民服务中心二楼");
    expect(html).toContain("每月 15 日 9:00–11:30");
    expect(html).toContain(
      '<ol class="steps"><li>打开微信，扫描下方二维码</li><li>填写您的意见建议</li><li>提交后留意短信回复</li></ol>',
    );
    expect(html).toMatch(/<div class="qr"[^>]*><svg [^>]*viewBox=/);
    expect(html).not.toContain("<?xml");
    expect(html).toContain('<p class="url">https://rdlink.example.cn/s/3f2a9c/intake?src=poster&amp;lang=zh</p>');
    expect(html).toContain("城关镇人大主席团 监制");
  });

  it("leaves out the optional lines when absent", async () => {
    const html = stationPosterHtml(await args({ address: undefined, receptionSchedule: "  " }));
    expect(html).toContain('<p class="place">城关镇</p>');
    expect(html).not.toContain("schedule");
  });

  it("escapes every interpolated text", async () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
    const html = stationPosterHtml(
      await args({
        stationName: evil,
        stationType: evil,
        township: evil,
        address: evil,
        receptionSchedule: evil,
        texts: { headline: evil, howTo: [evil, evil], footer: evil },
      }),
    );
    expect(html.toLowerCase()).not.toContain("<script");
    expect(html).not.toContain(evil);
    // name (title + h1), type, township, address, schedule, headline, 2 steps, footer
    expect(html.split(escaped).length - 1).toBe(10);
  });

  it("refuses an unsafe QR image or intake URL", async () => {
    await expect(
      args({ qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' }).then(
        stationPosterHtml,
      ),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(args({ qrSvg: "<img src=x onerror=alert(1)>" }).then(stationPosterHtml)).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(args({ intakeUrl: "javascript:alert(1)" }).then(stationPosterHtml)).rejects.toBeInstanceOf(RangeError);
  });
});
