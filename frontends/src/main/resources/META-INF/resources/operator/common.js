// What every view of the operator console shares: the consumer services, the event names, who may
// write, and small builders of facts, tables and guarded actions.
import { session, el, clearRefusals, showRefusal } from "/shared/suite.js";

/** The consumer services: api() key, name in the APIs, name shown. */
export const SERVICES = [
  ["cardProduction", "card-production-service", "制卡服务"],
  ["bankGateway", "bank-gateway-service", "银行网关服务"],
  ["notification", "notification-service", "短信通知服务"],
];
export const EVENTS = {
  CardRequested: "提交申领", ApplicationChanged: "修改申领", ApplicationWithdrawn: "撤回申领",
  CardProduced: "制卡完成", CardProductionFailed: "制卡失败", CardDispatched: "寄出或送达网点",
  CardDelivered: "送达", CardCollected: "领卡", FinancialFunctionActivated: "金融功能激活",
  SocialFunctionEnabled: "社保功能启用", OldCardInvalidated: "旧卡失效", CardReportedLost: "挂失",
  LossReportCancelled: "解除挂失", CardReplaced: "补换", ReplacementCardIssued: "补换新卡",
  IssuingBankChanged: "变更发卡银行", MobileNumberChanged: "变更手机号", MailReturned: "邮件退回",
  PickupPeriodEnding: "领卡期即将届满", UncollectedCardReturned: "逾期未领退回", CardCancelled: "注销",
};
export const canWrite = () => session()?.role === "operator";
export const serviceName = (key) => SERVICES.find(([k]) => k === key)[2];
export const count = (n) => (n ?? 0).toLocaleString("zh-CN");

/** A datetime-local value, read as Beijing time, as an ISO-8601 instant. */
export function beijingInstant(value) {
  if (!value) return null;
  const full = value.length === 16 ? value + ":00" : value;
  return new Date(full + "+08:00").toISOString();
}

/** An instant as a datetime-local value in Beijing time, rounded up to the whole second. */
export function beijingInput(instant) {
  const millis = Math.ceil(Date.parse(instant) / 1000) * 1000;
  return new Date(millis + 8 * 3600 * 1000).toISOString().slice(0, 19);
}

/** A two-column description list from [label, value] pairs. */
export function facts(pairs, attributes = {}) {
  return el("dl", { class: "facts", ...attributes }, pairs.flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)]));
}

export function table(headings, rows, attributes = {}) {
  return el("table", attributes,
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows));
}

/** Runs ACTION, showing its refusal in FORM (next to the field it names). */
export async function guarded(form, action) {
  clearRefusals(form);
  try {
    await action();
  } catch (refusal) {
    showRefusal(form, refusal);
  }
}
