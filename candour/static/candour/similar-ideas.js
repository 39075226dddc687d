// Similar ideas as the person types: a progressive enhancement of the idea form. Without
// JavaScript the check page shows the same list before the idea is sent.
const panel = document.getElementById("similar-ideas-live");
const problem = document.getElementById("id_problem");
const idea = document.getElementById("id_idea");

if (panel && problem && idea) {
  let timer;
  let lastQuery = "";

  const render = (ideas) => {
    panel.replaceChildren();
    if (!ideas.length) return;
    const heading = document.createElement("h2");
    heading.className = "govuk-heading-s";
    heading.textContent = panel.dataset.heading;
    const list = document.createElement("ul");
    list.className = "govuk-list";
    for (const item of ideas) {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.className = "govuk-link";
      link.href = item.url;
      link.textContent = item.title;
      entry.append(link, ` (${item.team}, ${item.status.toLowerCase()})`);
      list.append(entry);
    }
    panel.append(heading, list);
  };

  const look = async () => {
    const query = new URLSearchParams({ problem: problem.value, idea: idea.value });
    if (query.toString() === lastQuery || problem.value.length + idea.value.length < 12) return;
    lastQuery = query.toString();
    try {
      const response = await fetch(`${panel.dataset.url}?${query}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) render((await response.json()).ideas);
    } catch {
      // Offline or refused: the check page will still show similar ideas.
    }
  };

  for (const field of [problem, idea]) {
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(look, 400);
    });
  }
}
