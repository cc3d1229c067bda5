import { validate } from '#domain';

/** Where a reminder can go: a unit contact is an e-mail address or an http(s) webhook URL. */
export type ContactChannel = 'email' | 'webhook';

export interface ClassifiedContact {
  readonly channel: ContactChannel;
  /** The address or URL, trimmed. */
  readonly recipient: string;
}

/**
 * null when the contact is neither an e-mail address nor an http(s) URL. The rule is the
 * domain's (the one registerUnit enforces), so a contact the API accepted is one the
 * worker can route; older or hand-edited data that breaks it is logged, not delivered.
 */
export function classifyContact(contact: string): ClassifiedContact | null {
  let recipient: string;
  try {
    recipient = validate.contact('contact', contact);
  } catch {
    return null;
  }
  return { channel: /^https?:\/\//i.test(recipient) ? 'webhook' : 'email', recipient };
}
