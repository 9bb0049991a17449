/**
 * Mantine's globals and its most common components' styles, per component
 * (https://mantine.dev/styles/css-files-list), loaded with `MantineFrame`: by the tracking page
 * (which adds its Badge, Radio and Timeline) and the staff pages (which add the rest with
 * `staff-styles.ts`). The station's public form loads none of it (`styles/public.css`).
 * Core's styles come before any other Mantine package's.
 */
import "@mantine/core/styles/baseline.css";
import "@mantine/core/styles/default-css-variables.css";
import "@mantine/core/styles/global.css";
// Reused inside other components.
import "@mantine/core/styles/UnstyledButton.css";
import "@mantine/core/styles/VisuallyHidden.css";
import "@mantine/core/styles/Paper.css";
import "@mantine/core/styles/CloseButton.css";
import "@mantine/core/styles/Group.css";
import "@mantine/core/styles/Loader.css";
import "@mantine/core/styles/Input.css";
import "@mantine/core/styles/InlineInput.css";
// The chevron of NativeSelect.
import "@mantine/core/styles/Combobox.css";
// The public pages' own.
import "@mantine/core/styles/Alert.css";
import "@mantine/core/styles/Button.css";
import "@mantine/core/styles/Checkbox.css";
import "@mantine/core/styles/Container.css";
import "@mantine/core/styles/Progress.css";
import "@mantine/core/styles/Stack.css";
import "@mantine/core/styles/Text.css";
import "@mantine/core/styles/Title.css";
