/* Charla web chat widget.
 * <script src="https://charla.example.com/widget.js" data-channel="ID" async></script>
 * Adds a launcher button that opens the chat (https://charla.example.com/chat/ID) in an iframe.
 * Optional: data-label="…" (the button's accessible name), data-color="#2563eb", data-position="left".
 * The chat itself is a page of Charla's: the visitor's session lives there, not on this site. */
/* global document, location, navigator, URL */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.getAttribute("data-channel")) return;
  var channel = script.getAttribute("data-channel");
  if (!/^\d{1,12}$/.test(channel)) return;
  var origin = new URL(script.src, location.href).origin;
  var lang = (navigator.language || "es").slice(0, 2);
  var names = { es: "Abrir el chat", pt: "Abrir o chat", en: "Open chat" };
  var closes = { es: "Cerrar el chat", pt: "Fechar o chat", en: "Close chat" };
  var label = script.getAttribute("data-label") || names[lang] || names.es;
  var closeLabel = closes[lang] || closes.es;
  var color = script.getAttribute("data-color") || "#2563eb";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";

  var button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  button.innerHTML =
    '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" aria-hidden="true"><path d="M4 5h16v11H8l-4 4V5z" stroke="#fff" stroke-width="2" stroke-linejoin="round"/></svg>';
  button.style.cssText =
    "position:fixed;bottom:20px;" + side + ":20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;" +
    "background:" + color + ";box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483646;display:flex;align-items:center;justify-content:center";

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/chat/" + channel;
      frame.title = label;
      frame.style.cssText =
        "position:fixed;bottom:88px;" + side + ":20px;width:min(370px,calc(100vw - 40px));height:min(560px,calc(100vh - 110px));" +
        "border:0;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.25);background:#fff;z-index:2147483647";
      document.body.appendChild(frame);
    } else {
      frame.style.display = "block";
    }
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-label", closeLabel);
  }
  function close() {
    if (frame) frame.style.display = "none";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", label);
  }
  button.addEventListener("click", function () {
    if (button.getAttribute("aria-expanded") === "true") close();
    else open();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      close();
      button.focus();
    }
  });
  function mount() {
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
