import { describe, expect, it } from 'vitest';
import { gatedUrls, Politeness } from '../../../src/runner/politeness.js';

describe('Politeness', () => {
  it('should let at most N actions through per second across all callers', async () => {
    const p = new Politeness(5);
    const times: number[] = [];
    const start = performance.now();
    await Promise.all(Array.from({ length: 12 }, () => p.gate().then(() => times.push(performance.now() - start))));
    times.sort((a, b) => a - b);
    // 12 actions at 5/s: the 6th waits for the second interval, the 11th for the third.
    expect(times[4]!).toBeLessThan(500);
    expect(times[5]!).toBeGreaterThanOrEqual(900);
    expect(times[10]!).toBeGreaterThanOrEqual(1900);
    expect(p.actions).toBe(12);
  });

  it('should pause every worker after an overload answer, with jitter', async () => {
    const p = new Politeness(100, () => 0.5);
    await p.gate();
    p.overloaded(200);
    expect(p.paused).toBe(true);
    const start = performance.now();
    await p.gate();
    expect(performance.now() - start).toBeGreaterThanOrEqual(250);
  });

  it('should go on after the latest of overlapping pauses', async () => {
    const p = new Politeness(100, () => 0);
    p.overloaded(100);
    p.overloaded(300);
    p.overloaded(50);
    const start = performance.now();
    await p.gate();
    const waited = performance.now() - start;
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(1000);
    expect(p.paused).toBe(false);
  });
});

describe('gatedUrls', () => {
  const re = gatedUrls(['http://127.0.0.1:3000', 'https://admin.example.ru']);
  it('gates pages, API reads and writes of our origins', () => {
    for (const url of ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000/cabinet', 'https://admin.example.ru/api/rest/kid?page=1', 'https://admin.example.ru/api/rest/siteuser/7', 'https://admin.example.ru/data.json', 'https://admin.example.ru/x.js/list'])
      expect(re.test(url), url).toBe(true);
  });
  it('lets static files and other origins pass without the handler', () => {
    for (const url of ['http://127.0.0.1:3000/client.js', 'https://admin.example.ru/admin/ext/ext-all.js?_dc=1', 'https://admin.example.ru/theme/all.css', 'https://admin.example.ru/img/a.PNG', 'https://admin.example.ru/f.woff2#x', 'http://127.0.0.1:30001/', 'https://admin.example.ru.evil/', 'https://other.ru/api'])
      expect(re.test(url), url).toBe(false);
  });
});
