import "~/lib/mantine-base-styles";
import { MantineProvider } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { cssVariablesResolver, themeFor } from "~/lib/theme";

/**
 * Mantine's provider and theme, for the pages built on Mantine: the staff's pages and tracking.
 * Not in the root: the station's public form is built without Mantine, and a citizen's phone
 * should not download it (docs/decisions/0020-public-pages-without-mantine.md).
 */
export function MantineFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const clear = t("common.clear");
  const close = t("common.close");
  const theme = useMemo(() => themeFor({ clear, close }), [clear, close]);
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}
