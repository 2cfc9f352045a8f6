// Telegram MarkdownV2: every reserved character outside an entity must be escaped, or sendMessage fails with
// "can't parse entities". The agent's **bold** (what hosted models write) becomes Telegram's *bold*; everything
// else is shown literally.
const RESERVED = /[_*[\]()~`>#+\-=|{}.!\\]/g;

export function escapeMarkdownV2(text: string): string {
  return text.replace(RESERVED, (c) => `\\${c}`);
}

export function toMarkdownV2(text: string): string {
  const out: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g)) {
    out.push(escapeMarkdownV2(text.slice(last, match.index)), `*${escapeMarkdownV2(match[1] ?? "")}*`);
    last = match.index + match[0].length;
  }
  out.push(escapeMarkdownV2(text.slice(last)));
  return out.join("");
}

/** The same text without the markup, for the plain-text retry. */
export function stripBold(text: string): string {
  return text.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, "$1");
}
