// The field page: the choices only show for the kinds of field that have them.
// Without this file they always show, with a hint saying when they count.
const kind = document.querySelector("[data-field-kind]");
const options = document.querySelector("[data-for-kinds]");
if (kind && options) {
    const update = () => { options.hidden = !options.dataset.forKinds.split(" ").includes(kind.value); };
    kind.addEventListener("change", update);
    update();
}
