// The channel a conversation came through, as a small labelled icon for the inbox list and thread.
const LABELS: Record<string, string> = {
  telegram: "Telegram",
  whatsapp: "WhatsApp",
  web: "Chat web",
  api: "API",
  ws: "WebSocket",
  console: "Consola",
};

function Glyph({ channel }: { channel: string }) {
  switch (channel) {
    case "telegram":
      return (
        <path d="M21.5 3.5 2.8 10.7c-1 .4-1 1.8.1 2.1l4.6 1.5 1.8 5.6c.3.9 1.4 1.1 2 .4l2.6-2.7 4.8 3.5c.8.6 1.9.1 2.1-.9L23.9 5c.2-1.1-1.2-2-2.4-1.5ZM9.6 14.2l8.3-6.4-6.6 7.4-.3 3-1.4-4Z" />
      );
    case "whatsapp":
      return (
        <path d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2Zm0 18.2c-1.6 0-3.1-.4-4.4-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2Zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8s-.4-.1-.6.1-.7.8-.8 1-.3.2-.5.1a6.7 6.7 0 0 1-3.3-2.9c-.2-.4.3-.4.7-1.3.1-.2 0-.3 0-.4l-.8-1.9c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.2 5.2 0 0 0 1.1 2.7 11.9 11.9 0 0 0 4.6 4c1.7.7 2.4.8 3.2.7.5-.1 1.5-.6 1.7-1.2.2-.6.2-1.1.2-1.2-.1-.1-.2-.2-.5-.3Z" />
      );
    case "web":
      return (
        <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.7 15.7 0 0 0-1.3-3.9A8 8 0 0 1 18.9 8ZM12 4c.8 1.1 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.9 1.9-4ZM4.3 14a8 8 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h3a15.7 15.7 0 0 0 1.3 3.9A8 8 0 0 1 5.1 16Zm3-8h-3a8 8 0 0 1 4.3-3.9A15.7 15.7 0 0 0 8.1 8ZM12 20c-.8-1.1-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.9-1.9 4Zm2.3-6H9.7a14.6 14.6 0 0 1 0-4h4.6a14.6 14.6 0 0 1 0 4Zm.3 5.9a15.7 15.7 0 0 0 1.3-3.9h3a8 8 0 0 1-4.3 3.9Zm1.7-5.9a16.5 16.5 0 0 0 0-4h3.4a8 8 0 0 1 0 4h-3.4Z" />
      );
    default:
      return <path d="M8 3v4H6v4a6 6 0 0 0 5 5.9V21h2v-4.1A6 6 0 0 0 18 11V7h-2V3h-2v4h-4V3H8Z" />;
  }
}

const COLORS: Record<string, string> = { telegram: "text-sky-600", whatsapp: "text-green-600" };

export function channelLabel(channel: string): string {
  return LABELS[channel] ?? channel;
}

export function ChannelIcon({ channel, withLabel = false }: { channel: string; withLabel?: boolean }) {
  const label = channelLabel(channel);
  return (
    <span className="inline-flex items-center gap-1" data-channel={channel}>
      <svg
        viewBox="0 0 24 24"
        className={`h-4 w-4 fill-current ${COLORS[channel] ?? "text-ink-500"}`}
        role="img"
        aria-label={label}
      >
        <title>{label}</title>
        <Glyph channel={channel} />
      </svg>
      {withLabel ? <span>{label}</span> : null}
    </span>
  );
}
