/** Events whose form carries an answer meant for the citizen: the tracking page shows them, and an SMS says one came. */
export const PUBLIC_ANSWER_FIELDS = ["replyContent", "answer"] as const;
