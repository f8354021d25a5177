// The session time-out warning (WCAG 2.2.1 Timing Adjustable).
//
// A few minutes before the session would end for want of use, a modal dialog offers "Stay signed
// in", which posts to the server (with the CSRF token) so the session really is extended. Before
// warning, and before saying the session has ended, it asks the server how long is left, so use
// in another tab is counted. Escape means "Stay signed in". When the session has ended, "Sign in
// again" sends the page's answer form if it has one: the server keeps what was typed and hands it
// back after sign-in.

const dialog = document.getElementById("timeout-warning");
if (dialog && typeof dialog.showModal === "function") {
  start(dialog);
}

function start(dialog) {
  const warningSeconds = Number(dialog.dataset.warningSeconds);
  const warning = dialog.querySelector("[data-timeout-state='warning']");
  const ended = dialog.querySelector("[data-timeout-state='ended']");
  const form = warning.querySelector("form");
  const stay = warning.querySelector("[data-timeout-stay]");
  const signInAgain = ended.querySelector("[data-timeout-sign-in]");
  const answerForm = document.querySelector("form[data-keep-when-signed-out]");
  let timer = null;

  function later(seconds, action) {
    clearTimeout(timer);
    timer = setTimeout(action, Math.max(0, seconds) * 1000);
  }

  function schedule(secondsLeft) {
    if (secondsLeft <= 0) {
      showEnded();
    } else if (secondsLeft > warningSeconds) {
      later(secondsLeft - warningSeconds, check);
    } else {
      showWarning();
      later(secondsLeft + 1, check);
    }
  }

  async function check() {
    let secondsLeft;
    try {
      const response = await fetch(dialog.dataset.statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      secondsLeft = response.ok ? (await response.json()).seconds_left : 0;
    } catch {
      later(15, check); // no network for a moment: ask again soon
      return;
    }
    if (secondsLeft > warningSeconds && dialog.open) {
      dialog.close(); // used in another tab meanwhile
    }
    schedule(secondsLeft);
  }

  function showWarning() {
    warning.hidden = false;
    ended.hidden = true;
    dialog.setAttribute("aria-labelledby", "timeout-warning-title");
    dialog.setAttribute("aria-describedby", "timeout-warning-text");
    if (!dialog.open) {
      dialog.showModal();
    }
    stay.focus();
  }

  function showEnded() {
    clearTimeout(timer);
    warning.hidden = true;
    ended.hidden = false;
    ended.querySelector("[data-timeout-keeps-typed]").hidden = !answerForm;
    dialog.setAttribute("aria-labelledby", "timeout-ended-title");
    dialog.setAttribute("aria-describedby", "timeout-ended-text");
    if (dialog.open) {
      dialog.close(); // opened again so screen readers announce the new heading
    }
    dialog.showModal();
    signInAgain.focus();
  }

  async function keepAlive() {
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        showEnded();
        return;
      }
      const { seconds_left: secondsLeft } = await response.json();
      dialog.close();
      schedule(secondsLeft);
    } catch {
      later(5, check);
    }
  }

  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.hasAttribute("formaction")) {
      return; // "Sign out now": an ordinary form post
    }
    event.preventDefault();
    keepAlive();
  });

  dialog.addEventListener("cancel", (event) => {
    if (!warning.hidden) {
      event.preventDefault(); // Escape on the warning means "Stay signed in"
      keepAlive();
    }
  });

  signInAgain.addEventListener("click", () => {
    if (answerForm) {
      answerForm.submit(); // the server keeps the words and asks them to sign in
    } else {
      window.location.assign(dialog.dataset.signInUrl);
    }
  });

  schedule(Number(dialog.dataset.secondsLeft));
}
