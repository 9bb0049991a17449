import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/**
 * What a citizen sees once the opinion is in: the tracking code, a button that copies it and
 * one that saves it as a picture (for the phone's gallery, where people keep such things),
 * and the way to the tracking page.
 */
export function TrackingCodeCard({ code, stationName }: { code: string; stationName: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    setCopied((await copyText(code)) ? "yes" : "failed");
  }

  function saveImage() {
    const canvas = drawCodeCard({
      appName: t("app.name"),
      title: t("intake.imageTitle"),
      code,
      stationName,
      hint: t("intake.imageHint", { url: `${window.location.host}/t` }),
    });
    canvas.toBlob((blob) => {
      if (blob) download(blob, `${t("intake.trackingCode")}-${code}.png`);
    }, "image/png");
  }

  return (
    <div className="pub-stack" data-testid="intake-done">
      <div className="pub-alert pub-alert-done">
        <strong className="pub-alert-title">{t("intake.doneTitle")}</strong>
        {t("intake.doneBody")}
      </div>
      <div className="pub-code-box">
        <p className="pub-p pub-small">{t("intake.trackingCode")}</p>
        {/* Selectable as text, for a long press when copying is not allowed. */}
        <h2 className="pub-code" data-testid="tracking-code">
          {code}
        </h2>
      </div>
      <div className="pub-row">
        <button type="button" className="pub-button" onClick={copy} data-testid="copy-code">
          {copied === "yes" ? t("intake.copied") : t("intake.copy")}
        </button>
        <button type="button" className="pub-button pub-button-light" onClick={saveImage} data-testid="save-code-image">
          {t("intake.saveImage")}
        </button>
      </div>
      {copied === "failed" && (
        <p className="pub-p pub-error" role="alert">
          {t("intake.copyFailed")}
        </p>
      )}
      <Link to={`/t/${code}`} className="pub-button pub-button-subtle">
        {t("intake.trackNow")}
      </Link>
    </div>
  );
}

/** The clipboard API where the browser allows it; else the old selection copy; false if neither worked. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

/** The code on a card, drawn in the browser: nothing is sent anywhere. */
function drawCodeCard(text: { appName: string; title: string; code: string; stationName: string; hint: string }) {
  const width = 720;
  const height = 420;
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const g = canvas.getContext("2d")!;
  g.scale(scale, scale);
  const font = `"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, width, height);
  g.fillStyle = "#c92a2a";
  g.fillRect(0, 0, width, 64);
  g.fillStyle = "#ffffff";
  g.font = `bold 26px ${font}`;
  g.textBaseline = "middle";
  g.fillText(text.appName, 32, 32);
  g.fillStyle = "#212529";
  g.textBaseline = "alphabetic";
  g.font = `24px ${font}`;
  g.fillText(text.title, 32, 120);
  g.font = `bold 56px "DejaVu Sans Mono", Menlo, Consolas, monospace`;
  g.fillText(text.code, 32, 200);
  g.fillStyle = "#495057";
  g.font = `22px ${font}`;
  g.fillText(text.stationName, 32, 270, width - 64);
  g.fillText(text.hint, 32, 320, width - 64);
  g.strokeStyle = "#dee2e6";
  g.lineWidth = 2;
  g.strokeRect(1, 1, width - 2, height - 2);
  return canvas;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy by the next turn; the address is let go a while later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
