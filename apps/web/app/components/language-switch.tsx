import { Button, Menu } from "@mantine/core";
import { supportedLanguages } from "@rdlink/i18n/languages";
import { IconLanguage } from "@tabler/icons-react";
import { Form, useLocation } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/** Posts the choice to /language, which sets the cookie and comes back to this page. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} />}
          aria-label={`${t("nav.language")}：${t(`language.${i18n.language === "en" ? "en" : "zh-CN"}`)}`}
        >
          {t(`language.${i18n.language === "en" ? "en" : "zh-CN"}`)}
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
