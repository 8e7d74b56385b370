// Portolan's development server: reloads the page after a rebuild and shows build errors
// over the last good page until they are fixed. Injected only by `portolan serve`.
(() => {
  const base = document.currentScript?.dataset.base ?? "/";
  let overlay = null;

  function hide() {
    overlay?.remove();
    overlay = null;
  }

  function show(errors) {
    hide();
    overlay = document.createElement("section");
    overlay.className = "portolan-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-label", "Build errors");
    const heading = document.createElement("h2");
    heading.textContent = `${errors.length} problem${errors.length === 1 ? "" : "s"}: the last good build is shown`;
    overlay.append(heading);
    const list = document.createElement("ol");
    for (const e of errors) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = [e.file, e.line, e.column].filter((x) => x != null).join(":");
      const message = document.createElement("p");
      message.textContent = `${e.severity}[${e.code}]: ${e.message}`;
      item.append(where, message);
      if (e.suggestion) {
        const help = document.createElement("p");
        help.className = "portolan-help";
        help.textContent = `help: ${e.suggestion}`;
        item.append(help);
      }
      list.append(item);
    }
    overlay.append(list);
    document.body.append(overlay);
  }

  const events = new EventSource(`${base}__portolan/events`);
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("ok", hide);
  events.addEventListener("errors", (e) => show(JSON.parse(e.data)));
})();
