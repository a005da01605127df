// The new-request form: while the subject is typed, show the open requests that look the same.
// Progressive enhancement only: without this file the form works the same.
const subject = document.querySelector("[data-similar-source]");
const target = document.querySelector("[data-similar-target]");
if (subject && target) {
    let timer;
    let last = "";
    subject.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
            const text = subject.value.trim();
            if (text === last) return;
            last = text;
            if (text.length < 3) { target.replaceChildren(); return; }
            try {
                const response = await fetch(`/requests/similar?subject=${encodeURIComponent(text)}`, { headers: { "Accept": "text/html" } });
                if (response.ok && text === last) target.innerHTML = await response.text();
            } catch {
                // Suggestions are a help, not a need: a network hiccup changes nothing.
            }
        }, 350);
    });
}
