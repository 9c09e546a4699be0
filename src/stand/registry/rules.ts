// What the registry app allows on an application, by its rules (settings.registryRules). The
// routes refuse a forbidden action with the message returned here; the view page disables the
// button and shows the same message as its title.
import type { RegistryRules, RegistryTexts } from '../settings.js';
import type { Application } from '../state.js';

export type RegistryAction = 'confirm' | 'received' | 'refuse' | 'edit';

/** The application's status as the page and the JSON show it. */
export type ApplicationStatus = 'new' | 'confirmed' | 'received' | 'refused';

export function statusOf(a: Application): ApplicationStatus {
  if (a.refused) return 'refused';
  if (a.documentsReceived) return 'received';
  if (a.pdConfirmed) return 'confirmed';
  return 'new';
}

export function statusText(t: RegistryTexts, status: ApplicationStatus): string {
  return { new: t.statusNew, confirmed: t.statusConfirmed, received: t.statusReceived, refused: t.statusRefused }[status];
}

/** Why a rule forbids the action on this application now, or null when it is allowed. */
export function ruleRefusal(action: RegistryAction, a: Application, rules: RegistryRules, t: RegistryTexts): string | null {
  const final = a.refused && rules.refusedIsFinal;
  const locked = a.documentsReceived && rules.lockAfterReceived;
  switch (action) {
    case 'confirm':
      return final ? t.refusedNoConfirm : null;
    case 'received':
      if (final) return t.refusedNoReceive;
      if (rules.receivedNeedsConfirmed && !a.pdConfirmed) return t.receivedNeedsConfirmed;
      return null;
    case 'refuse':
      if (final) return t.alreadyRefused;
      if (locked) return t.lockedAfterReceived;
      return null;
    case 'edit':
      if (final) return t.refusedNoEdit;
      if (locked) return t.lockedAfterReceived;
      return null;
  }
}

/** Already done: pressing the button again changes nothing (the answer says so). */
export function alreadyDone(action: RegistryAction, a: Application, t: RegistryTexts): string | null {
  if (action === 'confirm' && a.pdConfirmed) return t.alreadyConfirmed;
  if (action === 'received' && a.documentsReceived) return t.alreadyReceived;
  return null;
}
