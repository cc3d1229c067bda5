import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Notifier } from './notifier.js';
import { PermanentDeliveryError } from './notifier.js';
import type { ReminderMessage } from './reminder-message.js';
import { assertWebhookUrlAllowed, ssrfPolicyFromEnv, type SsrfPolicy } from './ssrf-guard.js';

export const SIGNATURE_HEADER = 'X-Chessboard-Signature';
export const TIMESTAMP_HEADER = 'X-Chessboard-Timestamp';

/**
 * The signed material is `${timestamp}.${rawBody}`: the timestamp header (Unix seconds)
 * and the exact bytes of the body, joined by a dot. Signing the timestamp too means a
 * captured request cannot be replayed later with a fresh timestamp.
 */
export function signWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

/**
 * What a receiver does (README "Webhook signatures"): recompute the HMAC over
 * `${X-Chessboard-Timestamp}.${raw body}` with the shared secret, compare in constant
 * time, and refuse timestamps more than `toleranceSeconds` away from its own clock.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string | Buffer,
  nowMs = Date.now(),
  toleranceSeconds = 300,
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type WebhookPreset = 'wecom' | 'dingtalk' | 'generic';

/** Group robots are recognised by host: WeCom (企业微信) and DingTalk (钉钉); anything else gets generic JSON. */
export function webhookPreset(url: string): WebhookPreset {
  const host = new URL(url).hostname.toLowerCase();
  if (host === 'qyapi.weixin.qq.com') return 'wecom';
  if (host === 'oapi.dingtalk.com') return 'dingtalk';
  return 'generic';
}

/** The JSON body for a recipient URL. */
export function webhookPayload(reminder: ReminderMessage): object {
  switch (webhookPreset(reminder.recipient)) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: reminder.markdown } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: reminder.subject, text: reminder.markdown } };
    case 'generic': {
      const f = reminder.facts;
      return {
        type: 'chessboard.reminder',
        kind: f.kind,
        sequence: f.sequence,
        task: { id: f.taskId, title: f.title, progress: f.progress, link: reminder.link },
        unit: { id: f.unitId, name: f.unitName },
        deadline: f.deadline,
        deadlineLocal: reminder.deadlineLocal,
        timeZone: reminder.timeZone,
        subject: reminder.subject,
        text: reminder.text,
        markdown: reminder.markdown,
      };
    }
  }
}

export interface WebhookNotifierOptions {
  /** HMAC key; null sends the request unsigned. */
  readonly secret: string | null;
  readonly timeoutMs: number;
  /** Unix time source, for tests. */
  readonly now?: () => number;
  /** Which hosts may be called (ssrf-guard.ts); default: WEBHOOK_ALLOW_PRIVATE, read at send time. */
  readonly ssrf?: SsrfPolicy;
}

/** POSTs JSON to the contact URL; anything but a 2xx answer (or a robot's errcode ≠ 0) is a failure. */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;

  constructor(private readonly options: WebhookNotifierOptions) {}

  async deliver(reminder: ReminderMessage): Promise<void> {
    await assertWebhookUrlAllowed(reminder.recipient, this.options.ssrf ?? ssrfPolicyFromEnv());
    const body = JSON.stringify(webhookPayload(reminder));
    const timestamp = String(Math.floor((this.options.now ?? Date.now)() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'chessboard-reminder-worker',
      [TIMESTAMP_HEADER]: timestamp,
    };
    if (this.options.secret) headers[SIGNATURE_HEADER] = signWebhook(this.options.secret, timestamp, body);

    const response = await fetch(reminder.recipient, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const answer = await response.text().catch(() => '');
    if (!response.ok) {
      const message = `webhook ${redact(reminder.recipient)} answered ${response.status}`;
      // 4xx other than 408/429 means the request itself is wrong: retrying will not help.
      const permanent =
        response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
      throw permanent ? new PermanentDeliveryError(message) : new Error(message);
    }
    if (webhookPreset(reminder.recipient) !== 'generic') robotAccepted(answer, reminder.recipient);
  }
}

/** WeCom and DingTalk answer 200 with {errcode, errmsg}; errcode 0 means delivered. */
function robotAccepted(answer: string, url: string): void {
  let errcode: unknown = 0;
  let errmsg: unknown = '';
  try {
    ({ errcode, errmsg } = JSON.parse(answer) as { errcode?: unknown; errmsg?: unknown });
  } catch {
    return;
  }
  if (errcode !== undefined && errcode !== 0) {
    throw new Error(`group robot ${redact(url)} refused the message: ${String(errcode)} ${String(errmsg)}`);
  }
}

/** Robot URLs carry their access token in the query string: never log it. */
export function redact(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? '?…' : ''}`;
}
