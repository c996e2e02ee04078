export const en = {
  "widget.title": "Chat with us",
  "widget.intro": "Write to us here and someone from our team will answer.",
  "widget.name": "Your name",
  "widget.start": "Start chatting",
  "widget.message": "Your message",
  "widget.send": "Send",
  "widget.you": "You",
  "widget.team": "Team",
  "widget.empty": "No messages yet. Say hello!",
  "widget.error.name": "Please tell us your name (up to 80 characters).",
  "widget.error.message": "Your message is empty or too long.",
  "widget.error.rate": "You are sending messages too fast; wait a moment.",
  "widget.error.generic": "Your message could not be sent. Try again.",
  "widget.unavailable": "This chat is not available.",
  "widget.refresh": "Refresh",
} as const;

export type WidgetMessages = Record<keyof typeof en, string>;
