// The commitment network on a day, drawn on a canvas from the data the page carries
// (<script type="application/json" id="network-data">, written by pictures/network.py):
// a force layout (d3-force) run to rest before the first drawing, so the same data gives the
// same picture; pan and zoom (d3-zoom); a node opens the state's page, an edge its
// commitment (or lists them where several make it). The keyboard moves from state to state.
// The table under the canvas says the same in text.
(function () {
  "use strict";
  const source = document.getElementById("network-data");
  const canvas = document.getElementById("network-canvas");
  if (!source || !canvas || !window.d3) return;
  const started = performance.now();
  const data = JSON.parse(source.textContent);
  const labels = data.labels;
  const status = document.getElementById("network-status");
  const panel = document.getElementById("network-panel");
  const context = canvas.getContext("2d");

  const nodes = data.states.map((state, index) => ({ index, ...state, out: 0, in: 0 }));
  const edges = data.edges.map(([s, t, kind, st, commitments]) => ({ s, t, kind, status: st, commitments }));
  for (const edge of edges) {
    nodes[edge.s].out += 1;
    nodes[edge.t].in += 1;
  }
  const radius = (node) => 2.5 + Math.sqrt(node.out + node.in) * 0.45;

  // The layout pulls together states linked either way, once per pair.
  const pairs = new Map();
  for (const edge of edges) {
    const key = edge.s < edge.t ? `${edge.s}-${edge.t}` : `${edge.t}-${edge.s}`;
    if (!pairs.has(key)) pairs.set(key, { source: edge.s, target: edge.t });
  }
  const simulation = d3.forceSimulation(nodes)
    .force("charge", d3.forceManyBody().strength(-45).distanceMax(400))
    .force("link", d3.forceLink([...pairs.values()]).distance(45).strength(0.08))
    .force("x", d3.forceX().strength(0.06))
    .force("y", d3.forceY().strength(0.06))
    .force("collide", d3.forceCollide((node) => radius(node) + 2))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  for (let i = 0; i < ticks; i += 1) simulation.tick();

  const shownKinds = new Set(data.kinds.map((kind, index) => index));
  let transform = d3.zoomIdentity;
  let focused = -1;
  let width = 0;
  let height = 0;

  function fit() {
    const box = canvas.parentElement.getBoundingClientRect();
    width = Math.max(320, Math.floor(box.width));
    height = Math.max(360, Math.min(760, Math.floor(window.innerHeight * 0.75)));
    const ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  // The view that holds every state, centred.
  function home() {
    if (!nodes.length) return d3.zoomIdentity;
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min(4, 0.9 / Math.max((x1 - x0 + 40) / width, (y1 - y0 + 40) / height));
    return d3.zoomIdentity.translate(width / 2, height / 2).scale(scale).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
  }

  // A directed edge bows to its left, so that A->B and B->A stay apart; kinds between the
  // same two states bow by different amounts.
  function control(edge) {
    const a = nodes[edge.s];
    const b = nodes[edge.t];
    const bend = 0.08 + edge.kind * 0.035;
    return [(a.x + b.x) / 2 + (b.y - a.y) * bend, (a.y + b.y) / 2 - (b.x - a.x) * bend];
  }

  function visible(edge) {
    return shownKinds.has(edge.kind);
  }

  function touches(edge) {
    return focused >= 0 && (edge.s === focused || edge.t === focused);
  }

  const STATUS_DASH = { binding: [], unknown: [4, 3], suspended: [1, 3] };

  function draw() {
    context.save();
    context.clearRect(0, 0, width, height);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    context.translate(transform.x, transform.y);
    context.scale(transform.k, transform.k);
    const groups = new Map();
    for (const edge of edges) {
      if (!visible(edge)) continue;
      const key = `${edge.kind}|${edge.status}|${touches(edge) ? 1 : 0}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(edge);
    }
    // Faint edges first, those of the focused state on top.
    const keys = [...groups.keys()].sort((a, b) => a.slice(-1).localeCompare(b.slice(-1)));
    for (const key of keys) {
      const [kind, st, lit] = key.split("|").map(Number);
      const statusKey = data.statuses[st].key;
      context.beginPath();
      for (const edge of groups.get(key)) {
        const a = nodes[edge.s];
        const b = nodes[edge.t];
        const [cx, cy] = control(edge);
        context.moveTo(a.x, a.y);
        context.quadraticCurveTo(cx, cy, b.x, b.y);
      }
      context.strokeStyle = statusKey === "suspended" ? "#7f7f7f" : data.kinds[kind].colour;
      context.globalAlpha = focused >= 0 ? (lit ? 0.95 : 0.06) : statusKey === "binding" ? 0.5 : 0.3;
      context.lineWidth = (lit ? 1.6 : 0.9) / Math.sqrt(transform.k);
      context.setLineDash(STATUS_DASH[statusKey].map((v) => v / transform.k));
      context.stroke();
    }
    context.setLineDash([]);
    context.globalAlpha = 1;
    for (const node of nodes) {
      context.beginPath();
      context.arc(node.x, node.y, radius(node), 0, 2 * Math.PI);
      context.fillStyle = node.index === focused ? "#1f5fa8" : "#1d2430";
      context.fill();
      context.lineWidth = 1 / transform.k;
      context.strokeStyle = "#ffffff";
      context.stroke();
    }
    // Names of the most linked states, of every state once zoomed in, and of the focused one.
    const most = [...nodes].sort((a, b) => b.out + b.in - (a.out + a.in)).slice(0, 25).map((n) => n.index);
    context.font = `${11 / transform.k}px system-ui, sans-serif`;
    context.fillStyle = "#1d2430";
    context.textBaseline = "middle";
    for (const node of nodes) {
      if (transform.k < 1.8 && !most.includes(node.index) && node.index !== focused) continue;
      context.fillText(node.name, node.x + radius(node) + 2 / transform.k, node.y);
    }
    context.restore();
    const counts = data.kinds.map(() => 0);
    for (const edge of edges) if (visible(edge)) counts[edge.kind] += 1;
    canvas.dataset.nodes = String(nodes.length);
    canvas.dataset.edges = String(counts.reduce((a, b) => a + b, 0));
    data.kinds.forEach((kind, index) => { canvas.dataset[`kind_${kind.key}`] = String(counts[index]); });
  }

  function at(event) {
    const [px, py] = d3.pointer(event, canvas);
    return transform.invert([px, py]);
  }

  function nodeAt(x, y) {
    let best = -1;
    let distance = Infinity;
    for (const node of nodes) {
      const d = Math.hypot(node.x - x, node.y - y);
      if (d < radius(node) + 4 / transform.k && d < distance) {
        best = node.index;
        distance = d;
      }
    }
    return best;
  }

  function edgeAt(x, y) {
    const reach = 4 / transform.k;
    let best = null;
    let distance = Infinity;
    for (const edge of edges) {
      if (!visible(edge)) continue;
      const a = nodes[edge.s];
      const b = nodes[edge.t];
      const [cx, cy] = control(edge);
      for (let i = 0; i <= 12; i += 1) {
        const t = i / 12;
        const u = 1 - t;
        const ex = u * u * a.x + 2 * u * t * cx + t * t * b.x;
        const ey = u * u * a.y + 2 * u * t * cy + t * t * b.y;
        const d = Math.hypot(ex - x, ey - y);
        if (d < reach && d < distance) {
          best = edge;
          distance = d;
        }
      }
    }
    return best;
  }

  function say(text) {
    status.textContent = text;
  }

  function describe(index) {
    const node = nodes[index];
    return `${node.name}: ${labels.defends.replace("%(count)d", node.out)}; ${labels.defended.replace("%(count)d", node.in)}. ${labels.opens}`;
  }

  function edgeText(edge) {
    return labels.link
      .replace("%(obliged)s", nodes[edge.s].name)
      .replace("%(protected)s", nodes[edge.t].name)
      .replace("%(kind)s", data.kinds[edge.kind].label)
      .replace("%(status)s", data.statuses[edge.status].label);
  }

  function showEdge(edge) {
    panel.replaceChildren();
    const heading = document.createElement("p");
    heading.textContent = `${edgeText(edge)}. ${labels.commitments}`;
    const list = document.createElement("ul");
    for (const index of edge.commitments) {
      const item = document.createElement("li");
      const anchor = document.createElement("a");
      anchor.href = data.commitments[index].url;
      anchor.textContent = data.commitments[index].label;
      item.append(anchor);
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = labels.close;
    close.addEventListener("click", () => { panel.hidden = true; canvas.focus(); });
    panel.append(heading, list, close);
    panel.hidden = false;
    list.querySelector("a").focus();
  }

  const zoom = d3.zoom().scaleExtent([0.2, 12]).on("zoom", (event) => { transform = event.transform; draw(); });
  const selection = d3.select(canvas).call(zoom).on("dblclick.zoom", null);

  canvas.addEventListener("mousemove", (event) => {
    const [x, y] = at(event);
    const index = nodeAt(x, y);
    canvas.classList.toggle("pointing", index >= 0);
    if (index !== focused && (index >= 0 || focused >= 0)) {
      focused = index;
      draw();
      if (index >= 0) say(describe(index));
    }
  });

  canvas.addEventListener("click", (event) => {
    const [x, y] = at(event);
    const index = nodeAt(x, y);
    if (index >= 0) {
      window.location.assign(nodes[index].url);
      return;
    }
    const edge = edgeAt(x, y);
    if (!edge) return;
    if (edge.commitments.length === 1) window.location.assign(data.commitments[edge.commitments[0]].url);
    else showEdge(edge);
  });

  const order = nodes.map((n) => n.index); // the states' order, by name (as the table)
  canvas.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step && nodes.length) {
      const at = order.indexOf(focused);
      focused = order[(at + step + order.length) % order.length];
      say(describe(focused));
      draw();
    } else if (event.key === "Enter" && focused >= 0) {
      window.location.assign(nodes[focused].url);
    } else if (event.key === "+" || event.key === "=") {
      selection.call(zoom.scaleBy, 1.5);
    } else if (event.key === "-") {
      selection.call(zoom.scaleBy, 1 / 1.5);
    } else if (event.key === "0") {
      selection.call(zoom.transform, home());
    } else if (event.key === "Escape") {
      focused = -1;
      draw();
    } else {
      return;
    }
    event.preventDefault();
  });

  for (const box of document.querySelectorAll("input[data-kind]")) {
    box.addEventListener("change", () => {
      const index = Number(box.dataset.kind);
      if (box.checked) shownKinds.add(index);
      else shownKinds.delete(index);
      draw();
    });
  }

  function download(blob, name) {
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
  }

  const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

  // The whole network as SVG, in the layout shown: one path per edge, one circle per state.
  function asSvg() {
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const pad = 60;
    const [x0, y0] = [Math.min(...xs, 0) - pad, Math.min(...ys, 0) - pad];
    const w = Math.max(...xs, 0) + pad - x0;
    const h = Math.max(...ys, 0) + pad - y0;
    const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0.toFixed(1)} ${y0.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}" font-family="system-ui, sans-serif" font-size="9">`,
      `<title>${escape(labels.title)}</title><desc>${escape(labels.summary)}</desc>`,
      `<rect x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#ffffff"/>`];
    for (const edge of edges) {
      if (!visible(edge)) continue;
      const a = nodes[edge.s];
      const b = nodes[edge.t];
      const [cx, cy] = control(edge);
      const st = data.statuses[edge.status].key;
      const dash = STATUS_DASH[st].length ? ` stroke-dasharray="${STATUS_DASH[st].join(" ")}"` : "";
      parts.push(`<path class="edge kind-${data.kinds[edge.kind].key} status-${st}" d="M${a.x.toFixed(1)} ${a.y.toFixed(1)}Q${cx.toFixed(1)} ${cy.toFixed(1)} ${b.x.toFixed(1)} ${b.y.toFixed(1)}" fill="none" stroke="${st === "suspended" ? "#7f7f7f" : data.kinds[edge.kind].colour}" stroke-opacity="0.5" stroke-width="0.9"${dash}><title>${escape(edgeText(edge))}</title></path>`);
    }
    for (const node of nodes) {
      parts.push(`<circle class="node" cx="${node.x.toFixed(1)}" cy="${node.y.toFixed(1)}" r="${radius(node).toFixed(1)}" fill="#1d2430" stroke="#ffffff" stroke-width="0.8"><title>${escape(node.name)}</title></circle>`);
      parts.push(`<text x="${(node.x + radius(node) + 2).toFixed(1)}" y="${(node.y + 3).toFixed(1)}">${escape(node.name)}</text>`);
    }
    parts.push("</svg>");
    return parts.join("\n");
  }

  document.getElementById("network-svg").addEventListener("click", () => {
    download(new Blob([asSvg()], { type: "image/svg+xml" }), `network-${data.day}.svg`);
  });
  document.getElementById("network-png").addEventListener("click", () => {
    canvas.toBlob((blob) => download(blob, `network-${data.day}.png`), "image/png");
  });

  // Where a state is drawn, in the canvas's own pixels (for tests and automation).
  canvas.positionOf = (code) => {
    const node = nodes.find((n) => n.code === code);
    return node ? transform.apply([node.x, node.y]) : null;
  };

  fit();
  transform = home();
  selection.call(zoom.transform, transform);
  draw();
  canvas.setAttribute("aria-label", `${labels.title}: ${labels.summary}`);
  say(nodes.length ? labels.summary : labels.empty);
  canvas.dataset.firstDrawMs = String(Math.round(performance.now() - started));
  canvas.dataset.ready = "1";
  window.addEventListener("resize", () => { fit(); draw(); });
})();
