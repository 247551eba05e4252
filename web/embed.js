// The chat on a clinic's own pages, with one tag (docs/channels.md "Embedding on your site"):
//   <script src="https://chat.clinic.example/embed.js" defer
//           data-rasa-url="https://chat.clinic.example" data-title="Questions about Botox"
//           data-lang="en" data-position="right" data-colour="#1f4e79"></script>
// It loads the pinned widget bundle and its helpers from the same place as itself, adds a
// launcher button in the corner, and keeps the conversation across the clinic's pages (the
// widget keeps it in the site's localStorage under one key).
(() => {
  const me = document.currentScript;
  const base = new URL(".", me.src);
  const options = me.dataset;
  const colour = /^#[0-9a-f]{3,8}$/i.test(options.colour || "") ? options.colour : "#1f4e79";

  const load = (name) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(name, base).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  for (const sheet of ["widget.css", "embed.css"]) {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL(sheet, base).href;
    document.head.appendChild(style);
  }

  const root = document.createElement("div");
  root.id = "cd-botox-chat";
  root.className = options.position === "left" ? "cd-botox-left" : "cd-botox-right";
  root.lang = options.lang || "en";
  root.style.setProperty("--bot-colour", colour);
  document.body.appendChild(root);

  // Keyboard: opening puts the cursor in the message box; Escape closes and returns to the button.
  new MutationObserver(() => {
    const input = root.querySelector(".rw-new-message");
    if (input && !input.dataset.focused) {
      input.dataset.focused = "1";
      input.focus();
    }
  }).observe(root, { childList: true, subtree: true });
  root.addEventListener("keydown", (event) => {
    const close = root.querySelector(".rw-close-button");
    if (event.key === "Escape" && close) {
      close.click();
      setTimeout(() => root.querySelector(".rw-launcher")?.focus(), 0);
    }
  });

  load("rasa-webchat.js")
    .then(() => load("widget-common.js"))
    .then(() => {
      window.WebChat.default(
        {
          ...window.BotWidget.options,
          socketUrl: options.rasaUrl || window.BOT_SOCKET_URL || base.origin,
          title: options.title || "Questions about Botox",
          showCloseButton: true,
        },
        root
      );
      window.BotWidget.attach(root);
    });
})();
