// Contacts' text is shown as text (React escapes it); only http(s) URLs become links, opened without
// giving the target page any hold on ours. A "javascript:" URL never matches, so it stays plain text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

export function LinkifiedText({ text }: { text: string }) {
  // Most messages have no link: one string child is cheaper to render and to send than a list of parts.
  if (!text.includes("http")) return <p className="msg-text">{text}</p>;
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={match[0]} target="_blank" rel="noopener noreferrer nofollow ugc" className="text-brand-700 underline break-all">
        {match[0]}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <p className="msg-text">{parts}</p>;
}
