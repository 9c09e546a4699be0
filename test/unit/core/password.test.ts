import { describe, expect, it } from 'vitest';
import { derivePassword, PASSWORD_LENGTH } from '../../../src/core/password.js';

const SECRET = 'a-sixteen-char-secret-for-tests';

describe('derivePassword', () => {
  it('should be deterministic for the same secret and key', () => {
    expect(derivePassword(SECRET, '2025-017')).toBe(derivePassword(SECRET, '2025-017'));
  });

  it('should differ for different keys and for a different secret', () => {
    const p = derivePassword(SECRET, '2025-017');
    expect(derivePassword(SECRET, '2025-018')).not.toBe(p);
    expect(derivePassword(`${SECRET}!`, '2025-017')).not.toBe(p);
  });

  it('should satisfy typical site rules for many keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const p = derivePassword(SECRET, `ключ-${i}`);
      expect(p).toHaveLength(PASSWORD_LENGTH);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/^[A-Za-z0-9]+$/);
      expect(p).not.toMatch(/[0O1lI]/);
      seen.add(p);
    }
    expect(seen.size).toBe(2_000);
  });

  it('should keep a known value, so a change of encoding cannot slip by unnoticed', () => {
    // If this fails, every placeholder account made so far would lose its password.
    expect(derivePassword('navbot-demo-secret-for-the-training-stand-only', '2025-017')).toMatchInlineSnapshot(`"PqyC5y2wcgmRg3"`);
  });

  it('should refuse an empty secret or key', () => {
    expect(() => derivePassword('', 'k')).toThrow(/NAVBOT_SECRET/);
    expect(() => derivePassword(SECRET, '')).toThrow(/ключ/);
  });
});
