import { describe, expect, it } from 'vitest';
import { newRunId, queueIdFor, QUEUE_ID_PATTERN } from '../../../src/journal/queue-id.js';

describe('queueIdFor', () => {
  it('should name a queue by its base name, so a moved workbook keeps its journal', () => {
    const a = queueIdFor('/home/staff/Очередь май 2025.xlsx');
    expect(a).toMatch(/^ochered-maj-2025-[0-9a-f]{8}$/);
    expect(queueIdFor('D:/archive/Очередь май 2025.xlsx')).toBe(a);
    expect(queueIdFor('Очередь  май 2025.XLSX'.replace('  ', ' '))).toBe(a);
  });

  it('should keep different names apart even when their slugs collide', () => {
    expect(queueIdFor('queue 1.xlsx')).not.toBe(queueIdFor('queue-1.xlsx'));
    expect(queueIdFor('!!!.xlsx')).toMatch(/^queue-[0-9a-f]{8}$/);
  });

  it('should produce ids that are safe file names', () => {
    for (const name of ['a/b/../../x.xlsx', 'Ёлки, палки.xlsx', 'x'.repeat(300) + '.xlsx']) {
      expect(queueIdFor(name)).toMatch(QUEUE_ID_PATTERN);
    }
  });

  it('should produce run ids that sort by time', () => {
    const a = newRunId(new Date('2025-05-17T09:00:00Z'));
    const b = newRunId(new Date('2025-05-17T10:00:00Z'));
    expect(a).toMatch(/^2025-05-17T09-00-00-[0-9a-f]{4}$/);
    expect(a < b).toBe(true);
  });
});
