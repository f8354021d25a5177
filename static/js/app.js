// Enhancements only: every page works without JavaScript.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

// How long to wait for the tablet to list its voices before saying it has none for the language.
const VOICES_WAIT_MS = 2000;
const ENDS_A_SENTENCE = /[.?!\u06d4\u061f]$/; // . ? ! and Urdu's full stop and question mark

/** The words to read: the question, then each answer option, each ending as a sentence. */
export function questionWords(source) {
  return [...source.querySelectorAll(".app-question-text, .app-option-label")]
    .map((element) => element.textContent.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((text) => (ENDS_A_SENTENCE.test(text) ? text : `${text}.`))
    .join(" ");
}

/** A voice for the language ("cy", "en-GB"): the same language and region first, then the same language. */
export function voiceFor(language, voices) {
  const wanted = (language || "").toLowerCase().replace("_", "-");
  const base = wanted.split("-")[0];
  const lang = (voice) => (voice.lang || "").toLowerCase().replace("_", "-");
  const local = (voice) => (voice.localService === false ? 1 : 0); // a voice on the tablet before one online
  const candidates = [...voices].sort((a, b) => local(a) - local(b));
  return (
    candidates.find((voice) => lang(voice) === wanted) ||
    candidates.find((voice) => lang(voice).split("-")[0] === base) ||
    null
  );
}

function initReadAloud(control) {
  const form = control.closest("form");
  const source = form && form.querySelector("[data-read-aloud-source]");
  const unavailable = form && form.querySelector(".app-read-aloud__unavailable");
  const button = control.querySelector("button");
  if (!source || !button) return;
  const synth = window.speechSynthesis;
  const language = source.lang || document.documentElement.lang;
  const readText = button.textContent;
  let voice = null;
  let speaking = false;

  const show = (final) => {
    const voices = synth && typeof synth.getVoices === "function" ? synth.getVoices() : [];
    voice = synth && typeof window.SpeechSynthesisUtterance === "function" ? voiceFor(language, voices) : null;
    if (!voice && !final && synth && voices.length === 0) return; // the list may still be loading
    control.hidden = !voice;
    if (unavailable) unavailable.hidden = Boolean(voice);
  };
  const stopped = () => {
    speaking = false;
    button.textContent = readText;
  };

  show(!synth);
  if (synth) {
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", () => show(true));
    window.setTimeout(() => show(true), VOICES_WAIT_MS);
  }
  button.addEventListener("click", () => {
    if (speaking) {
      synth.cancel();
      stopped();
      return;
    }
    const utterance = new window.SpeechSynthesisUtterance(questionWords(source));
    utterance.lang = language;
    if (voice) utterance.voice = voice;
    utterance.onend = stopped;
    utterance.onerror = stopped;
    synth.cancel();
    synth.speak(utterance);
    speaking = true;
    button.textContent = control.dataset.stopText || readText;
  });
}

// "Larger text" works as a plain form button; with JavaScript the page changes in place instead of
// reloading, so the cursor, the choice and the words stay exactly where they were.
function initTextSize(button) {
  const form = button.form;
  if (!form || typeof window.fetch !== "function") return;
  button.addEventListener("click", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    data.set("action", button.value);
    let page = null;
    try {
      // Not form.action: the form's buttons are named "action", which hides that property.
      const url = new URL(form.getAttribute("action") || window.location.href, document.baseURI);
      const response = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
      if (response.ok && !response.redirected) page = await response.text();
    } catch {
      page = null;
    }
    if (page === null) {
      form.requestSubmit(button); // let the server handle it as it would without JavaScript
      return;
    }
    const body = new DOMParser().parseFromString(page, "text/html").body;
    const larger = body.classList.contains("app-text-larger");
    document.body.classList.toggle("app-text-larger", larger);
    button.textContent = larger ? button.dataset.textStandard : button.dataset.textLarger;
  });
}

document.querySelectorAll('[data-module="app-read-aloud"]').forEach(initReadAloud);
document.querySelectorAll(".app-text-size__button").forEach(initTextSize);
