// The timer of the agent's ticket page: start, pause, stop; stopping fills the "Log time" form's duration for the agent to
// check and send. Progressive enhancement only: the timer is hidden until this file runs, and the form works without it.
//
// The timer is kept in this browser's localStorage (as reply drafts are, see drafts.js), under the person and the ticket:
// a reload, a closed tab or the next morning finds it where it was. What is kept is when it was started (an instant,
// not a count of ticks) and the time gathered before the last pause, so a timer runs on while the page is closed.
const timer = document.querySelector("[data-timer]");
const storage = (() => {
    // Storage can be refused (private modes, a policy): the timer then lasts as long as the page.
    try { return window.localStorage; } catch { return null; }
})();

if (timer) {
    const name = `guichet:timer:${timer.dataset.user}:${timer.dataset.timer}`;
    const shown = timer.querySelector("[data-timer-shown]");
    const status = timer.querySelector("[data-timer-status]");
    const start = timer.querySelector("[data-timer-start]");
    const pause = timer.querySelector("[data-timer-pause]");
    const stop = timer.querySelector("[data-timer-stop]");
    let state = read();
    let ticking = 0;

    timer.hidden = false;
    show();

    start.addEventListener("click", () => {
        state = { startedAt: Date.now(), gathered: state.gathered };
        write();
        show();
        say(timer.dataset.saidStarted);
        pause.focus();
    });

    pause.addEventListener("click", () => {
        state = { startedAt: null, gathered: elapsed() };
        write();
        show();
        say(timer.dataset.saidPaused);
        start.focus();
    });

    stop.addEventListener("click", () => {
        const minutes = Math.max(1, Math.round(elapsed() / 60000));
        state = { startedAt: null, gathered: 0 };
        storage?.removeItem(name);
        show();
        // The log form, found now: a live update may have replaced the time section since the page was loaded.
        const duration = document.getElementById("Time_Duration");
        if (!duration) return;
        duration.closest("details")?.setAttribute("open", "");
        duration.value = minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}` : `${minutes}m`;
        // As if typed: live.js then leaves the form as it is until it is sent.
        duration.dispatchEvent(new Event("input", { bubbles: true }));
        say(timer.dataset.saidStopped.replace("{0}", duration.value));
        duration.focus();
    });

    // Another tab of the same ticket started, paused or stopped it: this one follows.
    window.addEventListener("storage", (event) => {
        if (event.key !== name) return;
        state = read();
        show();
    });

    function read() {
        try {
            const kept = JSON.parse(storage?.getItem(name) ?? "null");
            if (kept && typeof kept.gathered === "number") return { startedAt: typeof kept.startedAt === "number" ? kept.startedAt : null, gathered: kept.gathered };
        } catch {
            // Not ours, or damaged: start from nothing.
        }
        return { startedAt: null, gathered: 0 };
    }

    function write() {
        try { storage?.setItem(name, JSON.stringify(state)); } catch { /* Storage full: the timer still runs on this page. */ }
    }

    function elapsed() {
        return state.gathered + (state.startedAt === null ? 0 : Math.max(0, Date.now() - state.startedAt));
    }

    function show() {
        const running = state.startedAt !== null;
        const total = Math.floor(elapsed() / 1000);
        const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
        shown.textContent = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
        start.hidden = running;
        start.textContent = state.gathered > 0 ? timer.dataset.textResume : timer.dataset.textStart;
        pause.hidden = !running;
        stop.hidden = !running && state.gathered === 0;
        timer.toggleAttribute("data-running", running);
        clearInterval(ticking);
        if (running) ticking = setInterval(show, 1000);
    }

    // A live region says what a press did (the focus stays on the next button to press).
    function say(text) {
        status.textContent = "";
        setTimeout(() => { status.textContent = text; }, 50);
    }
}
