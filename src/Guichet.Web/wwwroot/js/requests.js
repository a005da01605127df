// The new-request form, while the subject is typed: the open requests that look the same (for people signed in), and
// the help articles that may answer it. Progressive enhancement only: without this file the form works the same, and a
// button asks for the articles with the whole form.
const subject = document.querySelector("input[name='Input.Subject']");
const similar = document.querySelector("[data-similar-target]");
const articles = document.querySelector("[data-kb-suggestions]");

/** Calls show(text) at each pause in the typing when the subject changed; show may fetch and must catch. */
function onPause(delay, show) {
    let timer;
    let last = subject.value.trim();
    subject.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            const text = subject.value.trim();
            if (text === last) return;
            last = text;
            show(text, () => text === last);
        }, delay);
    });
}

if (subject && similar) {
    onPause(350, async (text, current) => {
        if (text.length < 3) { similar.replaceChildren(); return; }
        try {
            const response = await fetch(`/requests/similar?subject=${encodeURIComponent(text)}`, { headers: { "Accept": "text/html" } });
            if (response.ok && current()) similar.innerHTML = await response.text();
        } catch {
            // Suggestions are a help, not a need: a network hiccup changes nothing.
        }
    });
}

// The articles' count goes to a status element that was on the page from the start (a live region must exist before it
// changes to be announced); the list beside it is not live, so that a screen reader says "3 articles may answer your
// question" rather than every title at every pause. Nothing here moves the focus.
if (subject && articles) {
    const status = articles.querySelector("[data-kb-suggestions-status]");
    const list = articles.querySelector("[data-kb-suggestions-list]");
    const show = (html) => {
        const fragment = document.createElement("template");
        fragment.innerHTML = html;
        const count = fragment.content.querySelectorAll("li").length;
        list.replaceChildren(fragment.content);
        const text = count === 0 ? "" : count === 1 ? articles.dataset.one : articles.dataset.many.replace("{0}", count);
        if (status.textContent !== text) status.textContent = text;
    };
    let pending;
    onPause(250, async (text, current) => {
        pending?.abort();
        if (text.length < 3) { show(""); return; }
        pending = new AbortController();
        try {
            const response = await fetch(`${articles.dataset.kbSuggestions}&q=${encodeURIComponent(text)}`,
                { headers: { "Accept": "text/html" }, signal: pending.signal });
            if (response.ok && current()) show(await response.text());
        } catch {
            // As above; or a newer search took over.
        }
    });
}
