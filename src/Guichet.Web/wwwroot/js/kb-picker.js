// "Insert an article" in the agent's reply box (Pages/Agent/Tickets/Details.cshtml): a search box finds knowledge base
// articles as the agent, in the requester's language (the page's Articles handler, KnowledgeBase/KbReplyArticles.cs),
// and each found article offers two buttons: a Markdown link to it, or its text, inserted where the caret was in the
// reply. Without this file, the picker is a link to the knowledge base in a new tab.
//
// A link to an article the requester may not read (internal, or for other people) would answer "not found" to them:
// it is refused in a public reply (a note may carry it, for colleagues); its text asks first.
const picker = document.querySelector("[data-kb-articles]");
const reply = picker?.closest("form")?.querySelector("textarea[name='Reply.Body']");
const note = picker?.closest("form")?.querySelector("input[type=checkbox][name='Reply.Internal']");
if (picker && reply) {
    const said = (name, value = "") => (picker.dataset[name] ?? "{0}").replace("{0}", value);
    const box = document.createElement("input");
    box.type = "search";
    box.id = "kb-picker-search";
    box.className = "kb-picker__search";
    box.autocomplete = "off";
    box.setAttribute("aria-label", said("searchLabel"));
    box.placeholder = said("searchLabel");
    const results = document.createElement("ul");
    results.className = "kb-picker__results";
    const heading = picker.querySelector(".kb-picker__title");
    if (heading) { heading.id = "kb-picker-title"; results.setAttribute("aria-labelledby", heading.id); }
    const status = document.createElement("p");
    status.className = "kb-picker__status";
    status.setAttribute("role", "status");
    picker.querySelector(".kb-picker__fallback")?.before(box, status, results);

    // Where the caret was in the reply: a textarea keeps its selection when the focus moves to the picker.
    const insert = (text) => {
        const [start, end] = [reply.selectionStart, reply.selectionEnd];
        const before = reply.value.slice(0, start);
        const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : text.includes("\n") ? "\n\n" : " ";
        reply.setRangeText(lead + text, start, end, "end");
        reply.focus();
        // drafts.js and live.js listen for typing: an insertion is typing too.
        reply.dispatchEvent(new Event("input", { bubbles: true }));
    };

    const forRequester = (article) => article.requesterMayRead || note?.checked;

    const button = (label, action) => {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "button button--small button--secondary";
        b.textContent = label;
        b.addEventListener("click", action);
        return b;
    };

    const show = (articles) => {
        results.replaceChildren(...articles.map((article) => {
            const item = document.createElement("li");
            item.className = "kb-picker__result";
            const title = document.createElement("a");
            title.href = article.url;
            title.target = "_blank";
            title.rel = "noopener";
            title.textContent = article.title;
            const language = document.createElement("span");
            language.className = "badge";
            language.lang = article.language;
            language.textContent = article.language.toUpperCase();
            item.append(title, " ", language);
            if (!article.requesterMayRead) {
                const warning = document.createElement("span");
                warning.className = "badge badge--warning";
                warning.textContent = article.visibility === "Internal" ? said("internal") : said("notForRequester");
                item.append(" ", warning);
            }
            const excerpt = document.createElement("p");
            excerpt.className = "kb-picker__excerpt";
            excerpt.innerHTML = article.excerptHtml;  // the server's excerpt: escaped text, matched words in <mark>
            const buttons = document.createElement("div");
            buttons.className = "kb-picker__buttons";
            buttons.append(
                button(said("insertLink"), () => {
                    if (!forRequester(article)) { status.textContent = said("linkRefused"); return; }
                    insert(`[${article.title.replace(/[[\]]/g, "\\$&")}](${article.url})`);
                    status.textContent = said("inserted", article.title);
                }),
                button(said("insertText"), () => {
                    if (!forRequester(article) && !window.confirm(said("textConfirm"))) return;
                    insert(article.markdown.trim());
                    status.textContent = said("inserted", article.title);
                }));
            item.append(excerpt, buttons);
            return item;
        }));
    };

    let asked = 0;          // the latest request's number: an older answer arriving late is dropped
    let timer = 0;
    const search = async () => {
        clearTimeout(timer);
        const mine = ++asked;
        const q = box.value.trim();
        if (q === "") { results.replaceChildren(); status.textContent = ""; return; }
        try {
            const response = await fetch(`${picker.dataset.kbArticles}&q=${encodeURIComponent(q)}`,
                { headers: { Accept: "application/json" }, credentials: "same-origin" });
            if (!response.ok || mine !== asked) return;
            const articles = await response.json();
            if (mine !== asked) return;
            show(articles);
            status.textContent = articles.length === 0 ? said("none") : said("found", String(articles.length));
        } catch {
            // Offline or signed out: nothing found; the knowledge base's own search is a link away.
        }
    };

    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
    box.addEventListener("keydown", (event) => {
        // Enter searches at once (never sends the reply); down goes to the first article's buttons.
        if (event.key === "Enter") { event.preventDefault(); search(); }
        else if (event.key === "ArrowDown") {
            const first = results.querySelector("button");
            if (first) { event.preventDefault(); first.focus(); }
        }
    });
}
