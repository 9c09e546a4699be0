// A batch on a training stand started in this process for it (`navbot demo`, `navbot rehearse`, the
// console's «Репетиция на стенде»): the stand speaks the memo's texts, so the default profile is
// used against it, with the region's municipalities carried over (the staff's queue validates as it
// would for real); its journal starts empty in a folder of its own, as the stand forgets everything
// when it stops. Only the CLI knows the stand exists (DESIGN.md, invariant 5).
import path from 'node:path';
import { startStand } from '../stand/server.js';
import { defaultProfile } from '../config/profile.js';
import type { SettingName, Settings } from '../config/settings.js';

export interface TrainingStandRun {
  /** The settings as they are, for the municipalities and the state folder. */
  base: Settings;
  /** The same settings with overrides (the CLI's settingsFor, or the console's reader). */
  settingsWith: (overrides: Partial<Record<SettingName, unknown>>) => Settings;
  mode: 'demo' | 'rehearsal';
  concurrency?: string | number;
  headed?: boolean;
}

export interface StandAddress {
  publicUrl: string;
  adminUrl: string;
  adminEmail: string;
  adminPassword: string;
}

/** Starts the stand, runs `fn` with settings pointing at it, and stops it (also when `fn` throws). */
export async function onTrainingStand<T>(o: TrainingStandRun, fn: (settings: Settings, stand: StandAddress) => Promise<T>): Promise<T> {
  const municipalities = o.base.profileData.municipalities;
  const stand = await startStand({ port: 0, municipalities });
  try {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+$/, '');
    const standSettings = o.settingsWith({
      // Every target's address and login, as the stand serves them.
      ...stand.navbotSettings,
      stateDir: path.join(o.base.stateDir, o.mode === 'demo' ? 'demo' : 'rehearsal', stamp),
      actionsPerSecond: 50,
      ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
      ...(o.headed ? { headless: false } : {}),
    });
    const settings = { ...standSettings, profileData: { ...defaultProfile(), municipalities } };
    return await fn(settings, { publicUrl: stand.publicUrl, adminUrl: stand.adminUrl, adminEmail: stand.settings.adminEmail, adminPassword: stand.settings.adminPassword });
  } finally {
    await stand.close();
  }
}
