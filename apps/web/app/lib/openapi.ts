import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import { IDEMPOTENCY_KEY } from "@rdlink/core/cases/submit-opinion-by-api";
import { MAX_API_BODY_BYTES } from "./api.server";

/**
 * The API's OpenAPI 3.1 document, served at `/api/openapi.json`. Written by hand so that
 * it says what the API promises (zod's transforms do not translate to JSON Schema); the
 * categories and the idempotency key's pattern come from the code, and openapi.test.ts
 * checks the examples against these schemas and the schemas against the use case.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, example?: unknown) => ({
  "application/json": { schema, ...(example === undefined ? {} : { example }) },
});
const errorResponse = (description: string, code: string, message: string) => ({
  description,
  content: json(ref("Error"), { error: { code, message } }),
});

export const OPINION_EXAMPLE = {
  stationCode: "450107-K7M2QD",
  content: "小区门口的路灯坏了三个月，晚上出行很不方便。",
  category: "urbanConstruction",
  submitterName: "李先生",
  submitterPhone: "13812345678",
  consent: true,
  externalId: "12345-2026-000123",
};

export const CASE_STEP_EXAMPLE = {
  id: "6f1c2d7e-8a90-4b1c-9d2e-3f4a5b6c7d8e",
  type: "case.step",
  occurredAt: "2026-11-02T01:00:00.000Z",
  county: { divisionCode: "450107", name: "西乡塘区" },
  case: {
    id: "0b7f0c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b",
    trackingCode: "K7M2QD8P",
    workflow: { key: "citizenOpinion", name: "群众意见建议办理" },
    state: "assigned",
    closed: false,
  },
  step: { seq: 3, event: "ASSIGN", from: "registered", to: "assigned", actorRole: "township_operator" },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "rdlink 人大代表联络站 开放接口",
    version: "1.0.0",
    description:
      "供其他系统（如 12345 热线）向区县人大代表联络站提交群众意见、查询办理进度。每个区县在「接口密钥」页面为每个系统生成一把密钥。错误均为 `{ error: { code, message } }`：`code` 为英文代码，`message` 为中文说明。",
  },
  servers: [{ url: "/" }],
  security: [{ apiKey: [] }],
  paths: {
    "/api/v1/opinions": {
      post: {
        operationId: "submitOpinion",
        summary: "提交一条群众意见",
        description:
          "在指定联络站登记一条意见（渠道为 api），按区县的意见办理流程开始办理。带 `Idempotency-Key` 时，以同一键重复提交同样的内容只返回第一次的案件（200），不再写入；同一键提交不同的内容被拒绝（422）。",
        parameters: [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            description: "调用方为每条意见生成的唯一键（如 UUID），重试时原样带上。",
            schema: { type: "string", pattern: IDEMPOTENCY_KEY.source },
          },
        ],
        requestBody: { required: true, content: json(ref("OpinionRequest"), OPINION_EXAMPLE) },
        responses: {
          "201": {
            description: "已登记",
            headers: { Location: { schema: { type: "string" }, description: "查询该案件的地址" } },
            content: json(ref("OpinionCreated"), {
              caseId: "0b9c1d52-8f1e-4c1a-9f53-2f6a4f0e8c11",
              trackingCode: "450107-K7M2QD8P",
              state: "registered",
            }),
          },
          "200": { description: "同一 Idempotency-Key 的重复提交：第一次的案件", content: json(ref("OpinionCreated")) },
          "400": {
            description: "请求内容有误（JSON 无法解析，或字段校验不通过）",
            content: json(ref("Error"), {
              error: {
                code: "validation_failed",
                message: "请求内容有误，请检查各字段",
                fields: { content: { code: "validation.tooShort", message: "内容太短" } },
              },
            }),
          },
          "401": { $ref: "#/components/responses/Unauthorized" },
          "413": errorResponse(
            `请求内容超过 ${MAX_API_BODY_BYTES / 1024} KB`,
            "payload_too_large",
            "请求内容过大（上限 64 KB）",
          ),
          "415": errorResponse("Content-Type 不是 application/json", "unsupported_media_type", "请求内容须为 JSON"),
          "422": errorResponse(
            "Idempotency-Key 已用于内容不同的另一请求：第一次请求的结果不变",
            "idempotency_key_reused",
            "此 Idempotency-Key 已用于内容不同的另一请求，第一次请求的结果不变",
          ),
          "429": { $ref: "#/components/responses/RateLimited" },
        },
      },
    },
    "/api/v1/opinions/{trackingCode}": {
      get: {
        operationId: "getOpinion",
        summary: "按查询码查看办理进度",
        description: "只含公开信息（与群众查询页一致），不含姓名、电话等个人信息。只能查询本密钥所属区县的案件。",
        parameters: [
          {
            name: "trackingCode",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^\\d{6}-[2-9A-HJKMNP-Za-hjkmnp-z]{8}$" },
          },
        ],
        responses: {
          "200": { description: "案件进度", content: json(ref("OpinionStatus")) },
          "401": { $ref: "#/components/responses/Unauthorized" },
          "404": errorResponse("没有这个查询码（或不属于本区县）", "not_found", "未找到"),
          "429": { $ref: "#/components/responses/RateLimited" },
        },
      },
    },
  },
  webhooks: {
    caseStep: {
      post: {
        operationId: "caseStep",
        summary: "案件办理的每一步（事件推送）",
        description:
          "区县在「接口密钥」页面添加推送地址后，其案件每办理一步，平台即向该地址 POST 一次（至少一次：同一步可能重复送达，请按 `id` 去重）。请求头 `X-Rdlink-Signature: t=<Unix 秒>,v1=<十六进制签名>`，签名为以该地址的密钥对 `<t>.<请求体原文>` 计算的 HMAC-SHA256；请用常数时间比较核验，并拒绝 t 与当前时间相差 300 秒以上的请求。`X-Rdlink-Delivery` 为本次推送的 id，`X-Rdlink-Event` 为 `case.step`。返回 2xx 即为送达；否则 30 秒后重试，之后间隔加倍，共 5 次。环节与事件的代码由区县的流程定义给出；推送不含群众姓名和电话，需要更多内容请用接口密钥查询。",
        parameters: [
          {
            name: "X-Rdlink-Signature",
            in: "header",
            required: true,
            schema: { type: "string", pattern: "^t=\\d+,v1=[0-9a-f]{64}$" },
          },
          { name: "X-Rdlink-Delivery", in: "header", required: true, schema: { type: "string", format: "uuid" } },
          { name: "X-Rdlink-Event", in: "header", required: true, schema: { type: "string", const: "case.step" } },
        ],
        requestBody: { required: true, content: json(ref("CaseStepEvent"), CASE_STEP_EXAMPLE) },
        responses: { "200": { description: "已收到（任何 2xx 均可）" } },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: {
        type: "http",
        scheme: "bearer",
        description: "`Authorization: Bearer rdk_<区划代码>_<密钥编号>_<密文>`，在「接口密钥」页面生成，只显示一次。",
      },
    },
    responses: {
      Unauthorized: errorResponse("缺少密钥，或密钥无效、已停用", "unauthorized", "缺少接口密钥，或密钥无效、已停用"),
      RateLimited: {
        description: "每把密钥每分钟最多 600 次请求；`Retry-After` 为需等待的秒数",
        headers: { "Retry-After": { schema: { type: "integer" } } },
        content: json(ref("Error"), { error: { code: "rate_limited", message: "请求过于频繁，请稍后再试" } }),
      },
    },
    schemas: {
      CaseStepEvent: {
        type: "object",
        required: ["id", "type", "occurredAt", "county", "case", "step"],
        properties: {
          id: { type: "string", format: "uuid", description: "本次推送的 id（重试时不变）" },
          type: { const: "case.step" },
          occurredAt: { type: "string", format: "date-time", description: "这一步发生的时间" },
          county: {
            type: "object",
            required: ["divisionCode", "name"],
            properties: { divisionCode: { type: "string", pattern: "^\\d{6}$" }, name: { type: "string" } },
          },
          case: {
            type: "object",
            required: ["id", "trackingCode", "workflow", "state", "closed"],
            properties: {
              id: { type: "string", format: "uuid" },
              trackingCode: { type: ["string", "null"], description: "群众查询码（由接口或群众提交的案件才有）" },
              workflow: {
                type: "object",
                required: ["key", "name"],
                properties: { key: { type: "string" }, name: { type: "string" } },
              },
              state: { type: "string", description: "案件当前所处环节的代码" },
              closed: { type: "boolean" },
            },
          },
          step: {
            type: "object",
            required: ["seq", "event", "from", "to", "actorRole"],
            properties: {
              seq: { type: "integer", minimum: 1, description: "案件的第几步" },
              event: { type: "string", description: "这一步的事件代码" },
              from: { type: ["string", "null"], description: "之前的环节（登记时为 null）" },
              to: { type: "string", description: "之后的环节" },
              actorRole: { type: "string" },
            },
          },
        },
      },
      OpinionRequest: {
        type: "object",
        required: ["stationCode", "content", "category"],
        properties: {
          stationCode: {
            type: "string",
            minLength: 1,
            maxLength: 64,
            description: "联络站的公开编码（海报与二维码上的，如 450107-K7M2QD），或联络站的 id",
          },
          content: {
            type: "string",
            minLength: 5,
            maxLength: 2000,
            description: "意见内容（去除首尾空白后 5–2000 字）",
          },
          category: { type: "string", enum: [...CASE_CATEGORIES], description: "意见类别" },
          submitterName: { type: ["string", "null"], maxLength: 30, description: "群众姓名（可不填）" },
          submitterPhone: {
            type: "string",
            description: "群众手机号或座机号（可不填）；填写时须 consent 为 true",
          },
          consent: { type: "boolean", default: false, description: "群众同意留存联系电话" },
          fields: {
            type: "object",
            additionalProperties: true,
            description: "联络站类型的自定义字段（按字段标识），与该站点公开表单一致",
          },
          externalId: { type: "string", maxLength: 100, description: "调用方系统中的编号（如热线工单号），随案件保存" },
        },
      },
      OpinionCreated: {
        type: "object",
        required: ["caseId", "trackingCode", "state"],
        properties: {
          caseId: { type: "string", format: "uuid" },
          trackingCode: { type: "string", description: "群众查询码，可在 /t/<查询码> 查看进度" },
          state: { type: "string", description: "案件当前环节的标识（如 registered）" },
        },
      },
      OpinionStatus: {
        type: "object",
        required: ["trackingCode", "state", "stateLabel", "closed", "submittedAt", "milestones", "answers"],
        properties: {
          trackingCode: { type: "string" },
          state: { type: "string" },
          stateLabel: { type: "string", description: "当前环节名称" },
          closed: { type: "boolean" },
          category: { type: ["string", "null"] },
          stationName: { type: ["string", "null"] },
          handlingUnitName: { type: ["string", "null"] },
          satisfaction: { type: ["string", "null"], enum: ["satisfied", "basic", "unsatisfied", null] },
          submittedAt: { type: "string", format: "date-time" },
          milestones: {
            type: "array",
            items: {
              type: "object",
              required: ["at", "label"],
              properties: { at: { type: "string", format: "date-time" }, label: { type: "string" } },
            },
          },
          answers: {
            type: "array",
            items: {
              type: "object",
              required: ["at", "text"],
              properties: { at: { type: "string", format: "date-time" }, text: { type: "string" } },
            },
          },
        },
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: {
                type: "string",
                enum: [
                  "unauthorized",
                  "rate_limited",
                  "unsupported_media_type",
                  "payload_too_large",
                  "malformed_json",
                  "invalid_input",
                  "validation_failed",
                  "not_found",
                  "method_not_allowed",
                  "conflict",
                  "idempotency_key_reused",
                  "server_error",
                ],
              },
              message: { type: "string", description: "中文说明" },
              fields: {
                type: "object",
                description: "validation_failed 时：出错的字段及其原因",
                additionalProperties: {
                  type: "object",
                  required: ["code", "message"],
                  properties: { code: { type: "string" }, message: { type: "string" } },
                },
              },
            },
          },
        },
      },
    },
  },
};
