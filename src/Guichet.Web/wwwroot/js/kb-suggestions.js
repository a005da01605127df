// The new-request form: while the subject is typed, the help articles that may answer it (GET /kb/suggestions, an HTML
// fragment). Progressive enhancement only: without this file a button asks for the same list with the whole form.
// The count goes to a status element that was on the page from the start (a live region must exist before it changes to
// be announced); the list beside it is not live, so that a screen reader says "3 articles may answer your question"
// rather than every title at every pause in the typing. Nothing here moves the focus.
const box = document.querySelector("[data-kb-suggestions]");
const subject = document.querySelector("input[name='Input.Subject']");
if (box && subject) {
    const status = box.querySelector("[data-kb-suggestions-status]");
    const list = box.querySelector("[data-kb-suggestions-list]");
    let timer;
    let last = subject.value.trim();
    let pending;

    const show = (html) => {
        const fragment = document.createElement("template");
        fragment.innerHTML = html;
        const count = fragment.content.querySelectorAll("li").length;
        list.replaceChildren(fragment.content);
        const text = count === 0 ? "" : count === 1 ? box.dataset.one : box.dataset.many.replace("{0}", count);
        if (status.textContent !== text) status.textContent = text;
    };

    subject.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
            const text = subject.value.trim();
            if (text === last) return;
            last = text;
            pending?.abort();
            if (text.length < 3) { show(""); return; }
            pending = new AbortController();
            try {
                const response = await fetch(`${box.dataset.kbSuggestions}&q=${encodeURIComponent(text)}`,
                    { headers: { "Accept": "text/html" }, signal: pending.signal });
                if (response.ok && text === last) show(await response.text());
            } catch {
                // Suggestions are a help, not a need: a network hiccup (or a newer search) changes nothing.
            }
        }, 250);
    });
}
