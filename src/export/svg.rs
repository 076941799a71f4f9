//! A standalone SVG 1.1 map of a [`RelationGraph`] that a person can read in a browser or
//! viewer, with no layout engine beyond this file.
//!
//! Layout: nodes start on a circle in the order of their ids (people beside the state they
//! serve, with a small jitter hashed from the id), then a Fruchterman-Reingold force layout
//! runs a fixed number of iterations: every pair repels, relation edges attract, a person is
//! tied to the state or organisation of their office (or to `node.country`) by a stiff spring,
//! memberships by a weak one, and a gravity keeps components together. Each label then gets
//! the side of its node (below, right, above, left) that the fewest edges and boxes cross, and
//! an overlap-removal pass pushes nodes apart until no label box overlaps another label box or
//! another node's shape (spreading the whole layout a little if the pushing does not settle).
//! Label widths are estimated from the characters (Arial/Helvetica advance widths, with a
//! margin for wider fallback fonts).
//!
//! Drawing: a node's shape shows its kind (state: circle, person: rounded square,
//! organisation: hexagon) and its area grows with its mentions (square-root scale, bounded);
//! an edge's colour shows its family (allies green, meets blue, opposes red; office and
//! membership context in thin dashed grey), its width the mentions (log scale, bounded), an
//! arrowhead its direction; edges are quadratic curves so that parallel edges between the same
//! pair fan out, and each pair's fan bends to the side where it crosses the fewest other nodes
//! and labels. Every edge and node has a `<title>` tooltip (kind, counts, dates and the
//! first evidence sentence; names and mentions). A legend and a title line with the counts
//! complete the map. The same graph gives a byte-identical document: there is no randomness,
//! and every loop runs in id order.

use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

use super::xml_escape;
use crate::gazetteer::lexicon::Family;
use crate::gazetteer::ActorKind;
use crate::graph::{Node, RelationEdge, RelationGraph};

/// Font size of node labels, in px.
const FONT_SIZE: f64 = 12.0;
/// Height of a label box (text plus padding).
const LABEL_H: f64 = 17.0;
/// Horizontal padding inside a label box, each side.
const LABEL_PAD_X: f64 = 3.0;
/// Gap between a node's shape and its label box.
const LABEL_GAP: f64 = 2.0;
/// Clearance the overlap removal keeps between a label and any other box.
const BOX_PAD: f64 = 3.0;
/// Clearance it keeps between two node shapes (room for the edges between them).
const SHAPE_PAD: f64 = 14.0;
/// Length and half height of an arrowhead.
const ARROW_LEN: f64 = 11.0;
const ARROW_HALF: f64 = 4.5;
/// Gap between an edge's end and the node it touches.
const EDGE_GAP: f64 = 1.5;
const MARGIN: f64 = 24.0;
/// Height of the title band.
const TITLE_H: f64 = 46.0;
const LEGEND_W: f64 = 200.0;
/// The area the force layout works in, and the box the node centres are scaled to.
const FR_W: f64 = 1000.0;
const FR_H: f64 = 700.0;
const FIT_W: f64 = 840.0;
const FIT_H: f64 = 620.0;
const ITERATIONS: usize = 600;

const FONT: &str = "Helvetica, Arial, &apos;Liberation Sans&apos;, sans-serif";
const TEXT_COLOUR: &str = "#222222";
const CONTEXT_COLOUR: &str = "#9a9a9a";

const FAMILIES: [Family; 3] = [Family::Allies, Family::Meets, Family::Opposes];

fn family_colour(f: Family) -> &'static str {
    match f {
        Family::Allies => "#2e8b3e",
        Family::Meets => "#2166c4",
        Family::Opposes => "#d0312d",
    }
}

/// (fill, stroke) of a node.
fn kind_colours(k: ActorKind) -> (&'static str, &'static str) {
    match k {
        ActorKind::State => ("#f3e2b8", "#7a5c1e"),
        ActorKind::Person => ("#fbfbfb", "#454545"),
        ActorKind::Organization => ("#ddd5ec", "#56457f"),
    }
}

/// Advance width of a character at 1 px font size (Arial metrics, per 1000 em).
fn char_em(c: char) -> f64 {
    let w = match c {
        'i' | 'j' | 'l' => 222,
        '\'' => 191,
        ' ' | 'f' | 't' | 'I' | '.' | ',' | ':' | ';' | '!' | '/' => 278,
        'r' | '-' | '(' | ')' | '[' | ']' | '"' => 333,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' | 'J' => 500,
        'm' | 'M' => 833,
        'w' | 'C' | 'D' | 'H' | 'N' | 'R' | 'U' => 722,
        'W' => 944,
        'G' | 'O' | 'Q' => 778,
        'F' | 'T' | 'Z' => 611,
        'L' => 556,
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' | '&' => 667,
        c if c.is_ascii() => 556,
        // Letters with diacritics are as wide as their base; CJK and the like a full em.
        c if (c as u32) < 0x2E80 => 600,
        _ => 1000,
    };
    w as f64 / 1000.0
}

/// Estimated width of `text` at `size` px: the Arial advance widths plus 10 % for fallback
/// fonts (DejaVu Sans is that much wider).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size * 1.1
}

/// FNV-1a: a stable hash for the jitter (std's hasher is randomly seeded).
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A number in [-1, 1) from a hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

/// A tooltip for a `<title>`: escaped, with its line breaks as character references so that
/// every element of the document stays on one line.
fn tooltip(s: &str) -> String {
    xml_escape(s).replace('\n', "&#10;")
}

/// A coordinate for the document: one decimal, never `-0.0`.
fn num(x: f64) -> String {
    let s = format!("{:.1}", x);
    if s == "-0.0" {
        "0.0".into()
    } else {
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    /// Whether the rectangles come closer than `pad`.
    fn overlaps(&self, o: &Rect, pad: f64) -> bool {
        self.x0 < o.x1 + pad && o.x0 < self.x1 + pad && self.y0 < o.y1 + pad && o.y0 < self.y1 + pad
    }

    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    /// Whether the segment from `p` to `q` crosses the rectangle (Liang-Barsky).
    fn hit_by(&self, p: (f64, f64), q: (f64, f64)) -> bool {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (den, num) in [
            (-dx, p.0 - self.x0),
            (dx, self.x1 - p.0),
            (-dy, p.1 - self.y0),
            (dy, self.y1 - p.1),
        ] {
            if den == 0.0 {
                if num < 0.0 {
                    return false;
                }
            } else {
                let t = num / den;
                if den < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// Where a label sits relative to its node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Below,
    Right,
    Above,
    Left,
}

const SIDES: [Side; 4] = [Side::Below, Side::Right, Side::Above, Side::Left];

/// A node placed on the map.
#[derive(Debug, Clone)]
struct Placed {
    x: f64,
    y: f64,
    kind: ActorKind,
    /// Size radius: the circle's radius, the hexagon's circumradius.
    r: f64,
    /// Half extents of the shape's bounding box.
    hx: f64,
    hy: f64,
    label: String,
    label_w: f64,
    side: Side,
}

impl Placed {
    fn shape(&self) -> Rect {
        Rect {
            x0: self.x - self.hx,
            y0: self.y - self.hy,
            x1: self.x + self.hx,
            y1: self.y + self.hy,
        }
    }

    fn label_at(&self, side: Side) -> Rect {
        let (w, h) = (self.label_w, LABEL_H);
        let (x, y) = (self.x, self.y);
        match side {
            Side::Below => {
                let y0 = y + self.hy + LABEL_GAP;
                Rect {
                    x0: x - w / 2.0,
                    y0,
                    x1: x + w / 2.0,
                    y1: y0 + h,
                }
            }
            Side::Above => {
                let y1 = y - self.hy - LABEL_GAP;
                Rect {
                    x0: x - w / 2.0,
                    y0: y1 - h,
                    x1: x + w / 2.0,
                    y1,
                }
            }
            Side::Right => {
                let x0 = x + self.hx + LABEL_GAP;
                Rect {
                    x0,
                    y0: y - h / 2.0,
                    x1: x0 + w,
                    y1: y + h / 2.0,
                }
            }
            Side::Left => {
                let x1 = x - self.hx - LABEL_GAP;
                Rect {
                    x0: x1 - w,
                    y0: y - h / 2.0,
                    x1,
                    y1: y + h / 2.0,
                }
            }
        }
    }

    fn label(&self) -> Rect {
        self.label_at(self.side)
    }

    /// Distance from the centre to the shape's outline along the unit vector `(ux, uy)`.
    fn boundary(&self, ux: f64, uy: f64) -> f64 {
        match self.kind {
            ActorKind::State => self.r,
            ActorKind::Person => {
                let bx = if ux.abs() > 1e-9 {
                    self.hx / ux.abs()
                } else {
                    f64::INFINITY
                };
                let by = if uy.abs() > 1e-9 {
                    self.hy / uy.abs()
                } else {
                    f64::INFINITY
                };
                bx.min(by)
            }
            ActorKind::Organization => {
                // Flat-topped hexagon: the apothem over the cosine to the nearest side normal.
                let apothem = self.r * 3f64.sqrt() / 2.0;
                let theta = uy.atan2(ux);
                let m = ((theta - PI / 6.0) / (PI / 3.0)).round();
                let normal = PI / 6.0 + m * PI / 3.0;
                apothem / (theta - normal).cos()
            }
        }
    }
}

/// The size radius of a node: grows with the square root of its mentions, bounded.
fn node_radius(mentions: usize) -> f64 {
    (7.0 + 2.6 * (mentions as f64).sqrt()).clamp(9.0, 30.0)
}

/// The stroke width of a relation edge: grows with the logarithm of its mentions, bounded.
fn edge_width(mentions: usize) -> f64 {
    (1.4 + 1.3 * (mentions.max(1) as f64).ln()).clamp(1.4, 5.0)
}

/// The graph reduced to what the layout needs: nodes in id order and weighted springs.
struct Model<'g> {
    nodes: Vec<&'g Node>,
    index: BTreeMap<&'g str, usize>,
    /// (i, j) with i < j → summed mentions of the relation edges between them.
    relations: BTreeMap<(usize, usize), usize>,
    /// Person → the state or organisation they serve.
    homes: BTreeMap<usize, Vec<usize>>,
    /// (state, organisation) memberships.
    members: Vec<(usize, usize)>,
    /// Estimated label text widths.
    label_w: Vec<f64>,
}

impl<'g> Model<'g> {
    fn new(g: &'g RelationGraph) -> Model<'g> {
        let mut nodes: Vec<&Node> = g.nodes.iter().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes.dedup_by(|a, b| a.id == b.id);
        let index: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut relations = BTreeMap::new();
        for e in &g.edges {
            if let (Some(&s), Some(&t)) =
                (index.get(e.source.as_str()), index.get(e.target.as_str()))
            {
                if s != t {
                    *relations.entry((s.min(t), s.max(t))).or_insert(0) += e.mentions.max(1);
                }
            }
        }
        let mut homes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut members = Vec::new();
        for c in &g.context {
            if let (Some(&s), Some(&t)) =
                (index.get(c.source.as_str()), index.get(c.target.as_str()))
            {
                if s == t {
                    continue;
                }
                if c.context == "office" {
                    homes.entry(s).or_default().push(t);
                } else {
                    members.push((s, t));
                }
            }
        }
        for (i, n) in nodes.iter().enumerate() {
            if n.kind != ActorKind::Person {
                continue;
            }
            if let Some(&c) = n.country.as_deref().and_then(|c| index.get(c)) {
                if c != i {
                    homes.entry(i).or_default().push(c);
                }
            }
        }
        for h in homes.values_mut() {
            h.sort_unstable();
            h.dedup();
        }
        members.sort_unstable();
        members.dedup();
        let label_w = nodes
            .iter()
            .map(|n| text_width(label_text(n), FONT_SIZE))
            .collect();
        Model {
            label_w,
            nodes,
            index,
            relations,
            homes,
            members,
        }
    }
}

/// Fruchterman-Reingold with a fixed number of iterations, from a deterministic start.
fn force_layout(m: &Model) -> Vec<(f64, f64)> {
    let n = m.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    let k = 0.8 * (FR_W * FR_H / n as f64).sqrt();
    // Start: states and organisations on a circle by id, people beside their home.
    let mut pos = vec![(0.0, 0.0); n];
    let ring: Vec<usize> = (0..n)
        .filter(|i| m.nodes[*i].kind != ActorKind::Person || !m.homes.contains_key(i))
        .collect();
    let radius = FR_H * 0.4;
    for (slot, &i) in ring.iter().enumerate() {
        let a = 2.0 * PI * slot as f64 / ring.len() as f64 - PI / 2.0;
        let h = fnv(&m.nodes[i].id);
        pos[i] = (
            radius * a.cos() + 6.0 * unit(h),
            radius * a.sin() + 6.0 * unit(h.rotate_left(32)),
        );
    }
    for (&i, home) in &m.homes {
        if ring.contains(&i) {
            continue;
        }
        let anchor = home
            .iter()
            .copied()
            .find(|h| ring.contains(h))
            .unwrap_or(home[0]);
        let a = unit(fnv(&m.nodes[i].id)) * PI;
        let base = if ring.contains(&anchor) {
            pos[anchor]
        } else {
            (0.0, 0.0)
        };
        pos[i] = (base.0 + 0.35 * k * a.cos(), base.1 + 0.35 * k * a.sin());
    }

    // Springs: (i, j, weight).
    let mut springs: Vec<(usize, usize, f64)> = Vec::new();
    for (&(i, j), &mentions) in &m.relations {
        springs.push((i, j, 1.0 + 0.15 * (mentions as f64).ln()));
    }
    for (&i, home) in &m.homes {
        for &h in home {
            springs.push((i, h, 10.0 / home.len() as f64));
        }
    }
    for &(s, o) in &m.members {
        springs.push((s, o, 0.15));
    }
    let gravity = 2.0 / (n as f64).sqrt();
    let t0 = FR_W / 8.0;
    let mut disp = vec![(0.0, 0.0); n];
    for it in 0..ITERATIONS {
        for d in disp.iter_mut() {
            *d = (0.0, 0.0);
        }
        for i in 0..n {
            for j in (i + 1)..n {
                let (mut dx, mut dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let mut d2 = dx * dx + dy * dy;
                if d2 < 1e-6 {
                    // Coincident: separate along a direction fixed by the pair.
                    let a = (i * 7 + j * 13) as f64;
                    dx = a.cos() * 0.1;
                    dy = a.sin() * 0.1;
                    d2 = 0.01;
                }
                // Repulsion k²/d, scaled with the nodes' label widths so wide labels get room.
                let size = 1.0 + (m.label_w[i] + m.label_w[j]) / (4.0 * k);
                let f = k * k * size / d2; // = (k²/d) / d, times the unit vector's d
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(i, j, w) in &springs {
            let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
            let d = (dx * dx + dy * dy).sqrt();
            let f = w * d / k; // = (w d²/k) / d
            disp[i].0 -= dx * f;
            disp[i].1 -= dy * f;
            disp[j].0 += dx * f;
            disp[j].1 += dy * f;
        }
        for i in 0..n {
            let (x, y) = pos[i];
            let d = (x * x + y * y).sqrt();
            let f = gravity * d / k;
            disp[i].0 -= x * f;
            disp[i].1 -= y * f;
        }
        let t = t0 * (1.0 - it as f64 / ITERATIONS as f64) + 0.5;
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt();
            if d > 1e-9 {
                let s = d.min(t) / d;
                pos[i].0 += dx * s;
                pos[i].1 += dy * s;
            }
        }
    }
    pos
}

fn label_text(n: &Node) -> &str {
    if n.label.trim().is_empty() {
        &n.id
    } else {
        &n.label
    }
}

/// The full layout: forces, scaling into the drawing area, label sides, overlap removal.
fn layout(m: &Model) -> Vec<Placed> {
    let mut pos = force_layout(m);
    let n = pos.len();
    // Turn the layout's long axis horizontal, to fill a landscape page.
    if n > 1 {
        let cx = pos.iter().map(|p| p.0).sum::<f64>() / n as f64;
        let cy = pos.iter().map(|p| p.1).sum::<f64>() / n as f64;
        let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
        for &(x, y) in &pos {
            sxx += (x - cx) * (x - cx);
            syy += (y - cy) * (y - cy);
            sxy += (x - cx) * (y - cy);
        }
        let a = -0.5 * (2.0 * sxy).atan2(sxx - syy);
        let (sin, cos) = a.sin_cos();
        for p in pos.iter_mut() {
            let (x, y) = (p.0 - cx, p.1 - cy);
            *p = (x * cos - y * sin, x * sin + y * cos);
        }
    }
    // Scale the centres into the drawing area (never by more than 2).
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    // Graphs beyond the seeds' size get a little more room.
    let grow = (n as f64 / 25.0).sqrt().clamp(1.0, 1.35);
    let s = if n > 1 {
        (grow * FIT_W / (x1 - x0).max(1.0))
            .min(grow * FIT_H / (y1 - y0).max(1.0))
            .min(2.0)
    } else {
        1.0
    };
    let mut placed: Vec<Placed> = (0..n)
        .map(|i| {
            let node = m.nodes[i];
            let r = node_radius(node.mentions);
            let (hx, hy) = match node.kind {
                ActorKind::State => (r, r),
                ActorKind::Person => (0.82 * r, 0.82 * r),
                ActorKind::Organization => (r, r * 3f64.sqrt() / 2.0),
            };
            let label = label_text(node).to_string();
            let label_w = m.label_w[i] + 2.0 * LABEL_PAD_X;
            Placed {
                x: (pos[i].0 - x0) * s,
                y: (pos[i].1 - y0) * s,
                kind: node.kind,
                r,
                hx,
                hy,
                label,
                label_w,
                side: Side::Below,
            }
        })
        .collect();
    let segments: Vec<(usize, usize)> = m
        .relations
        .keys()
        .copied()
        .chain(
            m.homes
                .iter()
                .flat_map(|(&i, h)| h.iter().map(move |&j| (i, j))),
        )
        .chain(m.members.iter().copied())
        .collect();
    choose_sides(&mut placed, &segments);
    remove_overlaps(&mut placed);
    for _ in 0..4 {
        if !choose_sides(&mut placed, &segments) {
            break;
        }
        remove_overlaps(&mut placed);
    }
    placed
}

/// Gives each label the side with the fewest boxes and edges in the way; returns whether a
/// side changed.
fn choose_sides(p: &mut [Placed], segments: &[(usize, usize)]) -> bool {
    let mut changed = false;
    for i in 0..p.len() {
        let mut best = (f64::MAX, p[i].side);
        for (rank, &side) in SIDES.iter().enumerate() {
            let r = p[i].label_at(side);
            let mut score = rank as f64 * 0.3;
            for (j, o) in p.iter().enumerate() {
                if j == i {
                    continue;
                }
                if r.overlaps(&o.shape(), BOX_PAD) {
                    score += 10.0;
                }
                if r.overlaps(&o.label(), BOX_PAD) {
                    score += 10.0;
                }
            }
            for &(a, b) in segments {
                if r.hit_by((p[a].x, p[a].y), (p[b].x, p[b].y)) {
                    score += if a == i || b == i { 3.0 } else { 1.0 };
                }
            }
            if score < best.0 {
                best = (score, side);
            }
        }
        if best.1 != p[i].side {
            p[i].side = best.1;
            changed = true;
        }
    }
    changed
}

/// The push that separates `a` from `b` by `pad`, as the move of `a` (b moves the opposite
/// way), along the axis that needs the smaller move; `None` if they are apart.
fn separation(a: &Rect, b: &Rect, pad: f64) -> Option<(f64, f64)> {
    if !a.overlaps(b, pad) {
        return None;
    }
    let ox = (a.x1 + pad - b.x0).min(b.x1 + pad - a.x0) + 0.01;
    let oy = (a.y1 + pad - b.y0).min(b.y1 + pad - a.y0) + 0.01;
    if ox <= oy {
        let sign = if a.cx() <= b.cx() { -1.0 } else { 1.0 };
        Some((sign * ox / 2.0, 0.0))
    } else {
        let sign = if a.cy() <= b.cy() { -1.0 } else { 1.0 };
        Some((0.0, sign * oy / 2.0))
    }
}

/// Pushes nodes apart until no label box comes within `BOX_PAD` of another label box or node
/// shape, and no two shapes within `SHAPE_PAD`. If the pushing does not settle, the layout is
/// spread by 10 % and the pushing goes on, so it always ends.
fn remove_overlaps(p: &mut [Placed]) {
    let n = p.len();
    for _spread in 0..60 {
        for _ in 0..300 {
            let mut moved = false;
            for i in 0..n {
                for j in (i + 1)..n {
                    for a in 0..2 {
                        for b in 0..2 {
                            let ra = if a == 0 { p[i].shape() } else { p[i].label() };
                            let rb = if b == 0 { p[j].shape() } else { p[j].label() };
                            let pad = if a == 0 && b == 0 { SHAPE_PAD } else { BOX_PAD };
                            if let Some((dx, dy)) = separation(&ra, &rb, pad) {
                                p[i].x += dx;
                                p[i].y += dy;
                                p[j].x -= dx;
                                p[j].y -= dy;
                                moved = true;
                            }
                        }
                    }
                }
            }
            if !moved {
                return;
            }
        }
        let cx = p.iter().map(|q| q.x).sum::<f64>() / n as f64;
        let cy = p.iter().map(|q| q.y).sum::<f64>() / n as f64;
        for q in p.iter_mut() {
            q.x = cx + (q.x - cx) * 1.1;
            q.y = cy + (q.y - cy) * 1.1;
        }
    }
}

/// One drawn edge: a relation edge or the merged context edges of a pair.
enum Drawn<'g> {
    Relation(&'g RelationEdge),
    Context {
        source: usize,
        target: usize,
        lines: Vec<String>,
    },
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn edge_tooltip(e: &RelationEdge, m: &Model) -> String {
    let name = |id: &str| {
        m.index
            .get(id)
            .map(|&i| label_text(m.nodes[i]).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let arrow = if e.directed { "→" } else { "—" };
    let mut t = format!(
        "{} {arrow} {}\n{} ({}{})\n{}, {}, confidence {:.2}",
        name(&e.source),
        name(&e.target),
        e.kind,
        e.relation.as_str(),
        if e.directed { ", directed" } else { "" },
        plural(e.mentions, "mention", "mentions"),
        plural(e.documents, "document", "documents"),
        e.confidence,
    );
    let dates = match (&e.first_date, &e.last_date) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) | (None, Some(a)) => a.clone(),
        (None, None) => "undated".into(),
    };
    if e.hedged_share > 0.0 {
        let _ = write!(t, ", {:.0} % hedged", e.hedged_share * 100.0);
    }
    let _ = write!(t, "\ndates: {dates}");
    if let Some(ev) = e.evidence.first() {
        let mut sentence = collapse_ws(&ev.sentence);
        if sentence.chars().count() > 400 {
            sentence = sentence.chars().take(399).collect::<String>() + "…";
        }
        let total = e.evidence.len() + e.evidence_omitted;
        if total > 1 {
            let _ = write!(t, "\nevidence (1 of {total}):");
        }
        let _ = write!(t, "\n“{sentence}”\n({}", ev.doc);
        if let Some(d) = &ev.date {
            let _ = write!(t, ", {d}");
        }
        t.push(')');
    }
    t
}

fn node_tooltip(n: &Node) -> String {
    let mut t = format!("{} ({})", label_text(n), n.kind.as_str());
    if !n.name_en.is_empty() {
        let _ = write!(t, "\nEnglish: {}", n.name_en);
    }
    if !n.name_de.is_empty() {
        let _ = write!(t, "\nGerman: {}", n.name_de);
    }
    let _ = write!(t, "\nid: {}", n.id);
    if let Some(c) = n.country.as_deref().filter(|c| *c != n.id) {
        let _ = write!(t, ", country: {c}");
    }
    let _ = write!(t, "\n{}", plural(n.mentions, "mention", "mentions"));
    t
}

/// The edges between one pair of nodes: context (source, target, tooltip line) and relations.
type Pair<'g> = (Vec<(usize, usize, String)>, Vec<&'g RelationEdge>);

/// The edges to draw with the curvature offset of each, grouped by node pair.
fn drawn_edges<'g>(g: &'g RelationGraph, m: &Model, p: &[Placed]) -> Vec<(Drawn<'g>, f64)> {
    // (lo, hi) → context lines and relation edges.
    let mut pairs: BTreeMap<(usize, usize), Pair> = BTreeMap::new();
    for c in &g.context {
        let (Some(&s), Some(&t)) = (
            m.index.get(c.source.as_str()),
            m.index.get(c.target.as_str()),
        ) else {
            continue;
        };
        if s == t {
            continue;
        }
        let mut line = if c.context == "office" {
            format!("office: {}", c.label)
        } else {
            c.label.clone()
        };
        match (&c.from, &c.to) {
            (Some(f), Some(t)) => {
                let _ = write!(line, " ({f} – {t})");
            }
            (Some(f), None) => {
                let _ = write!(line, " (since {f})");
            }
            (None, Some(t)) => {
                let _ = write!(line, " (until {t})");
            }
            (None, None) => {}
        }
        pairs
            .entry((s.min(t), s.max(t)))
            .or_default()
            .0
            .push((s, t, line));
    }
    for e in &g.edges {
        let (Some(&s), Some(&t)) = (
            m.index.get(e.source.as_str()),
            m.index.get(e.target.as_str()),
        ) else {
            continue;
        };
        if s == t {
            continue;
        }
        pairs.entry((s.min(t), s.max(t))).or_default().1.push(e);
    }
    let mut context = Vec::new();
    let mut relations = Vec::new();
    for ((lo, hi), (ctx, rels)) in pairs {
        // Offsets in units of the pair's spacing: parallel edges fan out symmetrically,
        // around the context line if there is one.
        let count = rels.len() + usize::from(!ctx.is_empty());
        let base: Vec<f64> = (0..count)
            .map(|i| i as f64 - (count as f64 - 1.0) / 2.0)
            .collect();
        // The whole fan bends to the side where it crosses the fewest other nodes and labels;
        // a lone edge bends a little anyway.
        let lone = count == 1;
        let mut best = (f64::MAX, 0.0);
        for (rank, shift) in SHIFTS.iter().enumerate() {
            let shift = if lone {
                *shift + 0.4f64.copysign(*shift + 0.01)
            } else {
                *shift
            };
            let mut score = rank as f64 * 0.4;
            for b in &base {
                score += curve_cost(p, lo, hi, b + shift);
            }
            if score < best.0 {
                best = (score, shift);
            }
        }
        let mut offsets = base.into_iter().map(|b| b + best.1);
        if !ctx.is_empty() {
            let (source, target) = (ctx[0].0, ctx[0].1);
            let mut lines: Vec<String> = ctx.into_iter().map(|c| c.2).collect();
            lines.dedup();
            let offset = offsets.next().expect("an offset per edge");
            context.push((
                Drawn::Context {
                    source,
                    target,
                    lines,
                },
                offset,
            ));
        }
        for e in rels {
            relations.push((
                Drawn::Relation(e),
                offsets.next().expect("an offset per edge"),
            ));
        }
    }
    context.extend(relations);
    context
}

/// Whole-fan shifts tried, in order of preference.
const SHIFTS: [f64; 9] = [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.0, -4.0];

/// How badly the curve between nodes `lo` and `hi` at `offset` runs through other nodes'
/// shapes (heavily) and labels (lightly), sampled along its length.
fn curve_cost(p: &[Placed], lo: usize, hi: usize, offset: f64) -> f64 {
    let (p0, c, p2) = edge_geometry(&p[lo], &p[hi], true, offset, false);
    let mut cost = 0.0;
    for k in 1..24 {
        let t = k as f64 / 24.0;
        let u = 1.0 - t;
        let x = u * u * p0.0 + 2.0 * u * t * c.0 + t * t * p2.0;
        let y = u * u * p0.1 + 2.0 * u * t * c.1 + t * t * p2.1;
        let dot = Rect {
            x0: x,
            y0: y,
            x1: x,
            y1: y,
        };
        for (j, q) in p.iter().enumerate() {
            if j == lo || j == hi {
                continue;
            }
            if dot.overlaps(&q.shape(), 5.0) {
                cost += 10.0;
            }
            if dot.overlaps(&q.label(), 1.0) {
                cost += 1.5;
            }
        }
    }
    cost
}

/// Geometry of an edge from `a` to `b`: start, control and end points, trimmed to the shapes.
fn edge_geometry(
    a: &Placed,
    b: &Placed,
    canonical: bool,
    offset: f64,
    arrow: bool,
) -> ((f64, f64), (f64, f64), (f64, f64)) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    // The normal of the pair's canonical direction (lower index to higher), so that the
    // offsets of both directions count on the same side.
    let (nx, ny) = if canonical {
        (-dy / len, dx / len)
    } else {
        (dy / len, -dx / len)
    };
    let spacing = (len * 0.16).clamp(16.0, 42.0);
    let c = (
        (a.x + b.x) / 2.0 + nx * offset * spacing,
        (a.y + b.y) / 2.0 + ny * offset * spacing,
    );
    let towards = |from: &Placed, to: (f64, f64)| {
        let (ux, uy) = (to.0 - from.x, to.1 - from.y);
        let l = (ux * ux + uy * uy).sqrt().max(1e-6);
        (ux / l, uy / l)
    };
    let (ux, uy) = towards(a, c);
    let start_trim = a.boundary(ux, uy) + EDGE_GAP;
    let p0 = (a.x + ux * start_trim, a.y + uy * start_trim);
    let (vx, vy) = towards(b, c);
    let end_trim = b.boundary(vx, vy) + EDGE_GAP + if arrow { ARROW_LEN } else { 0.0 };
    let p2 = (b.x + vx * end_trim, b.y + vy * end_trim);
    (p0, c, p2)
}

/// The map as a standalone SVG 1.1 document.
pub fn render(g: &RelationGraph) -> String {
    let m = Model::new(g);
    let mut placed = layout(&m);
    let edges = drawn_edges(g, &m, &placed);

    // Canvas: the layout's bounds (shapes, labels and edge curves) with margins, the title
    // band above and the legend column to the right.
    let mut bounds: Option<Rect> = None;
    for p in &placed {
        let r = p.shape().union(&p.label());
        bounds = Some(bounds.map_or(r, |b| b.union(&r)));
    }
    for (d, offset) in &edges {
        let (s, t) = match d {
            Drawn::Relation(e) => (m.index[e.source.as_str()], m.index[e.target.as_str()]),
            Drawn::Context { source, target, .. } => (*source, *target),
        };
        let (_, c, _) = edge_geometry(&placed[s], &placed[t], s < t, *offset, false);
        // A quadratic curve's apex lies halfway between its chord's midpoint and the control.
        let mx = (placed[s].x + placed[t].x) / 4.0 + c.0 / 2.0;
        let my = (placed[s].y + placed[t].y) / 4.0 + c.1 / 2.0;
        let r = Rect {
            x0: mx - 4.0,
            y0: my - 4.0,
            x1: mx + 4.0,
            y1: my + 4.0,
        };
        bounds = bounds.map(|b| b.union(&r));
    }
    let b = bounds.unwrap_or(Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 400.0,
        y1: 300.0,
    });
    let (ox, oy) = (MARGIN - b.x0, TITLE_H + MARGIN - b.y0);
    for p in placed.iter_mut() {
        p.x += ox;
        p.y += oy;
    }
    let graph_w = b.x1 - b.x0;
    let graph_h = b.y1 - b.y0;
    let legend_x = MARGIN + graph_w + 2.0 * MARGIN;
    let legend_h = 318.0;
    let title = format!(
        "geokg relation map: {}, {}, {} (from {})",
        plural(m.nodes.len(), "node", "nodes"),
        plural(g.edges.len(), "relation edge", "relation edges"),
        plural(g.context.len(), "context edge", "context edges"),
        plural(g.documents, "document", "documents"),
    );
    let mut subtitle = String::from("Hover over a node or an edge for its details and evidence.");
    if g.options.from.is_some() || g.options.to.is_some() {
        let f = g
            .options
            .from
            .map(|d| d.to_string())
            .unwrap_or_else(|| "…".into());
        let t = g
            .options
            .to
            .map(|d| d.to_string())
            .unwrap_or_else(|| "…".into());
        subtitle = format!("Relations dated {f} – {t}. {subtitle}");
    }
    let width = (legend_x + LEGEND_W + MARGIN)
        .max(2.0 * MARGIN + text_width(&title, 16.0))
        .ceil();
    let height = (TITLE_H + 2.0 * MARGIN + graph_h.max(legend_h)).ceil();

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\">",
        w = width,
        h = height,
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(&title));
    out.push_str("<defs>\n");
    for f in FAMILIES {
        let _ = writeln!(
            out,
            "<marker id=\"arrow-{name}\" viewBox=\"0 0 {l} {h2}\" refX=\"0\" refY=\"{h}\" markerUnits=\"userSpaceOnUse\" markerWidth=\"{l}\" markerHeight=\"{h2}\" orient=\"auto\"><path d=\"M0,0 L{l},{h} L0,{h2} Z\" fill=\"{c}\"/></marker>",
            name = f.as_str(),
            l = num(ARROW_LEN),
            h = num(ARROW_HALF),
            h2 = num(2.0 * ARROW_HALF),
            c = family_colour(f),
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"16\" font-weight=\"bold\" fill=\"{TEXT_COLOUR}\">{}</text>",
        num(MARGIN),
        num(MARGIN + 4.0),
        xml_escape(&title)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#666666\">{}</text>",
        num(MARGIN),
        num(MARGIN + 21.0),
        xml_escape(&subtitle)
    );

    // Edges: context underneath, then relations.
    out.push_str("<g id=\"edges\" fill=\"none\">\n");
    for (d, offset) in &edges {
        match d {
            Drawn::Context {
                source,
                target,
                lines,
            } => {
                let (s, t) = (*source, *target);
                let (p0, c, p2) = edge_geometry(&placed[s], &placed[t], s < t, *offset, false);
                let tip = format!(
                    "{} — {}\n{}",
                    placed[s].label,
                    placed[t].label,
                    lines.join("\n")
                );
                let _ = writeln!(
                    out,
                    "<g class=\"context\"><title>{}</title><path d=\"M{},{} Q{},{} {},{}\" stroke=\"{CONTEXT_COLOUR}\" stroke-width=\"1.2\" stroke-dasharray=\"5,4\"/></g>",
                    tooltip(&tip),
                    num(p0.0), num(p0.1), num(c.0), num(c.1), num(p2.0), num(p2.1),
                );
            }
            Drawn::Relation(e) => {
                let (s, t) = (m.index[e.source.as_str()], m.index[e.target.as_str()]);
                let (p0, c, p2) = edge_geometry(&placed[s], &placed[t], s < t, *offset, e.directed);
                let colour = family_colour(e.relation);
                let marker = if e.directed {
                    format!(" marker-end=\"url(#arrow-{})\"", e.relation.as_str())
                } else {
                    String::new()
                };
                let d = format!(
                    "M{},{} Q{},{} {},{}",
                    num(p0.0),
                    num(p0.1),
                    num(c.0),
                    num(c.1),
                    num(p2.0),
                    num(p2.1)
                );
                let _ = writeln!(
                    out,
                    "<g class=\"edge {fam}\"><title>{tip}</title><path d=\"{d}\" stroke=\"#000000\" stroke-opacity=\"0\" stroke-width=\"9\"/><path d=\"{d}\" stroke=\"{colour}\" stroke-opacity=\"0.85\" stroke-width=\"{w}\"{marker}/></g>",
                    fam = e.relation.as_str(),
                    tip = tooltip(&edge_tooltip(e, &m)),
                    w = num(edge_width(e.mentions)),
                );
            }
        }
    }
    out.push_str("</g>\n");

    // Nodes, then labels on top of everything.
    out.push_str("<g id=\"nodes\">\n");
    for (i, p) in placed.iter().enumerate() {
        let node = m.nodes[i];
        let (fill, stroke) = kind_colours(p.kind);
        let _ = write!(
            out,
            "<g class=\"node {}\"><title>{}</title>",
            p.kind.as_str(),
            tooltip(&node_tooltip(node))
        );
        out.push_str(&shape_svg(p.kind, p.x, p.y, p.r, fill, stroke, 1.5));
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g id=\"labels\" font-size=\"12\">\n");
    for (i, p) in placed.iter().enumerate() {
        let r = p.label();
        let _ = writeln!(
            out,
            "<g class=\"label\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.82\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT_COLOUR}\">{}</text></g>",
            tooltip(&node_tooltip(m.nodes[i])),
            num(r.x0),
            num(r.y0),
            num(r.x1 - r.x0),
            num(r.y1 - r.y0),
            num(r.cx()),
            num(r.cy() + FONT_SIZE * 0.35),
            xml_escape(&p.label),
        );
    }
    out.push_str("</g>\n");

    legend(&mut out, legend_x, TITLE_H + MARGIN, legend_h);
    out.push_str("</svg>\n");
    out
}

/// The SVG of a node shape centred on (x, y) with size radius r.
fn shape_svg(kind: ActorKind, x: f64, y: f64, r: f64, fill: &str, stroke: &str, sw: f64) -> String {
    match kind {
        ActorKind::State => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
            num(x),
            num(y),
            num(r),
            num(sw)
        ),
        ActorKind::Person => {
            let h = 0.82 * r;
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
                num(x - h),
                num(y - h),
                num(2.0 * h),
                num(2.0 * h),
                num(0.35 * h),
                num(sw)
            )
        }
        ActorKind::Organization => {
            let pts: Vec<String> = (0..6)
                .map(|k| {
                    let a = PI / 3.0 * k as f64;
                    format!("{},{}", num(x + r * a.cos()), num(y + r * a.sin()))
                })
                .collect();
            format!(
                "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
                pts.join(" "),
                num(sw)
            )
        }
    }
}

/// The legend box at (x, y).
fn legend(out: &mut String, x: f64, y: f64, h: f64) {
    let _ = writeln!(
        out,
        "<g id=\"legend\" font-size=\"12\" fill=\"{TEXT_COLOUR}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#fafafa\" stroke=\"#c8c8c8\"/>",
        num(x),
        num(y),
        num(LEGEND_W),
        num(h)
    );
    let tx = x + 14.0;
    let mut cy = y + 22.0;
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Relations</text>",
        num(tx),
        num(cy)
    );
    cy += 22.0;
    for f in FAMILIES {
        let _ = writeln!(
            out,
            "<path d=\"M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"2.5\" marker-end=\"url(#arrow-{})\"/><text x=\"{}\" y=\"{}\">{}</text>",
            num(tx),
            num(cy - 4.0),
            num(tx + 30.0),
            num(cy - 4.0),
            family_colour(f),
            f.as_str(),
            num(tx + 50.0),
            num(cy),
            f.as_str()
        );
        cy += 20.0;
    }
    let _ = writeln!(
        out,
        "<path d=\"M{},{} L{},{}\" stroke=\"{CONTEXT_COLOUR}\" stroke-width=\"1.2\" stroke-dasharray=\"5,4\"/><text x=\"{}\" y=\"{}\">office, membership</text>",
        num(tx),
        num(cy - 4.0),
        num(tx + 40.0),
        num(cy - 4.0),
        num(tx + 50.0),
        num(cy)
    );
    cy += 20.0;
    for line in [
        "arrow: directed (source → target)",
        "no arrow: mutual",
        "width: mentions (log scale)",
    ] {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555555\">{}</text>",
            num(tx),
            num(cy),
            xml_escape(line)
        );
        cy += 16.0;
    }
    cy += 14.0;
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">Actors</text>",
        num(tx),
        num(cy)
    );
    cy += 24.0;
    for kind in [ActorKind::State, ActorKind::Person, ActorKind::Organization] {
        let (fill, stroke) = kind_colours(kind);
        out.push_str(&shape_svg(
            kind,
            tx + 15.0,
            cy - 4.0,
            10.0,
            fill,
            stroke,
            1.5,
        ));
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(tx + 50.0),
            num(cy),
            kind.as_str()
        );
        cy += 28.0;
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555555\">size: mentions (square root)</text>",
        num(tx),
        num(cy - 6.0)
    );
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ContextEdge, Evidence, GraphOptions};

    fn node(
        id: &str,
        kind: ActorKind,
        label: &str,
        country: Option<&str>,
        mentions: usize,
    ) -> Node {
        Node {
            id: id.into(),
            kind,
            label: label.into(),
            name_de: label.into(),
            name_en: label.into(),
            country: country.map(str::to_string),
            mentions,
        }
    }

    fn edge(
        s: &str,
        t: &str,
        relation: Family,
        kind: &str,
        directed: bool,
        mentions: usize,
    ) -> RelationEdge {
        RelationEdge {
            source: s.into(),
            target: t.into(),
            relation,
            kind: kind.into(),
            directed,
            mentions,
            documents: mentions.div_ceil(2),
            first_date: Some("2025-07-19".into()),
            last_date: Some("2025-08".into()),
            confidence: 0.8,
            hedged_share: 0.0,
            cameo: "05".into(),
            plover: "AGREE".into(),
            evidence: vec![Evidence {
                doc: "d1".into(),
                date: Some("2025-07-19".into()),
                sentence: format!("{s} & {t} <said> \"things\"."),
                start: 0,
                end: 10,
                pattern: "p".into(),
                confidence: 0.8,
                hedged: false,
                negated: false,
            }],
            evidence_omitted: 0,
        }
    }

    fn office(person: &str, state: &str) -> ContextEdge {
        ContextEdge {
            source: person.into(),
            target: state.into(),
            context: "office".into(),
            label: "president".into(),
            from: Some("2020".into()),
            to: None,
        }
    }

    /// A synthetic graph of the seeds' size: 11 states, 10 people, 4 organisations, with long
    /// labels, parallel edges both ways, offices and memberships.
    fn synthetic() -> RelationGraph {
        let states = [
            ("CHN", "China", 13),
            ("COD", "Democratic Republic of the Congo", 4),
            ("DEU", "Germany", 20),
            ("FRA", "France", 9),
            ("GBR", "United Kingdom", 11),
            ("IRN", "Iran", 6),
            ("PRK", "North Korea", 71),
            ("RUS", "Russia", 65),
            ("UKR", "Ukraine", 25),
            ("USA", "United States", 30),
            ("VEN", "Venezuela", 2),
        ];
        let people = [
            ("donald-trump", "Donald Trump", "USA", 26),
            ("kim-jong-un", "Kim Jong-un", "PRK", 49),
            ("vladimir-putin", "Vladimir Putin", "RUS", 31),
            ("xi-jinping", "Xi Jinping", "CHN", 12),
            ("volodymyr-zelensky", "Volodymyr Zelensky", "UKR", 18),
            ("friedrich-merz", "Friedrich Merz", "DEU", 8),
            ("emmanuel-macron", "Emmanuel Macron", "FRA", 7),
            ("keir-starmer", "Keir Starmer", "GBR", 5),
            ("masoud-pezeshkian", "Masoud Pezeshkian", "IRN", 1),
            ("sergei-lavrov", "Sergei Lavrov", "RUS", 3),
        ];
        let orgs = [
            ("EU", "European Union", 10),
            ("NATO", "NATO", 14),
            ("UNSC", "UN Security Council", 1),
            ("BRICS", "BRICS", 2),
        ];
        let mut nodes = Vec::new();
        for (id, label, m) in states {
            nodes.push(node(id, ActorKind::State, label, Some(id), m));
        }
        for (id, label, c, m) in people {
            nodes.push(node(id, ActorKind::Person, label, Some(c), m));
        }
        for (id, label, m) in orgs {
            nodes.push(node(id, ActorKind::Organization, label, None, m));
        }
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        use Family::*;
        let mut edges = vec![
            edge("CHN", "IRN", Allies, "alliance", false, 1),
            edge("CHN", "PRK", Allies, "alliance", false, 1),
            edge("CHN", "RUS", Allies, "alliance", false, 2),
            edge("PRK", "RUS", Allies, "alliance", false, 2),
            edge("PRK", "RUS", Allies, "supports", true, 2),
            edge("RUS", "PRK", Opposes, "attacks", true, 1),
            edge("RUS", "UKR", Opposes, "attacks", true, 3),
            edge("RUS", "UKR", Allies, "supports", true, 1),
            edge("UKR", "RUS", Opposes, "attacks", true, 2),
            edge("UNSC", "PRK", Opposes, "sanctions", true, 1),
            edge("USA", "PRK", Opposes, "demands", true, 1),
            edge("USA", "RUS", Opposes, "demands", true, 1),
            edge("donald-trump", "kim-jong-un", Meets, "meets", false, 2),
            edge("donald-trump", "vladimir-putin", Meets, "meets", false, 4),
            edge(
                "donald-trump",
                "vladimir-putin",
                Opposes,
                "threatens",
                true,
                1,
            ),
            edge("kim-jong-un", "vladimir-putin", Allies, "supports", true, 6),
            edge(
                "kim-jong-un",
                "vladimir-putin",
                Allies,
                "alliance",
                false,
                3,
            ),
            edge(
                "volodymyr-zelensky",
                "donald-trump",
                Meets,
                "meets",
                false,
                5,
            ),
            edge(
                "volodymyr-zelensky",
                "friedrich-merz",
                Meets,
                "meets",
                false,
                2,
            ),
            edge(
                "emmanuel-macron",
                "friedrich-merz",
                Meets,
                "meets",
                false,
                1,
            ),
            edge(
                "keir-starmer",
                "volodymyr-zelensky",
                Allies,
                "supports",
                true,
                3,
            ),
            edge("EU", "UKR", Allies, "supports", true, 4),
            edge("NATO", "RUS", Opposes, "demands", true, 2),
            edge("EU", "RUS", Opposes, "sanctions", true, 3),
            edge("xi-jinping", "vladimir-putin", Meets, "meets", false, 2),
            edge("masoud-pezeshkian", "xi-jinping", Meets, "meets", false, 1),
            edge("BRICS", "CHN", Allies, "alliance", false, 1),
            edge("COD", "CHN", Allies, "supports", true, 1),
            edge("VEN", "RUS", Allies, "supports", true, 1),
            edge("sergei-lavrov", "IRN", Meets, "meets", false, 1),
            edge("USA", "VEN", Opposes, "threatens", true, 2),
            edge("GBR", "FRA", Allies, "alliance", false, 1),
        ];
        edges.sort_by(|a, b| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)));
        let mut context: Vec<ContextEdge> = people.iter().map(|p| office(p.0, p.2)).collect();
        for (s, o) in [
            ("DEU", "EU"),
            ("FRA", "EU"),
            ("DEU", "NATO"),
            ("FRA", "NATO"),
            ("GBR", "NATO"),
            ("USA", "NATO"),
            ("CHN", "UNSC"),
            ("RUS", "UNSC"),
            ("USA", "UNSC"),
            ("FRA", "UNSC"),
            ("GBR", "UNSC"),
            ("CHN", "BRICS"),
            ("RUS", "BRICS"),
            ("IRN", "BRICS"),
        ] {
            context.push(ContextEdge {
                source: s.into(),
                target: o.into(),
                context: "member".into(),
                label: "member of".into(),
                from: None,
                to: None,
            });
        }
        context.sort();
        RelationGraph {
            options: GraphOptions::default(),
            documents: 5,
            nodes,
            edges,
            context,
        }
    }

    /// A minimal well-formedness check: tags balance, attributes are quoted, text holds no
    /// raw `<` and every `&` starts an entity. Returns the element names in document order.
    fn check_xml(s: &str) -> Vec<String> {
        let mut stack: Vec<String> = Vec::new();
        let mut names = Vec::new();
        let mut rest = s;
        let check_text = |t: &str| {
            let mut i = 0;
            while let Some(k) = t[i..].find('&') {
                let at = i + k;
                let end = t[at..].find(';').expect("entity ends with ;");
                let entity = &t[at + 1..at + end];
                let numeric = entity
                    .strip_prefix('#')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
                assert!(
                    numeric || matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos"),
                    "unknown entity &{entity};"
                );
                i = at + end;
            }
        };
        if let Some(r) = rest.strip_prefix("<?xml") {
            rest = &r[r.find("?>").expect("declaration ends") + 2..];
        }
        while let Some(open) = rest.find('<') {
            let text = &rest[..open];
            check_text(text);
            if !stack.is_empty() || text.trim().is_empty() {
            } else {
                panic!("text outside the root: {text:?}");
            }
            let close = rest[open..].find('>').expect("tag ends") + open;
            let tag = &rest[open + 1..close];
            assert!(!tag.contains('<'), "< inside a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                let top = stack.pop().expect("closing tag has an opening tag");
                assert_eq!(top, name.trim(), "mismatched closing tag");
                if stack.is_empty() {
                    assert!(
                        rest[close + 1..].trim().is_empty(),
                        "content after the root"
                    );
                }
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.trim_end_matches('/');
                let name = body
                    .split_whitespace()
                    .next()
                    .expect("tag name")
                    .to_string();
                // Attributes: name="value" pairs with quotes balanced and values escaped.
                let attrs = &body[name.len()..];
                assert_eq!(
                    attrs.matches('"').count() % 2,
                    0,
                    "unbalanced quotes in <{tag}>"
                );
                for (k, part) in attrs.split('"').enumerate() {
                    if k % 2 == 1 {
                        check_text(part);
                    } else {
                        let p = part.trim();
                        assert!(
                            p.is_empty() || p.ends_with('='),
                            "bad attribute syntax in <{tag}>"
                        );
                    }
                }
                if stack.is_empty() {
                    assert!(names.is_empty(), "two root elements");
                }
                names.push(name.clone());
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
        }
        assert!(stack.is_empty(), "unclosed elements: {stack:?}");
        assert!(rest.trim().is_empty());
        names
    }

    /// The label boxes drawn in the document: the `<rect>` of each `<g class="label">`.
    fn label_boxes(svg: &str) -> Vec<Rect> {
        let attr = |s: &str, name: &str| -> f64 {
            let k = s.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
            s[k..k + s[k..].find('"').unwrap()].parse().unwrap()
        };
        svg.lines()
            .filter(|l| l.starts_with("<g class=\"label\">"))
            .map(|l| {
                let r = &l[l.find("<rect").unwrap()..];
                let (x, y) = (attr(r, "x"), attr(r, "y"));
                Rect {
                    x0: x,
                    y0: y,
                    x1: x + attr(r, "width"),
                    y1: y + attr(r, "height"),
                }
            })
            .collect()
    }

    #[test]
    fn output_is_deterministic_and_independent_of_node_order() {
        let g = synthetic();
        let a = render(&g);
        assert_eq!(a, render(&g));
        let mut shuffled = g.clone();
        shuffled.nodes.reverse();
        shuffled.nodes.rotate_left(7);
        assert_eq!(a, render(&shuffled));
    }

    #[test]
    fn output_is_well_formed_svg() {
        let g = synthetic();
        let svg = render(&g);
        let names = check_xml(&svg);
        assert_eq!(names[0], "svg");
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("version=\"1.1\""));
        let count = |n: &str| names.iter().filter(|x| *x == n).count();
        // Every node has one shape (+ 3 legend samples) and one label text.
        let shapes =
            count("circle") + count("polygon") + svg.matches("<g class=\"node person\">").count();
        assert_eq!(shapes, g.nodes.len() + 2);
        assert_eq!(svg.matches("<g class=\"label\">").count(), g.nodes.len());
        assert_eq!(count("marker"), 3);
        // The title line counts the graph.
        assert!(svg.contains("25 nodes, 32 relation edges, 24 context edges (from 5 documents)"));
        // A width around 1200 px and a viewBox matching it.
        let w: f64 = svg[svg.find("width=\"").unwrap() + 7..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((900.0..=1700.0).contains(&w), "width {w}");
        assert!(svg.contains(&format!("viewBox=\"0 0 {w} ")));
    }

    #[test]
    fn every_edge_and_node_has_a_title() {
        let g = synthetic();
        let svg = render(&g);
        let edges: Vec<&str> = svg
            .lines()
            .filter(|l| l.starts_with("<g class=\"edge "))
            .collect();
        assert_eq!(edges.len(), g.edges.len());
        for l in &edges {
            let t = &l[l.find("<title>").expect("edge title") + 7..l.find("</title>").unwrap()];
            assert!(t.contains("mention"), "{t}");
            assert!(t.contains("dates: 2025-07-19 – 2025-08"), "{t}");
            // The first evidence sentence, escaped.
            assert!(
                t.contains("&amp; ") && t.contains("&lt;said&gt; &quot;things&quot;"),
                "{t}"
            );
        }
        let context = svg
            .lines()
            .filter(|l| l.starts_with("<g class=\"context\"><title>"))
            .count();
        // Pairs, not rows: every context row here is its own pair.
        assert_eq!(context, g.context.len());
        let nodes = svg
            .lines()
            .filter(|l| l.starts_with("<g class=\"node "))
            .collect::<Vec<_>>();
        assert_eq!(nodes.len(), g.nodes.len());
        assert!(nodes
            .iter()
            .all(|l| l.contains("<title>") && l.contains(" mention")));
        // Arrowheads on directed edges only, coloured by family.
        let directed = g.edges.iter().filter(|e| e.directed).count();
        assert_eq!(
            svg.matches("marker-end=\"url(#arrow-").count(),
            directed + 3
        );
        assert!(edges
            .iter()
            .all(|l| l.contains("url(#arrow-") == l.contains(", directed)")));
    }

    #[test]
    fn no_label_overlaps_another_label_or_node() {
        let g = synthetic();
        let m = Model::new(&g);
        let p = layout(&m);
        assert_eq!(p.len(), 25);
        for i in 0..p.len() {
            assert!(
                !p[i].label().overlaps(&p[i].shape(), 0.0),
                "{} on its own node",
                p[i].label
            );
            for j in 0..p.len() {
                if i == j {
                    continue;
                }
                assert!(
                    !p[i].label().overlaps(&p[j].label(), 0.0),
                    "labels {:?} and {:?} overlap",
                    p[i].label,
                    p[j].label
                );
                assert!(
                    !p[i].label().overlaps(&p[j].shape(), 0.0),
                    "label {:?} overlaps node {:?}",
                    p[i].label,
                    p[j].label
                );
                assert!(!p[i].shape().overlaps(&p[j].shape(), 0.0));
            }
        }
        // The same holds for the boxes in the document.
        let boxes = label_boxes(&render(&g));
        assert_eq!(boxes.len(), 25);
        for i in 0..boxes.len() {
            for j in (i + 1)..boxes.len() {
                assert!(
                    !boxes[i].overlaps(&boxes[j], 0.0),
                    "{:?} {:?}",
                    boxes[i],
                    boxes[j]
                );
            }
        }
    }

    /// A denser graph of `n` states with pseudo-random edges (a fixed LCG) and long labels.
    fn dense(n: usize) -> RelationGraph {
        let mut seed: u64 = 42;
        let mut next = |k: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % k
        };
        let names = [
            "Atlantis",
            "Republic of",
            "Federation",
            "Kingdom",
            "Isle",
            "Union",
            "Lo",
        ];
        let mut nodes = Vec::new();
        for i in 0..n {
            let label = format!(
                "{} {} {i}",
                names[next(names.len())],
                names[next(names.len())]
            );
            let id = format!("N{i:02}");
            nodes.push(node(&id, ActorKind::State, &label, Some(&id), next(80)));
        }
        let mut edges = Vec::new();
        for _ in 0..(2 * n) {
            let (a, b) = (next(n), next(n));
            if a != b {
                let f = [Family::Allies, Family::Meets, Family::Opposes][next(3)];
                edges.push(edge(
                    &format!("N{a:02}"),
                    &format!("N{b:02}"),
                    f,
                    "k",
                    next(2) == 1,
                    1 + next(9),
                ));
            }
        }
        RelationGraph {
            options: GraphOptions::default(),
            documents: 1,
            nodes,
            edges,
            context: Vec::new(),
        }
    }

    #[test]
    fn no_overlaps_at_other_sizes() {
        for n in [2, 5, 12, 40] {
            let g = dense(n);
            let svg = render(&g);
            check_xml(&svg);
            let boxes = label_boxes(&svg);
            assert_eq!(boxes.len(), n);
            for i in 0..n {
                for j in (i + 1)..n {
                    assert!(
                        !boxes[i].overlaps(&boxes[j], 0.0),
                        "n={n}: {:?} {:?}",
                        boxes[i],
                        boxes[j]
                    );
                }
            }
            let p = layout(&Model::new(&g));
            for i in 0..n {
                for j in 0..n {
                    assert!(
                        i == j || !p[i].label().overlaps(&p[j].shape(), 0.0),
                        "n={n}"
                    );
                }
            }
        }
    }

    #[test]
    fn people_sit_near_the_state_they_serve() {
        let g = synthetic();
        let m = Model::new(&g);
        let p = layout(&m);
        let dist =
            |a: usize, b: usize| ((p[a].x - p[b].x).powi(2) + (p[a].y - p[b].y).powi(2)).sqrt();
        let mut all: Vec<f64> = Vec::new();
        for i in 0..p.len() {
            for j in (i + 1)..p.len() {
                all.push(dist(i, j));
            }
        }
        all.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let quartile = all[all.len() / 4];
        for (&i, home) in &m.homes {
            let d = dist(i, home[0]);
            assert!(
                d < quartile,
                "{} is {d:.0} px from home (quartile {quartile:.0})",
                p[i].label
            );
        }
    }

    #[test]
    fn parallel_edges_are_drawn_apart() {
        let g = synthetic();
        let svg = render(&g);
        let paths: Vec<&str> = svg
            .lines()
            .filter(|l| l.contains("Russia → Ukraine") || l.contains("Ukraine → Russia"))
            .map(|l| {
                let k = l.find(" d=\"").unwrap() + 4;
                &l[k..k + l[k..].find('"').unwrap()]
            })
            .collect();
        assert_eq!(paths.len(), 3);
        assert!(paths[0] != paths[1] && paths[1] != paths[2] && paths[0] != paths[2]);
    }

    #[test]
    fn small_and_empty_graphs_render() {
        let mut g = synthetic();
        g.edges.clear();
        g.context.clear();
        g.nodes.clear();
        check_xml(&render(&g));
        g.nodes
            .push(node("A&B", ActorKind::Organization, "<A & B>", None, 0));
        let svg = render(&g);
        check_xml(&svg);
        assert!(svg.contains("&lt;A &amp; B&gt;"));
        // An edge to a node the graph lacks is skipped, not a panic.
        g.edges
            .push(edge("A&B", "nowhere", Family::Meets, "meets", false, 1));
        check_xml(&render(&g));
    }

    #[test]
    fn label_widths_grow_with_the_text() {
        assert!(text_width("United States", 12.0) > text_width("Iran", 12.0));
        // About 7 px a character at 12 px for ordinary text.
        let w = text_width("Democratic Republic of the Congo", 12.0);
        assert!((180.0..=240.0).contains(&w), "{w}");
    }
}
