// Keyboard shortcuts of the agent workspace, listed in the overlay that "?" opens (Pages/Shared/_Shortcuts.cshtml).
// Progressive enhancement only: each shortcut moves the focus to, follows or submits something that is on the page
// anyway (a row's link, the reply box, the "assign to me" form, the "Next ticket" link), so that everything works the
// same without this file, and the page's own rules (the collision check of every form) apply to what a key does.
//
// Keys are single letters as in Gmail and Zendesk. They never fire while someone types (a text box, a list, an
// editable area) or with Ctrl, Alt or Cmd, which belong to the browser and to assistive technologies; Esc leaves a text
// box, so that the letters are shortcuts again, and Ctrl+Enter sends the reply being written.
const dialog = document.getElementById("shortcuts");
let opener = null;

const typing = (element) => element instanceof Element && (element.isContentEditable
    || element.matches("textarea, select, input:not([type=checkbox], [type=radio], [type=button], [type=submit], [type=reset], [type=file], [type=image], [type=range], [type=color])"));

function openOverlay() {
    if (!dialog || dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    // The list itself rather than its only button: a screen reader starts with the title, and Esc closes it.
    dialog.focus();
}

// Back where the reader was before the list was opened (Esc, the Close button, or the browser's own closing).
dialog?.addEventListener("close", () => {
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    opener = null;
});
document.querySelector("[data-shortcuts-open]")?.addEventListener("click", (event) => {
    if (!dialog) return;
    event.preventDefault();
    openOverlay();
});

// A queue's rows (Pages/Agent/Index.cshtml): the current one is the row holding the focus. Rows are read each time,
// as live.js swaps the list (it leaves a list holding the focus alone).
const rows = () => [...document.querySelectorAll("#queue-list tbody tr")];
const currentRow = () => rows().find((row) => row.contains(document.activeElement));
const ticketLinkOf = (row) => row?.querySelector("a[href^='/agent/tickets/']");

function moveRow(step) {
    const all = rows();
    if (all.length === 0) return false;
    const at = all.findIndex((row) => row.contains(document.activeElement));
    const next = at < 0 ? all[0] : all[Math.min(all.length - 1, Math.max(0, at + step))];
    ticketLinkOf(next)?.focus();
}

// On a ticket (Pages/Agent/Tickets/Details.cshtml): the reply box, as a reply to the customer or as an internal note.
function write(asNote) {
    const box = document.querySelector("#reply-form textarea");
    const note = document.querySelector("#reply-form input[type=checkbox][name='Reply.Internal']");
    if (!box) return false;
    // Clicked rather than set, so that the form knows it was changed (live.js keeps a form being filled in as it is).
    if (note && note.checked !== asNote) note.click();
    box.focus();
}

function focus(selector) {
    const element = document.querySelector(selector);
    if (!element) return false;
    element.focus();
}

function follow(selector) {
    const link = document.querySelector(selector);
    if (!link) return false;
    link.click();
}

// Each returns false when the page has nothing for it: the key then does what it would have done anyway.
const actions = {
    "?": openOverlay,
    "j": () => rows().length > 0 ? moveRow(1) : follow("a[rel=next]"),
    "k": () => rows().length > 0 ? moveRow(-1) : follow("a[rel=prev]"),
    "o": () => { const link = ticketLinkOf(currentRow()); if (!link) return false; link.click(); },
    "x": () => { const box = currentRow()?.querySelector("input[type=checkbox]"); if (!box) return false; box.click(); },
    "/": () => focus("form[role=search] input[type=search]"),
    "r": () => write(false),
    "n": () => write(true),
    "a": () => { const form = document.querySelector("form[data-shortcut=assign]"); if (!form) return false; form.requestSubmit(); },
    "m": () => focus("#macroId"),
    "s": () => focus("#statusId"),
    "u": () => follow("a[data-shortcut=queue]"),
};

document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target;
    if (typing(target)) {
        if (event.key === "Escape" && !target.matches("select")) target.blur();
        else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.matches("#reply-form textarea")) {
            event.preventDefault();
            target.form.requestSubmit();
        }
        return;
    }
    if (event.ctrlKey || event.altKey || event.metaKey || dialog?.open) return;
    const action = actions[event.key];
    if (action && action() !== false) event.preventDefault();
});
