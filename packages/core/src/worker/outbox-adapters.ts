/** A message the outbox hands to a channel (SMS, WeChat, e-mail, webhook …). */
export type OutboxMessage = {
  tenantId: string;
  id: string;
  caseId: string;
  kind: string;
  payload: Record<string, unknown>;
  attempt: number;
  /** For `notify`: the users the bell notified (a channel may look up their numbers); a citizen has none. */
  recipients?: string[];
};

/**
 * A channel. `deliver` resolves once the channel accepted the message and throws when it
 * did not: the worker then retries with backoff, and after MAX_ATTEMPTS gives it up as
 * failed for the county admin to retry. `name` is recorded as the row's `deliveredVia`.
 */
export type OutboxAdapter = {
  name: string;
  deliver(message: OutboxMessage): Promise<void>;
};

/**
 * The default channel: writes a line to the log; the outbox row itself is the record,
 * shown on the county's outbox page (deliveredVia "log"). Never drops a message.
 * Real channels (SMS gateway, WeChat template messages, e-mail) plug in beside it.
 */
export function logAdapter(log: (line: string) => void = () => {}): OutboxAdapter {
  return {
    name: "log",
    async deliver(message) {
      const { to, template } = message.payload as { to?: unknown; template?: unknown };
      log(
        `outbox ${message.kind} ${String(template ?? "")} to ${String(to ?? "")} ` +
          `(case ${message.caseId}, ${message.recipients?.length ?? 0} in-app, attempt ${message.attempt})`,
      );
    },
  };
}
