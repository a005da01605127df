// Colleagues suggested while an agent types "@" and letters in an internal note (Pages/Agent/Tickets/Details.cshtml).
// The list comes from the page's Mentions handler (Notifications/Mentions.cs: the active team who see the request), and
// what is inserted is the handle that file recognizes. Without this file, a mention typed by hand works the same.
//
// The reply box keeps its role of a text box and points at the list with aria-activedescendant, as GitHub's and
// Slack's mention menus do: a combobox role would hide that it is a multi-line text. A status line says how many were
// found; up and down choose, Enter or Tab mention, Escape closes (and only closes: shortcuts.js leaves it alone then).
const box = document.querySelector("textarea[data-mentions]");
const note = box?.form?.querySelector("input[type=checkbox][name='Reply.Internal']");
if (box && note) {
    const list = document.createElement("ul");
    list.id = "mention-list";
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", box.dataset.mentionsLabel ?? "");
    list.hidden = true;
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.after(list, status);
    box.setAttribute("aria-autocomplete", "list");

    let found = [];          // { name, email, handle }
    let active = -1;
    let typed = null;        // { start, end, text }: the "@…" being written, "@" included
    let asked = 0;           // the latest request's number: an older answer arriving late is dropped
    let timer = 0;

    // The same characters as Mentions.cs's handle, and not after a letter or digit (an address in a sentence).
    const handleBeforeCaret = () => {
        if (box.selectionStart !== box.selectionEnd) return null;
        const before = box.value.slice(0, box.selectionStart);
        const match = /(^|[^\p{L}\p{N}._%+-])@([\p{L}\p{N}._%+-]{1,64})$/u.exec(before);
        return match ? { start: before.length - match[2].length - 1, end: before.length, text: match[2] } : null;
    };

    const close = () => {
        asked++;
        clearTimeout(timer);
        found = [];
        active = -1;
        list.hidden = true;
        list.replaceChildren();
        box.removeAttribute("aria-activedescendant");
        box.removeAttribute("aria-controls");
    };

    const choose = (index) => {
        active = index;
        [...list.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
        const option = list.children[index];
        if (option) {
            box.setAttribute("aria-activedescendant", option.id);
            option.scrollIntoView({ block: "nearest" });
        }
    };

    const insert = (index) => {
        const person = found[index];
        if (!person || !typed) return;
        const after = box.value.slice(typed.end);
        const text = `@${person.handle}${/^\s/.test(after) ? "" : " "}`;
        box.setRangeText(text, typed.start, typed.end, "end");
        close();
        status.textContent = (box.dataset.mentionsChosen ?? "{0}").replace("{0}", person.name);
        // drafts.js and live.js listen for typing: the inserted handle is typing too.
        box.dispatchEvent(new Event("input", { bubbles: true }));
    };

    const show = () => {
        list.replaceChildren(...found.map((person, i) => {
            const option = document.createElement("li");
            option.id = `mention-option-${i}`;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            const name = document.createElement("span");
            name.textContent = person.name;
            const email = document.createElement("span");
            email.className = "mention-list__email";
            email.textContent = person.email;
            option.append(name, " ", email);
            // Pressed, not clicked: the reply box keeps the focus (and the caret) while the mouse chooses.
            option.addEventListener("mousedown", (event) => { event.preventDefault(); insert(i); });
            return option;
        }));
        list.hidden = found.length === 0;
        if (found.length > 0) {
            box.setAttribute("aria-controls", list.id);
            choose(0);
            status.textContent = (box.dataset.mentionsFound ?? "{0}").replace("{0}", String(found.length));
        } else {
            box.removeAttribute("aria-activedescendant");
            status.textContent = box.dataset.mentionsNone ?? "";
        }
    };

    const suggest = async () => {
        typed = note.checked ? handleBeforeCaret() : null;
        if (!typed) { if (!list.hidden || found.length) close(); return; }
        const mine = ++asked;
        const url = `${box.dataset.mentions}&q=${encodeURIComponent(typed.text)}`;
        try {
            const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
            if (!response.ok || mine !== asked) return;
            found = await response.json();
            if (mine !== asked) return;
            show();
        } catch {
            // Offline or signed out: no suggestions; the mention typed by hand still works.
        }
    };

    box.addEventListener("input", (event) => {
        if (!event.isTrusted) return;
        clearTimeout(timer);
        timer = setTimeout(suggest, 150);
    });
    box.addEventListener("keydown", (event) => {
        if (list.hidden || found.length === 0 || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
        switch (event.key) {
            case "ArrowDown": choose((active + 1) % found.length); break;
            case "ArrowUp": choose((active - 1 + found.length) % found.length); break;
            case "Enter":
            case "Tab": insert(active < 0 ? 0 : active); break;
            case "Escape": close(); break;
            default: return;
        }
        event.preventDefault();
    });
    box.addEventListener("blur", close);
    box.addEventListener("click", close);
    note.addEventListener("change", close);
}
