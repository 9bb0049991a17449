/** A message the outbox hands to a channel (SMS, WeChat, e-mail, webhook …). */
export type OutboxMessage = {
  tenantId: string;
  id: string;
  caseId: string;
  kind: string;
  payload: Record<string, unknown>;
  attempt: number;
};

export type OutboxAdapter = {
  name: string;
  deliver(message: OutboxMessage): Promise<void>;
};

/**
 * The default channel: the outbox row itself is the record, shown with the case; it is
 * marked delivered here and never dropped. Real channels plug in beside it.
 */
export const recordingAdapter: OutboxAdapter = {
  name: "record",
  async deliver() {},
};
