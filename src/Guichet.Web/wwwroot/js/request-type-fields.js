// The new-request form: choosing another kind of request shows that kind's fields, in its order,
// without a round trip. Every field stays in the form, so what was typed in a field that both kinds
// share is still there. Without this file, a "show the fields" button asks the server instead.
const container = document.querySelector("[data-type-fields]");
const form = container?.closest("form");
if (container && form) {
    const order = JSON.parse(container.dataset.typeFields || "{}");
    const fields = new Map([...container.querySelectorAll("[data-custom-field]")].map(f => [f.dataset.customField, f]));

    const show = (typeId) => {
        const keys = order[typeId] || [];
        for (const [key, field] of fields) {
            const shown = keys.includes(key);
            field.hidden = !shown;
            const required = shown && (field.dataset.requiredTypes || "").split(" ").includes(typeId);
            field.querySelector("[data-required-marker]")?.toggleAttribute("hidden", !required);
            field.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(input => {
                if (required) input.setAttribute("aria-required", "true"); else input.removeAttribute("aria-required");
            });
        }
        // The chosen kind's fields in its order; the others after them, hidden.
        for (const key of keys) if (fields.has(key)) container.append(fields.get(key));
        for (const [key, field] of fields) if (!keys.includes(key)) container.append(field);
    };

    form.addEventListener("change", event => {
        if (event.target.name === "Input.RequestTypeId") show(event.target.value);
    });
}
