// Shared by the widget page (widget.js) and the embed snippet (embed.js): the widget's options, how
// bot messages are paced, the accessibility fixes rasa-webchat needs, and keeping a message whose
// connection drops before the reply. Exposes window.BotWidget.
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
    [".rw-new-message", (el) => {
      el.setAttribute("aria-label", "Type your question");
      putBack(false);
    }],
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

  // A message whose connection drops before any reply comes back. rasa-webchat clears the box as
  // it sends, and while it is cut off (it disables the box) nothing retries: a message sent into a
  // connection that had silently died was simply gone. Here each sent message is kept (in
  // localStorage, so a reload or the next page of the site keeps it too) until the bot replies. If
  // the connection drops first, the message goes back in the box with a note, and it is sent
  // again as soon as the connection is back.
  const UNANSWERED_KEY = "cd-botox-unanswered";
  const UNSENT_NOTE =
    "Not sent: the connection dropped. Your message is kept and will be sent when it is back.";
  let widgetRoot = null;

  const unanswered = () => localStorage.getItem(UNANSWERED_KEY) || "";
  const parts = () => {
    const form = widgetRoot && widgetRoot.querySelector(".rw-sender");
    return { form, input: form && form.querySelector(".rw-new-message") };
  };

  // Put `text` in the message box the way typing would, so the widget's send button agrees.
  function fillInput(input, text) {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function showUnsentNote(show) {
    const { form } = parts();
    let note = widgetRoot && widgetRoot.querySelector(".bot-unsent");
    if (show && form && !note) {
      note = document.createElement("p");
      note.className = "bot-unsent";
      note.setAttribute("role", "status");
      form.before(note);
      note.textContent = UNSENT_NOTE; // set after insertion, so screen readers announce it
    } else if (!show && note) {
      note.remove();
    }
  }

  // Capture phase on the widget's root: sees each message as the form sends it.
  function keepUntilAnswered(event) {
    const input = event.target.querySelector && event.target.querySelector(".rw-new-message");
    if (input && input.value.trim()) localStorage.setItem(UNANSWERED_KEY, input.value);
  }

  // A message still unanswered goes back in the box when the widget draws it (after a reload or on
  // the next page) and, with the note, when the connection drops or cannot be made.
  function putBack(withNote) {
    const { input } = parts();
    if (!unanswered() || !input) return;
    if (input.value !== unanswered()) fillInput(input, unanswered());
    if (withNote) showUnsentNote(true);
  }

  function sendAgain() {
    const { form, input } = parts();
    if (!unanswered() || !input) return;
    showUnsentNote(false);
    fillInput(input, unanswered());
    form.dispatchEvent(new Event("submit", { cancelable: true }));
  }

  // rasa-webchat's socket events this module listens to (its `onSocketEvent` option; not
  // session_confirm, which would replace the widget's own handler and keep the widget hidden).
  const socketEvents = {
    bot_uttered: (message) => {
      localStorage.removeItem(UNANSWERED_KEY);
      noteUrgent(message);
    },
    // Runs before the widget's own handler asks for the session again; the kept message is sent
    // right after that request, on the same socket.
    connect: () => setTimeout(sendAgain, 0),
    connect_error: () => putBack(true),
    disconnect: () => putBack(true),
  };

  // rasa-webchat options shared by the page and the embed snippet. The widget stays on screen
  // while the connection is down (its default hides it, and the typed text with it).
  const options = {
    socketPath: "/socket.io/",
    initPayload: "/greet",
    subtitle: "General information, not medical advice",
    inputTextFieldHint: "Type your question",
    connectingText: "Connecting…",
    hideWhenNotConnected: false,
    params: { storage: "local" },
    customMessageDelay: pauseBefore,
    onSocketEvent: socketEvents,
  };

  // Everything above, for the widget rendered into `root`: now and whenever it re-renders.
  function attach(root) {
    widgetRoot = root;
    root.addEventListener("submit", keepUntilAnswered, true);
    keepAccessible(root);
  }

  // Fix `root` now and whenever the widget renders into it.
  function keepAccessible(root) {
    enhance(root);
    new MutationObserver(() => enhance(root)).observe(root, { childList: true, subtree: true });
  }

  window.BotWidget = { options, attach };
})();
