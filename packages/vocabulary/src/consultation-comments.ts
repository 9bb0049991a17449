/** Where a comment on a draft law came from: the public page, or gathered offline by the contact point. */
export const commentChannels = ["online", "teaTalk", "meeting", "wechat", "station", "visit", "other"] as const;
export type TCommentChannel = (typeof commentChannels)[number];

/** What the legislature did with a comment: 采纳 / 部分采纳 / 未采纳. */
export const commentFates = ["adopted", "partlyAdopted", "notAdopted"] as const;
export type TCommentFate = (typeof commentFates)[number];
