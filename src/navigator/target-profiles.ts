// The region profile's sections targets declare (each in its folder's profile.ts): the one list
// config's profileSchema spreads in, so config names no target. Plain data (zod schemas). The order
// is the profile file's own (regions' files, doctor's profile.suggested.json, the order a bad
// file's errors are listed in), which interleaves the two targets: keep it.
import { ADMIN_PROFILE } from './admin/profile.js';
import { SITE_PROFILE } from './site/profile.js';

export const TARGET_PROFILES = {
  publicPaths: SITE_PROFILE.publicPaths,
  publicTexts: SITE_PROFILE.publicTexts,
  adminTexts: ADMIN_PROFILE.adminTexts,
  adminData: ADMIN_PROFILE.adminData,
  adminStructure: ADMIN_PROFILE.adminStructure,
  publicStructure: SITE_PROFILE.publicStructure,
};
