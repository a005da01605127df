// Reply drafts: what someone writes in a reply box (textarea[data-draft]) is kept in this browser's localStorage while
// they type, so that a reload, a closed tab or a crashed browser does not lose it. Progressive enhancement only: without
// this file the boxes work as before, and the server already keeps what was typed when it refuses a post.
//
// A draft is named by the person (the layout's script tag says who is signed in) and the box (data-draft, e.g.
// "ticket:1042"): nobody else signed in on this browser ever sees it. It goes only when the server has accepted the reply:
// the page after a successful post names the draft in data-accepted (Pages/Shared/ReplyDrafts.cs). Not on submit: a
// refused post (a colleague wrote meanwhile, a file too large) comes back with the text, and a lost connection comes
// back with nothing, so the draft must still be there. Signing out lets go of every Guichet draft of this browser.
const script = document.getElementById("drafts-script");
const prefix = "guichet:draft:";
const storage = (() => {
    // Storage can be refused (private modes, a policy): then there are no drafts, and nothing else changes.
    try { return window.localStorage; } catch { return null; }
})();

if (script && storage) {
    const user = script.dataset.user;
    const nameOf = (box) => `${prefix}${user}:${box}`;
    // Once signing out, nothing is saved any more (not even when this page goes away).
    let signingOut = false;

    if (script.dataset.accepted) storage.removeItem(nameOf(script.dataset.accepted));

    for (const text of document.querySelectorAll("textarea[data-draft]")) keep(text);

    // Every signed-in person's drafts on this browser, not only this one's: the next person at this computer has no
    // business with them, and a draft of someone signed out cannot be sent anyway.
    document.addEventListener("submit", (event) => {
        if (!event.target.matches("form[data-clears-drafts]")) return;
        signingOut = true;
        for (const key of Object.keys(storage)) if (key.startsWith(prefix)) storage.removeItem(key);
    });

    function keep(text) {
        const name = nameOf(text.dataset.draft);
        const notice = text.parentElement.querySelector("[data-draft-notice]");

        const save = () => {
            if (signingOut) return;
            try {
                if (text.value.trim() === "") storage.removeItem(name);
                else storage.setItem(name, text.value);
            } catch {
                // Storage full: the text is still in the box, only the safety net is missing.
            }
        };

        const kept = storage.getItem(name);
        if (text.value === "" && kept && script.dataset.accepted !== text.dataset.draft) {
            text.value = kept;
            // live.js leaves a form someone has started to fill in as it is: this one has been.
            text.form?.setAttribute("data-dirty", "");
            if (notice) notice.hidden = false;
        } else if (text.value !== "") {
            // The server sent the box back filled in (a refusal, a macro inserted): that is the draft now.
            save();
        }

        // Saved a moment after the typing stops, rather than on every key; and at once when the page goes away.
        let timer = 0;
        text.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(save, 400);
        });
        window.addEventListener("pagehide", save);

        notice?.querySelector("[data-draft-discard]")?.addEventListener("click", () => {
            clearTimeout(timer);
            text.value = "";
            storage.removeItem(name);
            notice.hidden = true;
            text.focus();
        });
    }
}
