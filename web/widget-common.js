// Shared by the widget page (widget.js) and the embed snippet (embed.js): how bot messages are
// paced, and the accessibility fixes rasa-webchat needs. Exposes window.BotWidget.
(() => {
  // rasa-webchat shows bot messages one after another, each after a "typing" pause of 0.8-3 s by
  // length, so an emergency reply queued behind a long answer used to appear many seconds late.
  // Here ordinary messages get a short pause (at most PAUSE_MAX_MS), and while a reply marked
  // urgent by the server (metadata.urgent: emergency and self-harm) waits in the queue, every
  // message up to and including it is shown at once.
  const PAUSE_MAX_MS = 300;
  const urgentTexts = [];

  function pauseBefore(text) {
    if (urgentTexts.length > 0) {
      if (text === urgentTexts[0]) urgentTexts.shift();
      return 0;
    }
    return Math.min(PAUSE_MAX_MS, 100 + 2 * text.length);
  }

  // Called as each bot message arrives, before the widget queues it.
  function noteUrgent(message) {
    if (message && message.metadata && message.metadata.urgent === true) {
      urgentTexts.push(message.text || "");
    }
  }

  // What rasa-webchat leaves out for people who use a keyboard, a switch or a screen reader (many
  // patients with cervical dystonia have head and hand tremor): the suggestion buttons are plain
  // <div>s, the send button has no name, and new messages are not announced. Each element is
  // fixed as the widget renders it.
  const ENHANCEMENTS = [
    [".rw-reply", (el) => {
      el.setAttribute("role", "button");
      el.setAttribute("tabindex", "0");
      el.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          el.click();
        }
      });
    }],
    [".rw-send", (el) => el.setAttribute("aria-label", "Send")],
    [".rw-launcher", (el) => el.setAttribute("aria-label", "Open the chat")],
    [".rw-close-button", (el) => el.setAttribute("aria-label", "Close the chat")],
    [".rw-new-message", (el) => el.setAttribute("aria-label", "Type your question")],
    ["#rw-messages", (el) => {
      el.setAttribute("role", "log"); // a live region: screen readers read each new message
      el.setAttribute("aria-live", "polite");
      el.setAttribute("aria-label", "Conversation");
      el.setAttribute("tabindex", "0"); // scrollable by keyboard
    }],
  ];

  function enhance(root) {
    for (const [selector, fix] of ENHANCEMENTS) {
      for (const el of root.querySelectorAll(selector)) {
        if (!el.dataset.accessible) {
          el.dataset.accessible = "1";
          fix(el);
        }
      }
    }
  }

  // Fix `root` now and whenever the widget renders into it.
  function keepAccessible(root) {
    enhance(root);
    new MutationObserver(() => enhance(root)).observe(root, { childList: true, subtree: true });
  }

  window.BotWidget = { pauseBefore, noteUrgent, keepAccessible };
})();
