// Macros found while typing: a search box above the reply form's macro list keeps only the macros whose name or text
// has what is typed (accents and case aside) and selects the first. Without this file the list is a plain menu.
const list = document.getElementById("macroId");
if (list && list.options.length > 1) {
    const fold = text => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
    const all = [...list.options].map(o => ({ option: o, text: fold(`${o.textContent} ${o.dataset.text ?? ""}`) }));
    const box = document.createElement("input");
    box.type = "search";
    box.id = "macro-search";
    box.className = "macro-search";
    box.autocomplete = "off";
    box.setAttribute("aria-label", list.dataset.searchLabel ?? "");
    box.setAttribute("aria-controls", list.id);
    box.placeholder = list.dataset.searchLabel ?? "";
    (list.closest(".search__row") ?? list).before(box);
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    list.after(status);

    box.addEventListener("input", () => {
        const words = fold(box.value).split(/\s+/).filter(w => w);
        let first = null;
        let shown = 0;
        for (const { option, text } of all) {
            const match = words.every(w => text.includes(w));
            option.hidden = !match;
            option.disabled = !match;
            if (match) { shown++; first ??= option; }
        }
        if (first) list.value = first.value;
        status.textContent = (list.dataset.foundText ?? "{0}").replace("{0}", String(shown));
    });
    // Enter in the box inserts the macro chosen, as the Insert button would (not the reply's Send).
    box.addEventListener("keydown", e => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        list.closest(".macro-picker")?.querySelector("button[formaction]")?.click();
    });
}
