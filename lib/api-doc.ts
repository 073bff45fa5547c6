/**
 * Sections of the project's API document (docs/API.md) that answers and error messages
 * point to. Each id is an explicit anchor in that file (a test checks they all exist).
 */
export const API_DOC_SECTIONS = {
  routes: '接口一览 / routes',
  signature: '签名 v2 / signature',
  events: '事件与批量 / posting events',
  caseNumbers: '案号 / case numbers',
  text: '文本字段 / text fields',
  courts: '法院代字与案件归属 / court codes and ownership',
  results: '逐条结果 / per-event results',
  errors: '错误 / errors',
  rateLimits: '限流 / rate limits',
  paths: '路径编码 / paths',
  caseView: '案件视图 / the case view',
  caseList: '案件列表 / the case list',
  timeline: '当事人公开时间线 / public timeline',
  eventTypes: '事件类型 / event types',
} as const;

export type ApiDocSection = keyof typeof API_DOC_SECTIONS;

/** `docs/API.md#<section>`: where a reader finds what was expected. */
export function apiDoc(section: ApiDocSection): string {
  return `docs/API.md#${section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
