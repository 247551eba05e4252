// Starts the chat widget (rasa-webchat, served from this site) in #webchat, talking to the Rasa
// server named in config.js. The conversation is kept in localStorage, so it survives reloads.
// Shared options, pacing, accessibility and unsent messages: widget-common.js.
const webchatRoot = document.getElementById("webchat");
window.WebChat.default(
  {
    ...window.BotWidget.options,
    socketUrl: window.BOT_SOCKET_URL,
    embedded: true,
    title: "Botox FAQ assistant",
  },
  webchatRoot
);
window.BotWidget.attach(webchatRoot);
