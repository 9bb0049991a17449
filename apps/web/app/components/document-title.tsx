import { useTranslation } from "~/lib/use-translation";

/**
 * The page's `<title>`: its own name, then the product's. React hoists it into `<head>`, so a
 * page names itself where it renders its heading; a browser tab and a screen reader tell
 * pages apart by it.
 */
export function DocumentTitle({ title }: { title?: string }) {
  const { t } = useTranslation();
  return <title>{title ? `${title} · ${t("app.name")}` : t("app.name")}</title>;
}
