import { InvalidInput } from '../errors.js';
import { stableHash } from '../text/stable-hash.js';
import { laterOf } from './knowledge-gaps.js';

declare const brand: unique symbol;
/** `lead-` and 16 hex digits, derived from the lower-cased email. */
export type LeadId = string & { readonly [brand]: 'LeadId' };

/** A visitor who asked to be contacted, with the details they gave themselves. */
export interface Lead {
  readonly id: LeadId;
  readonly email: string;
  readonly name: string | null;
  readonly notes: string | null;
  /** The conversation it came from, so the owner can read it. */
  readonly session_id: string | null;
  readonly times_recorded: number;
  /** ISO 8601 UTC. */
  readonly first_recorded: string;
  readonly last_recorded: string;
}

export interface LeadDetails {
  readonly email: string;
  readonly name: string | null;
  readonly notes: string | null;
}

/** One recording of a lead, ready for a store. */
export interface LeadRecorded extends LeadDetails {
  readonly id: LeadId;
  readonly session_id: string | null;
  readonly at: string;
}

const MAX_EMAIL = 254;
const MAX_NAME = 200;
const MAX_NOTES = 2000;
// Deliberately loose (RFC 5322 is not a regex): one @, no spaces, a dot in the domain.
// The top-level domain is letters (or an IDN's xn-- form): "acme.test?" is "acme.test" and a "?".
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.\p{L}[\p{L}\p{N}-]{0,61}[\p{L}\p{N}]$/u;
// Email-shaped runs inside free text, to check the visitor really wrote the address. Bounded
// parts (local 64, domain 255, as RFC 5321) keep the search linear on long runs without "@".
// The local part is RFC 5322's atext in Latin letters (accents allowed: "josé@"), never starting
// with a dot, and the domain's labels Latin letters, digits and hyphens: text written without
// spaces around an address ("邮箱li2@x.cn", "メール：me@x.jp", "c1@ex.com谢谢", "c3@ex.com입니다")
// leaves its other script and punctuation out of the address. Domains in other scripts are
// written in their xn-- form by mail clients, and that form is read.
const EMAIL_IN_TEXT =
  /[\p{Script=Latin}\p{Nd}!#$%&*+/=?^_`{|}~-][\p{Script=Latin}\p{Nd}.!#$%&*+/=?^_`{|}~-]{0,63}@[\p{Script=Latin}\p{Nd}-]{1,63}(?:\.[\p{Script=Latin}\p{Nd}-]{1,63}){0,30}\.\p{Script=Latin}[\p{Script=Latin}\p{Nd}-]{0,61}[\p{Script=Latin}\p{Nd}]/gu;

function optionalText(raw: unknown, field: string, max: number): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw new InvalidInput(`${field} must be a string`);
  const text = raw.normalize('NFC').trim();
  if (text === '') return null;
  if (Array.from(text).length > max) throw new InvalidInput(`${field} must be at most ${max} characters`);
  return text;
}

/** Validates contact details from any caller (a model's tool call included). */
export function parseLeadDetails(raw: { email?: unknown; name?: unknown; notes?: unknown }): LeadDetails {
  if (typeof raw.email !== 'string') throw new InvalidInput('email must be a string');
  const email = raw.email.normalize('NFC').trim();
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) throw new InvalidInput('email is not a valid email address');
  return {
    email,
    name: optionalText(raw.name, 'name', MAX_NAME),
    notes: optionalText(raw.notes, 'notes', MAX_NOTES),
  };
}

export function leadIdFor(email: string): LeadId {
  return `lead-${stableHash(email.toLowerCase())}` as LeadId;
}

// "//" starts a URL's authority ("https://", "ftp://", a scheme-relative "//"): an "@" after it in
// the same run of non-space text is userinfo or part of a path, never an address someone wrote
// to be reached at. "mailto:" has no "//", so its address stays.
const MAX_LOOK_BACK = 2_048;

/**
 * Every email address written in `texts`, lower-cased. A "mailto:" address counts; an
 * address-shaped part of a URL ("https://eve@site.test/profile") does not.
 */
export function emailsIn(texts: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    const normalized = text.normalize('NFC');
    for (const match of normalized.matchAll(EMAIL_IN_TEXT)) {
      // The text since the last space (at most MAX_LOOK_BACK back, so the work stays linear).
      const before = normalized.slice(Math.max(0, match.index - MAX_LOOK_BACK), match.index);
      const run = before.slice(Math.max(...[' ', '\n', '\t', '\r'].map((space) => before.lastIndexOf(space))) + 1);
      if (!`${run}${match[0]}`.includes('//')) found.add(match[0].toLowerCase());
    }
  }
  return found;
}

export function leadRecorded(details: LeadDetails, sessionId: string | null, at: Date): LeadRecorded {
  return { ...details, id: leadIdFor(details.email), session_id: sessionId, at: at.toISOString() };
}

export function newLead(recorded: LeadRecorded): Lead {
  return {
    id: recorded.id,
    email: recorded.email,
    name: recorded.name,
    notes: recorded.notes,
    session_id: recorded.session_id,
    times_recorded: 1,
    first_recorded: recorded.at,
    last_recorded: recorded.at,
  };
}

/** The newest details win; details not given this time are kept. */
export function leadAgain(lead: Lead, recorded: LeadRecorded): Lead {
  return {
    ...lead,
    email: recorded.email,
    name: recorded.name ?? lead.name,
    notes: recorded.notes ?? lead.notes,
    session_id: recorded.session_id ?? lead.session_id,
    times_recorded: lead.times_recorded + 1,
    last_recorded: laterOf(recorded.at, lead.last_recorded),
  };
}

/**
 * The lead once the `taken` recordings of conversation `sessionId` are withdrawn (it was
 * purged); null when none is left. It no longer points at that conversation.
 */
export function leadWithout(lead: Lead, sessionId: string, taken: number): Lead | null {
  const left = lead.times_recorded - taken;
  if (left <= 0) return null;
  return { ...lead, times_recorded: left, session_id: lead.session_id === sessionId ? null : lead.session_id };
}

/** Most recently recorded first. */
export function compareLeads(a: Lead, b: Lead): number {
  return a.last_recorded < b.last_recorded ? 1 : a.last_recorded > b.last_recorded ? -1 : a.id < b.id ? -1 : 1;
}
