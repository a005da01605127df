// The organization and requester filters suggest names while typing (a datalist filled from the server). Without this
// file the boxes work the same: a name or an address typed in full is looked up when the filters are applied.
for (const input of document.querySelectorAll("input[data-suggest]")) {
    const list = document.getElementById(input.getAttribute("list"));
    let timer = 0;
    let last = "";
    input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
            const term = input.value.trim();
            if (term === last || term.length < 2) return;
            last = term;
            try {
                const params = new URLSearchParams({ handler: "Suggest", kind: input.dataset.suggest, term });
                const response = await fetch(`/agent?${params}`, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
                if (!response.ok || response.redirected || term !== last) return;
                list.replaceChildren(...(await response.json()).map(s => {
                    const option = document.createElement("option");
                    option.value = s.value;
                    if (s.label) option.label = s.label;
                    return option;
                }));
            } catch {
                // Suggestions are a help, not a need.
            }
        }, 250);
    });
}
