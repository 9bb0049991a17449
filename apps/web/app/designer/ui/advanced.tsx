import { Switch } from "@mantine/core";
import { createContext, type ReactNode, useContext, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Whether the panels show the machine identifiers (a state's id, a transition's event, a
 * field's key, a choice's value). They are generated when the element is made and never change
 * with its label; people name things by their labels, engineers (an export, the API, a guard's
 * parameter) by these. One choice for every panel, off by default.
 */
const AdvancedContext = createContext<{ advanced: boolean; setAdvanced: (on: boolean) => void }>({
  advanced: false,
  setAdvanced: () => {},
});

export function AdvancedProvider({ children }: { children: ReactNode }) {
  const [advanced, setAdvanced] = useState(false);
  return <AdvancedContext.Provider value={{ advanced, setAdvanced }}>{children}</AdvancedContext.Provider>;
}

export const useAdvanced = () => useContext(AdvancedContext).advanced;

/** The panel's 高级 switch. */
export function AdvancedSwitch() {
  const { t } = useTranslation();
  const { advanced, setAdvanced } = useContext(AdvancedContext);
  return (
    <Switch
      size="xs"
      label={t("designer.advanced")}
      description={t("designer.advancedHint")}
      checked={advanced}
      onChange={(e) => setAdvanced(e.currentTarget.checked)}
    />
  );
}
