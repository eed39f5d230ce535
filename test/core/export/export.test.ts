import { describe, expect, it } from 'vitest';
import { ankiNotes, escapeHtml } from '../../../src/core/export/anki.js';
import { csvField } from '../../../src/core/export/csv.js';
import { ImportFileError, parseExport } from '../../../src/core/export/parse.js';
import { question } from '../../helpers/report-fixture.js';

const HEADER = '{"type":"header","format":"sre-drill-export","version":1,"schema":1,"exportedAt":"2026-11-01T09:00:00.000Z"}';

describe('parseExport', () => {
  it('reads the header and records, skipping blank lines', () => {
    const review = '{"type":"review","uid":"r1","attemptUid":null,"questionId":"q","suggestedRating":null,"rating":"good","stateBefore":"new","elapsedDays":0,"scheduledDays":2,"reviewedAt":"2026-11-01T09:00:00.000Z","undoneAt":null}';
    expect(parseExport(`${HEADER}\n\n${review}\n`, 'x.jsonl', 1).map((r) => r.type)).toEqual(['header', 'review']);
  });

  it('reports each problem with its line: not JSON, a wrong field, a missing header', () => {
    let err: ImportFileError | undefined;
    try {
      parseExport('{"type":"review","uid":"r1"}\n{oops\n', 'x.jsonl', 1);
    } catch (e) {
      err = e as ImportFileError;
    }
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err!.exitCode).toBe(2);
    const lines = err!.lines();
    expect(lines.some((l) => l.startsWith('x.jsonl:1:1  '))).toBe(true);
    expect(lines.some((l) => l.startsWith('x.jsonl:2:1  not JSON'))).toBe(true);
    expect(() => parseExport(`${HEADER.replace('"version":1', '"version":2')}\n`, 'x.jsonl', 1)).toThrow(/version: must be 1/);
    expect(() => parseExport('', 'x.jsonl', 1)).toThrow(/empty/);
    expect(() => parseExport(`${HEADER.replace('"schema":1', '"schema":9')}\n`, 'x.jsonl', 1)).toThrow(/newer sre-drill \(store schema 9; this one knows up to 1\)/);
  });
});

describe('Anki and CSV fields', () => {
  it('escapes HTML, turns tabs into spaces and line breaks into <br>', () => {
    expect(escapeHtml(`a<b>&"c"\t'd'\r\ne`)).toBe('a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39;<br>e');
    const notes = ankiNotes([question('odd-one', 'behavioural', ['x'], [], '', { ungraded: true, modelAnswer: undefined })]).split('\n');
    expect(notes[5]).toBe('Explain odd one.\t<i>Practice prompt: no key points. Answer it aloud.</i>\tbehavioural x');
  });

  it('quotes CSV fields that need it and defuses formulas in text', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@x,y')).toBe(`"'@x,y"`);
    expect(csvField(-3)).toBe('-3');
  });
});
