// The Log time form of the Social-media ROI page (beancount_timeroi, SPEC 12.2).
//
// The form sends its fields as JSON to the extension's PUT endpoint "log", which
// checks them as the plugin would and writes the time directive; each problem comes
// back with the field it is about. The duration is read by the endpoint "duration"
// as the plugin reads it, and shown in hours before the entry is sent. The timer
// keeps its start in the browser's storage, so it survives a reload; stopping it
// fills the date and the duration. After a write the page is loaded again, so its
// figures include the new entry.

let ticking = null; // the timer's display, updated every second

function ledgerKey() {
  return `timeroi-timer:${window.location.pathname.split("/")[1] || ""}`;
}

function twoDigits(number) {
  return String(number).padStart(2, "0");
}

function hoursAndMinutes(minutes) {
  return `${Math.floor(minutes / 60)}h${twoDigits(minutes % 60)}`;
}

function localDate(date) {
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

function setup(ctx) {
  const section = document.getElementById("timeroi-log");
  if (!section) {
    return;
  }
  const form = section.querySelector("form");
  const texts = JSON.parse(section.dataset.texts);
  const result = form.querySelector(".timeroi-result");
  const hours = form.querySelector("[data-hours]");
  const startButton = form.querySelector("[data-timer='start']");
  const stopButton = form.querySelector("[data-timer='stop']");
  const elapsed = form.querySelector("[data-timer='elapsed']");

  function showErrors(errors) {
    for (const slot of form.querySelectorAll(".timeroi-field-error")) {
      slot.textContent = "";
    }
    for (const error of errors) {
      const slot =
        form.querySelector(`.timeroi-field-error[data-field='${error.field || ""}']`) ||
        form.querySelector(".timeroi-field-error[data-field='']");
      slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : error.message;
      const input = error.field ? form.elements[error.field] : null;
      if (input) {
        input.setAttribute("aria-invalid", "true");
      }
    }
    const first = errors.length && errors[0].field ? form.elements[errors[0].field] : null;
    if (first) {
      first.focus();
    }
  }

  let pending = null;
  async function preview() {
    const value = form.elements.duration.value.trim();
    const slot = form.querySelector(".timeroi-field-error[data-field='duration']");
    if (!value) {
      hours.textContent = "";
      slot.textContent = "";
      return;
    }
    const answer = await ctx.api.get("duration", { value });
    if (form.elements.duration.value.trim() !== value) {
      return; // typed on since
    }
    hours.textContent = answer.ok ? fill(texts.hours, { hours: answer.text }) : "";
    slot.textContent = answer.ok ? "" : answer.message;
  }
  form.elements.duration.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(preview, 250);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const input of form.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
    }
    const body = {};
    for (const [key, value] of new FormData(form).entries()) {
      if (String(value).trim()) {
        body[key] = String(value);
      }
    }
    const submit = form.querySelector("button[type='submit']");
    submit.disabled = true;
    try {
      const response = await ctx.api.request("log", "PUT", undefined, body, "raw");
      if (response.status === 401) {
        showErrors([{ field: null, message: texts.read_only }]);
        return;
      }
      const answer = await response.json();
      if (!answer.ok) {
        showErrors(answer.errors);
        return;
      }
      showErrors([]);
      const done = `${fill(texts.logged, answer)}\n${answer.entry}`;
      window.sessionStorage.setItem("timeroi-logged", done);
      window.location.reload();
    } catch (problem) {
      showErrors([{ field: null, message: fill(texts.failed, { problem: String(problem) }) }]);
    } finally {
      submit.disabled = false;
    }
  });

  function showTimer() {
    clearInterval(ticking);
    const started = window.localStorage.getItem(ledgerKey());
    startButton.hidden = Boolean(started);
    stopButton.hidden = !started;
    if (!started) {
      elapsed.textContent = "";
      return;
    }
    const start = new Date(started);
    const update = () => {
      const minutes = Math.max(0, Math.round((Date.now() - start.getTime()) / 60000));
      elapsed.textContent = fill(texts.running, {
        start: `${twoDigits(start.getHours())}:${twoDigits(start.getMinutes())}`,
        elapsed: hoursAndMinutes(minutes),
      });
    };
    update();
    ticking = setInterval(update, 1000);
  }
  startButton.addEventListener("click", () => {
    window.localStorage.setItem(ledgerKey(), new Date().toISOString());
    showTimer();
    stopButton.focus();
  });
  stopButton.addEventListener("click", () => {
    const started = window.localStorage.getItem(ledgerKey());
    window.localStorage.removeItem(ledgerKey());
    if (started) {
      const start = new Date(started);
      const minutes = Math.max(1, Math.round((Date.now() - start.getTime()) / 60000));
      form.elements.date.value = localDate(start);
      form.elements.duration.value = hoursAndMinutes(minutes);
      preview();
    }
    showTimer();
    form.elements.duration.focus();
  });
  showTimer();
  if (form.elements.date.defaultValue === form.elements.date.value) {
    form.elements.date.value = localDate(new Date()); // today where the browser is
  }

  const logged = window.sessionStorage.getItem("timeroi-logged");
  if (logged) {
    window.sessionStorage.removeItem("timeroi-logged");
    result.textContent = logged;
  }
}

export default {
  onExtensionPageLoad(ctx) {
    setup(ctx);
  },
};
