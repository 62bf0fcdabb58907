// The category tree as one tree widget (WAI-ARIA APG "tree view"): a single Tab stop, and the arrow keys move between
// its items — Down/Up to the next/previous item, Home/End to the first/last, Left from a category to its group, Right
// from a group to its first category, a letter to the next item starting with it. Enter or Space on a category chooses
// it (a button's own behaviour). The server renders which item holds the Tab stop; this only moves it.
export function attach(tree) {
    if (!tree || tree.dataset.keyboard === "on") {
        return;
    }

    tree.dataset.keyboard = "on";
    tree.addEventListener("keydown", event => {
        const items = [...tree.querySelectorAll("[data-tree-item]")];
        const current = items.indexOf(document.activeElement);
        if (current < 0 || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }

        const item = items[current];
        let next = null;
        switch (event.key) {
            case "ArrowDown": next = items[current + 1]; break;
            case "ArrowUp": next = items[current - 1]; break;
            case "Home": next = items[0]; break;
            case "End": next = items[items.length - 1]; break;
            case "ArrowLeft": next = item.parentElement.closest("[data-tree-item]"); break;
            case "ArrowRight": next = item.querySelector("[data-tree-item]"); break;
            default:
                if (event.key.length !== 1 || event.key === " ") {
                    return;
                }

                next = [...items.slice(current + 1), ...items.slice(0, current)]
                    .find(i => label(i).startsWith(plain(event.key)));
        }

        event.preventDefault();
        if (next) {
            items.forEach(i => i.tabIndex = -1);
            next.tabIndex = 0;
            next.focus();
        }
    });
}

function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function label(item) {
    const own = item.querySelector(":scope > .category-group-name") ?? item;
    return plain(own.textContent.trim());
}
