// A message with its ANSI colours and the matches marked: React spans only,
// so nothing in a log line can become markup.
import { memo } from 'react';
import { markSpans, matchRanges, parseAnsi } from './model/ansi';

export const Message = memo(function Message({ text, patterns }: { text: string; patterns: readonly RegExp[] }) {
  const spans = parseAnsi(text);
  const plain = patterns.length ? spans.map((s) => s.text).join('') : '';
  const marked = patterns.length ? markSpans(spans, matchRanges(plain, patterns)) : spans;
  return (
    <>
      {marked.map((span, i) => {
        const className = `${span.fg !== undefined ? `ansi-fg-${span.fg}` : ''}${span.bold ? ' ansi-bold' : ''}`.trim();
        const content = 'mark' in span && span.mark ? <mark className="logs-match">{span.text}</mark> : span.text;
        return className ? (
          <span key={i} className={className}>
            {content}
          </span>
        ) : (
          <span key={i}>{content}</span>
        );
      })}
    </>
  );
});
