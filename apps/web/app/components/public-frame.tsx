import { Form, useLocation } from "react-router";
import { useTranslation } from "~/lib/use-translation";
import { DocumentTitle } from "./document-title";

/**
 * The frame of the public pages citizens open on their phones: a station's form, tracking.
 * Plain elements styled by `styles/public.css`: no Mantine on the citizens' first download
 * (docs/decisions/0020-public-pages-without-mantine.md).
 */
export function PublicFrame({
  title,
  subtitle,
  preview = false,
  children,
}: {
  title: string;
  subtitle?: string;
  /** Drawn inside a phone preview: as tall as its content, not the window. */
  preview?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  // A preview sits inside a county page, which has its own title and landmarks.
  const Header = preview ? "div" : "header";
  const Main = preview ? "div" : "main";
  return (
    <div className={preview ? undefined : "pub-page"} style={preview ? { background: "var(--pub-page)" } : undefined}>
      {!preview && <DocumentTitle title={title} />}
      <Header className="pub-header">
        <span>{t("app.name")}</span>
        <OtherLanguage />
      </Header>
      <Main className="pub-main">
        <div className="pub-card">
          <div className="pub-stack-tight" style={{ gap: 2, marginBottom: 16 }}>
            <h1 className="pub-title">{title}</h1>
            {subtitle && <p className="pub-p pub-small pub-subtitle">{subtitle}</p>}
          </div>
          {children}
        </div>
      </Main>
    </div>
  );
}

/** Two languages: one button that switches to the other. */
function OtherLanguage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const other = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/language">
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="pub-button pub-button-white" lang={other}>
        {t(`language.${other}`)}
      </button>
    </Form>
  );
}
