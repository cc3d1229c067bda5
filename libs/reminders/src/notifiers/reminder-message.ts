import { formatInTimeZone, type ReminderKind } from '#domain';
import type { ReminderLocale } from '../config/reminder-config.js';

/** What a reminder is about, before it is rendered for a channel. */
export interface ReminderFacts {
  readonly taskId: string;
  readonly title: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly kind: ReminderKind;
  /** ISO instant the reminder is about. */
  readonly deadline: string;
  readonly sequence: number;
  /** 0..100 */
  readonly progress: number;
  /** ISO instant the message is written (days left / overdue are counted from here). */
  readonly now: string;
}

export interface MessageOptions {
  readonly timeZone: string;
  readonly locale: ReminderLocale;
  readonly publicUrl: string | null;
}

/** A rendered reminder for one recipient: every notifier picks the form it needs. */
export interface ReminderMessage {
  /** E-mail address or webhook URL (or a label for the log channel). */
  readonly recipient: string;
  readonly facts: ReminderFacts;
  /** Deadline in the configured zone, e.g. 2023-07-01 00:00. */
  readonly deadlineLocal: string;
  readonly timeZone: string;
  readonly link: string | null;
  /** One line: the e-mail subject and the robot card title. */
  readonly subject: string;
  /** Plain text, several lines; user text as typed. */
  readonly text: string;
  /** HTML body with user text escaped. */
  readonly html: string;
  /** Group-robot markdown with user text escaped. */
  readonly markdown: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const KIND_LABEL: Record<ReminderLocale, Record<ReminderKind, string>> = {
  zh: { UPCOMING: '即将到期', DUE_SOON: '临近截止', DUE: '今日到期', OVERDUE: '已逾期' },
  en: { UPCOMING: 'due in a week', DUE_SOON: 'due soon', DUE: 'due now', OVERDUE: 'overdue' },
};

/** Time left (positive) or overdue (negative), in the words of the locale. */
export function describeTimeLeft(deadline: string, now: string, locale: ReminderLocale): string {
  const ms = Date.parse(deadline) - Date.parse(now);
  if (ms > 0) {
    if (ms >= DAY) {
      const days = Math.round(ms / DAY);
      return locale === 'zh' ? `剩余 ${days} 天` : `${days} day${days === 1 ? '' : 's'} left`;
    }
    const hours = Math.max(1, Math.ceil(ms / HOUR));
    return locale === 'zh' ? `剩余 ${hours} 小时` : `${hours} hour${hours === 1 ? '' : 's'} left`;
  }
  const days = Math.floor(-ms / DAY);
  if (days === 0) return locale === 'zh' ? '已到截止时间' : 'deadline reached';
  return locale === 'zh' ? `已逾期 ${days} 天` : `${days} day${days === 1 ? '' : 's'} overdue`;
}

function headline(f: ReminderFacts, when: string, locale: ReminderLocale): string {
  const overdueDays = Math.floor((Date.parse(f.now) - Date.parse(f.deadline)) / DAY);
  if (locale === 'zh') {
    if (f.kind === 'OVERDUE') {
      return `【催办】任务「${f.title}」已于 ${when} 到期，已逾期 ${Math.max(overdueDays, 0)} 天，请尽快办理。`;
    }
    if (f.kind === 'DUE') return `【催办】任务「${f.title}」已到截止时间 ${when}，请尽快办理。`;
    return `【催办】任务「${f.title}」将于 ${when} 到期，请尽快办理。`;
  }
  if (f.kind === 'OVERDUE') {
    return `[Reminder] Task "${f.title}" was due on ${when} and is ${Math.max(overdueDays, 0)} day(s) overdue; please act on it.`;
  }
  if (f.kind === 'DUE')
    return `[Reminder] Task "${f.title}" reached its deadline, ${when}; please act on it.`;
  return `[Reminder] Task "${f.title}" is due on ${when}; please act on it.`;
}

/** Renders the reminder once per recipient; the texts do not depend on the recipient. */
export function renderReminder(
  facts: ReminderFacts,
  recipient: string,
  options: MessageOptions,
): ReminderMessage {
  const { timeZone, locale } = options;
  // "2023-07-01 00:00 (Asia/Shanghai)"; the zone is named so no reader guesses it.
  const when = formatInTimeZone(facts.deadline, timeZone);
  const deadlineLocal = when.endsWith(` (${timeZone})`) ? when.slice(0, -` (${timeZone})`.length) : when;
  const link = options.publicUrl ? `${options.publicUrl}/tasks/${encodeURIComponent(facts.taskId)}` : null;
  const zh = locale === 'zh';
  const label = KIND_LABEL[locale][facts.kind];
  const subject = zh ? `【催办】${label}：${facts.title}` : `[Reminder] ${label}: ${facts.title}`;
  const rows: [string, string][] = [
    [zh ? '责任单位' : 'Unit', facts.unitName],
    [zh ? '截止时间' : 'Deadline', when],
    [zh ? '剩余时间' : 'Time left', describeTimeLeft(facts.deadline, facts.now, locale)],
    [zh ? '当前进度' : 'Progress', `${facts.progress}%`],
  ];
  const first = headline(facts, when, locale);
  const sep = zh ? '：' : ': ';
  const linkLabel = zh ? '查看任务' : 'Open the task';

  const text = [
    first,
    '',
    ...rows.map(([k, v]) => `${k}${sep}${v}`),
    ...(link ? [`${linkLabel}${sep}${link}`] : []),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(first)}</p>`,
    '<ul>',
    ...rows.map(([k, v]) => `<li>${escapeHtml(k)}${sep}${escapeHtml(v)}</li>`),
    '</ul>',
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(linkLabel)}</a></p>`] : []),
  ].join('\n');
  const markdown = [
    `**${escapeMarkdown(subject)}**`,
    escapeMarkdown(first),
    ...rows.map(([k, v]) => `> ${escapeMarkdown(k)}${sep}${escapeMarkdown(v)}`),
    ...(link ? [`[${escapeMarkdown(linkLabel)}](${markdownUrl(link)})`] : []),
  ].join('\n\n');

  return { recipient, facts, deadlineLocal, timeZone, link, subject, text, html, markdown };
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Neutralises user text inside robot markdown (WeCom and DingTalk render a CommonMark
 * subset plus a few HTML tags such as <font>). Line breaks become spaces, so user text
 * never starts a line and cannot open a heading, list or quote; the inline markers
 * (emphasis, code, links, strike-through) are backslash-escaped; angle brackets and
 * ampersands become entities so no HTML tag gets through.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A URL inside (…): parentheses and spaces would end the link early. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
