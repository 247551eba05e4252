// Starts the chat widget (rasa-webchat, served from this site) in #webchat, talking to the Rasa
// server named in config.js. The conversation is kept in localStorage, so it survives reloads.
// Pacing and accessibility: widget-common.js.
const webchatRoot = document.getElementById("webchat");
window.WebChat.default(
  {
    socketUrl: window.BOT_SOCKET_URL,
    socketPath: "/socket.io/",
    initPayload: "/greet",
    embedded: true,
    title: "Botox FAQ assistant",
    subtitle: "General information, not medical advice",
    inputTextFieldHint: "Type your question",
    params: { storage: "local" },
    customMessageDelay: window.BotWidget.pauseBefore,
    onSocketEvent: { bot_uttered: window.BotWidget.noteUrgent },
  },
  webchatRoot
);
window.BotWidget.keepAccessible(webchatRoot);
