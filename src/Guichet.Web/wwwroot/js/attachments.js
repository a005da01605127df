// The file field of a message form (Pages/Shared/_AttachmentField.cshtml), improved:
// - an image pasted (or a file dropped) into the form's text is added to the chosen files and a reference
//   ![name](attachment:name) is written where the cursor is; the server shows it inline once sent;
// - files over the limits are taken out before anything is uploaded, with the server's own words.
// Without this file the form works the same: attach the file and type the reference by hand;
// the server checks the limits again whatever happens here.

const imageTypes = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

// Each file field once: those of the page, and those a live update (live.js) swaps in.
const enhanced = new WeakSet();
const enhanceWithin = (root) => {
    for (const input of root.querySelectorAll("input[type=file][data-attachments]")) {
        if (enhanced.has(input)) continue;
        enhanced.add(input);
        enhance(input);
    }
};
enhanceWithin(document);
document.addEventListener("live:swapped", (event) => enhanceWithin(event.target));

function enhance(input) {
    const form = input.form;
    const text = form?.querySelector("textarea");
    const errors = document.getElementById(input.dataset.errorId);
    let pasted = 0;
    // Images put in the text by this script: choosing files with the picker replaces the whole
    // selection, so those still referred to in the text are added back then.
    const inText = [];

    const say = (lines) => {
        if (!errors) return;
        errors.replaceChildren(...lines.map((line) => {
            const span = document.createElement("span");
            span.className = "field-error__line";
            span.textContent = line;
            return span;
        }));
        const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== errors.id);
        if (lines.length > 0) {
            errors.setAttribute("role", "alert");
            input.setAttribute("aria-invalid", "true");
            described.push(errors.id);
        } else {
            errors.removeAttribute("role");
            input.removeAttribute("aria-invalid");
        }
        input.setAttribute("aria-describedby", described.join(" "));
    };

    const extension = (name) => {
        const dot = name.lastIndexOf(".");
        return dot > 0 ? name.slice(dot).toLowerCase() : "";
    };
    const listed = (attribute) => (input.dataset[attribute] ?? "").toLowerCase().split(" ").filter(Boolean);

    // The same checks, in the same order, as AttachmentUploads on the server: what it would refuse is
    // taken out of the selection now, and said next to the field, so that the rest can still be sent.
    const check = () => {
        const maxFile = Number(input.dataset.maxFileBytes);
        const maxFiles = Number(input.dataset.maxFiles);
        const maxTotal = Number(input.dataset.maxTotalBytes);
        const allowed = listed("allowed");
        const blocked = listed("blocked");
        const removed = new Set([...form.querySelectorAll("input[name='Attachments.Remove']:checked")].map((box) => box.value));
        const kept = [...form.querySelectorAll("input[name='Attachments.Keep'][data-length]")].filter((k) => !removed.has(k.value));
        let count = kept.length;
        let total = kept.reduce((sum, k) => sum + Number(k.dataset.length), 0);
        const messages = [];
        const keep = new DataTransfer();
        for (const file of input.files) {
            const ext = extension(file.name);
            const template =
                (allowed.length > 0 ? !allowed.includes(ext) : blocked.includes(ext)) ? input.dataset.notAccepted
                : file.size > maxFile ? input.dataset.tooBig
                : count >= maxFiles ? input.dataset.tooMany
                : total + file.size > maxTotal ? input.dataset.tooMuch
                : null;
            if (template) {
                messages.push(template.replace("{name}", file.name));
                continue;
            }
            keep.items.add(file);
            count += 1;
            total += file.size;
        }
        if (keep.files.length !== input.files.length) input.files = keep.files;
        say(messages);
    };

    const uniqueName = (type) => {
        const now = new Date();
        const pad = (n) => String(n).padStart(2, "0");
        const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
        pasted += 1;
        return `pasted-${stamp}${pasted > 1 ? `-${pasted}` : ""}.${imageTypes[type]}`;
    };

    const insert = (reference) => {
        const start = text.selectionStart ?? text.value.length;
        const end = text.selectionEnd ?? start;
        const before = start > 0 && text.value[start - 1] !== "\n" ? "\n" : "";
        const after = text.value[end] !== undefined && text.value[end] !== "\n" ? "\n" : "";
        text.setRangeText(before + reference + after, start, end, "end");
        text.dispatchEvent(new Event("input", { bubbles: true }));
    };

    const reference = (name) => /[\s()<>]/.test(name) ? `![${name}](<attachment:${name}>)` : `![${name}](attachment:${name})`;

    // Files join those already chosen; images get a reference in the text, where the cursor is.
    const attach = (files, rename) => {
        const all = new DataTransfer();
        for (const file of input.files) all.items.add(file);
        const added = [];
        for (const file of files) {
            const named = rename && file.type in imageTypes
                ? new File([file], uniqueName(file.type), { type: file.type, lastModified: file.lastModified })
                : file;
            all.items.add(named);
            added.push(named);
            if (named.type in imageTypes) inText.push(named);
        }
        input.files = all.files;
        check();
        // Only the images still chosen (not over a limit) are referred to.
        const chosen = new Set([...input.files].map((f) => f.name));
        const references = added.filter((f) => chosen.has(f.name) && f.type in imageTypes).map((f) => reference(f.name));
        if (references.length > 0) insert(references.join("\n"));
    };

    input.addEventListener("change", () => {
        const names = new Set([...input.files].map((f) => f.name));
        const back = inText.filter((f) => !names.has(f.name) && text?.value.includes(`attachment:${f.name}`));
        if (back.length > 0) {
            const all = new DataTransfer();
            for (const file of [...back, ...input.files]) all.items.add(file);
            input.files = all.files;
        }
        check();
    });
    form.addEventListener("change", (event) => {
        if (event.target.name === "Attachments.Remove") check();
    });

    if (text) {
        text.addEventListener("paste", (event) => {
            const images = [...(event.clipboardData?.files ?? [])].filter((f) => f.type in imageTypes);
            // Text copied from an office document often comes with a picture of itself: the text wins.
            if (images.length === 0 || event.clipboardData.getData("text/plain") !== "") return;
            event.preventDefault();
            // A pasted image is always "image.png": each gets a name of its own.
            attach(images, true);
        });
        text.addEventListener("dragover", (event) => {
            if ([...(event.dataTransfer?.items ?? [])].some((i) => i.kind === "file")) event.preventDefault();
        });
        // A file dropped on the text is attached (instead of the browser leaving the page to open it).
        text.addEventListener("drop", (event) => {
            const files = [...(event.dataTransfer?.files ?? [])];
            if (files.length === 0) return;
            event.preventDefault();
            text.focus();
            attach(files, false);
        });
    }
}
