import { Button, Menu, UnstyledButton } from "@mantine/core";
import { supportedLanguages } from "@rdlink/i18n/languages";
import { IconLanguage } from "@tabler/icons-react";
import { Form, useLocation } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/** Its own id (the button's; the list's is `language-menu-dropdown`), the same on the server and in the browser. */
const MENU_ID = "language-menu";

const inBrowser = typeof document !== "undefined";

/** Posts the choice to /language, which sets the cookie and comes back to this page. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = t(`language.${i18n.language === "en" ? "en" : "zh-CN"}`);
  const label = `${t("nav.language")}：${current}`;
  // On the server the menu is closed and its list not rendered: only its button, written by hand.
  return inBrowser ? (
    <LanguageMenu label={label} current={current} />
  ) : (
    <ClosedMenuButton label={label} current={current} />
  );
}

function LanguageMenu({ label, current }: { label: string; current: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Menu position="bottom-end" withinPortal id={MENU_ID}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} />}
          aria-label={label}
        >
          {current}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {supportedLanguages.map((lng) => (
          <Form method="post" action="/language" key={lng}>
            <input type="hidden" name="lng" value={lng} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <Menu.Item component="button" type="submit" fw={i18n.language === lng ? 700 : undefined}>
              {t(`language.${lng}`)}
            </Menu.Item>
          </Form>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/*
 * The closed menu's button as Mantine renders it (Button, subtle, gray, compact-sm, with Menu.Target's
 * attributes): the same markup the browser's Menu hydrates, without a Popover's floating-ui hooks
 * and a Button's styles resolved on every page (issue 21).
 */
const BUTTON = `mantine-focus-auto mantine-active ${Button.classes.root} mantine-Button-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const BUTTON_STYLE = {
  "--button-height": "var(--button-height-compact-sm)",
  "--button-padding-x": "var(--button-padding-x-compact-sm)",
  "--button-fz": "var(--mantine-font-size-sm)",
  "--button-bg": "transparent",
  "--button-hover": "var(--mantine-color-gray-light-hover)",
  "--button-color": "var(--mantine-color-gray-light-color)",
  "--button-bd": "calc(0.0625rem * var(--mantine-scale)) solid transparent",
} as React.CSSProperties;

function ClosedMenuButton({ label, current }: { label: string; current: string }) {
  return (
    <button
      style={BUTTON_STYLE}
      className={BUTTON}
      data-variant="subtle"
      data-size="compact-sm"
      data-with-left-section="true"
      type="button"
      aria-label={label}
      aria-haspopup="menu"
      aria-expanded="false"
      id={MENU_ID}
    >
      <span className={`${Button.classes.inner} mantine-Button-inner`}>
        <span className={`${Button.classes.section} mantine-Button-section`} data-position="left">
          <IconLanguage size={16} />
        </span>
        <span className={`${Button.classes.label} mantine-Button-label`}>{current}</span>
      </span>
    </button>
  );
}
