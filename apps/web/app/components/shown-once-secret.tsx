import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";

/** A secret the server answers once (an API key, a webhook's signing secret): copy it now or lose it. */
export function ShownOnceSecret(props: {
  title: string;
  warning: string;
  value: string;
  labels: { copy: string; copied: string; done: string };
  onDone: () => void;
  testId: string;
  valueTestId: string;
}) {
  return (
    <Alert color="orange" mb="md" icon={<IconAlertTriangle size={18} />} title={props.title} data-testid={props.testId}>
      <Stack gap="xs">
        <Text size="sm">{props.warning}</Text>
        <Code block data-testid={props.valueTestId} style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
          {props.value}
        </Code>
        <Group gap="xs">
          <CopyButton value={props.value}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                color={copied ? "teal" : "blue"}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
              >
                {copied ? props.labels.copied : props.labels.copy}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={props.onDone}>
            {props.labels.done}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
