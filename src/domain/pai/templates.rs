//! PAI templates: the editable reference sets per pathology
//! (`assets/pai-modelli.csv`) and the first plan built from them.

use super::*;

/// Columns of the template CSV. Required: patologia, categoria, descrizione,
/// frequenza (empty allowed for stile di vita). The others may be missing.
pub const COLONNE: [&str; 11] = [
    "patologia",
    "chiave",
    "categoria",
    "descrizione",
    "codice",
    "frequenza",
    "preparazione",
    "luogo",
    "risorsa",
    "dopo",
    "note",
];

/// One row of the templates: an item a pathology needs, or (category
/// `StileDiVita`) one line of lifestyle advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaiTemplateItem {
    /// Pathology code, upper case.
    pub pathology: String,
    /// Short key, unique within the pathology, for `dopo` ("HBA1C"); may be empty.
    pub chiave: String,
    pub categoria: Categoria,
    pub descrizione: String,
    pub codice_prestazione: Option<String>,
    /// `UnaVolta` for lifestyle advice.
    pub frequenza: Frequenza,
    pub preparazione: Option<String>,
    /// Meaningless for lifestyle advice (`InSede` with an empty resource).
    pub luogo: Luogo,
    /// Items of the same pathology whose results are needed first: keys,
    /// prestazione codes or descriptions.
    pub dopo: Vec<String>,
    pub note: String,
}

impl PaiTemplateItem {
    /// What identifies the same prestazione across pathologies: the prestazione
    /// code when present, else the folded description.
    pub fn merge_key(&self) -> String {
        merge_key(self.codice_prestazione.as_deref(), &self.descrizione)
    }

    /// Whether a `dopo` reference names this item.
    fn is_named_by(&self, reference: &str) -> bool {
        let r = reference.trim();
        (!self.chiave.is_empty() && self.chiave.eq_ignore_ascii_case(r))
            || self
                .codice_prestazione
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(r))
            || fold(&self.descrizione) == fold(r)
    }
}

fn merge_key(codice: Option<&str>, descrizione: &str) -> String {
    match codice.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("C:{}", fold(c)),
        None => format!("D:{}", fold(descrizione)),
    }
}

/// The PAI templates per pathology, labelled [`TEMPLATE_LABEL`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaiTemplates {
    items: Vec<PaiTemplateItem>,
}

impl PaiTemplates {
    /// The kinds of practice resource the templates book on ("punto
    /// prelievi", "ambulatorio MMG"...), in order of first use, once each: the
    /// kinds an agenda resource may have.
    pub fn resource_kinds(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for item in &self.items {
            if let Luogo::InSede { risorsa } = &item.luogo {
                let kind = risorsa.trim();
                if !kind.is_empty() && !out.iter().any(|k| fold(k) == fold(kind)) {
                    out.push(kind);
                }
            }
        }
        out
    }

    pub fn items(&self) -> &[PaiTemplateItem] {
        &self.items
    }

    /// The rows of one pathology (code compared ignoring case), in file order.
    pub fn for_pathology<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = &'a PaiTemplateItem> + 'a {
        self.items
            .iter()
            .filter(move |t| t.pathology.eq_ignore_ascii_case(code.trim()))
    }

    pub fn has_pathology(&self, code: &str) -> bool {
        self.for_pathology(code).next().is_some()
    }

    /// The pathology codes, in file order, each once.
    pub fn pathologies(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.items {
            if !out.contains(&t.pathology.as_str()) {
                out.push(&t.pathology);
            }
        }
        out
    }

    /// The templates of `rows` (each with its line in the file, for errors),
    /// once checked across rows: keys and prestazioni not repeated, every
    /// `dopo` reference names an item, no dependency cycle.
    pub fn from_rows(rows: Vec<(usize, PaiTemplateItem)>) -> Result<PaiTemplates, PaiError> {
        check_rows(&rows)?;
        Ok(PaiTemplates {
            items: rows.into_iter().map(|(_, item)| item).collect(),
        })
    }
}

/// Checks across rows, per pathology: keys and prestazioni not repeated, every
/// `dopo` reference names an item, no dependency cycle.
fn check_rows(rows: &[(usize, PaiTemplateItem)]) -> Result<(), PaiError> {
    let mut by_pathology: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, (_, item)) in rows.iter().enumerate() {
        match by_pathology
            .iter_mut()
            .find(|(p, _)| *p == item.pathology.as_str())
        {
            Some((_, list)) => list.push(i),
            None => by_pathology.push((&item.pathology, vec![i])),
        }
    }
    for (pathology, members) in &by_pathology {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut merge: HashMap<String, usize> = HashMap::new();
        for &i in members {
            let (line, item) = &rows[i];
            if !item.chiave.is_empty()
                && let Some(first) = keys.insert(item.chiave.to_uppercase(), *line)
            {
                return Err(PaiError::Riga {
                    line: *line,
                    reason: format!(
                        "chiave «{}» già usata per {pathology} alla riga {first}",
                        item.chiave
                    ),
                });
            }
            if let Some(first) = merge.insert(item.merge_key(), *line) {
                return Err(PaiError::Riga {
                    line: *line,
                    reason: format!(
                        "«{}» già presente per {pathology} alla riga {first}",
                        item.descrizione
                    ),
                });
            }
        }
        // Resolve `dopo` to positions within `members`.
        let mut edges: Vec<Vec<usize>> = Vec::with_capacity(members.len());
        for &i in members {
            let (line, item) = &rows[i];
            let mut deps = Vec::new();
            for reference in &item.dopo {
                let target = members
                    .iter()
                    .position(|&j| rows[j].1.is_named_by(reference))
                    .ok_or_else(|| PaiError::Riga {
                        line: *line,
                        reason: format!(
                            "«{reference}» in «dopo» non corrisponde a nessuna prestazione di {pathology}"
                        ),
                    })?;
                let target_item = &rows[members[target]].1;
                if target_item.categoria == Categoria::StileDiVita {
                    return Err(PaiError::Riga {
                        line: *line,
                        reason: format!(
                            "«{reference}» in «dopo» è un consiglio sullo stile di vita, non una prestazione"
                        ),
                    });
                }
                deps.push(target);
            }
            edges.push(deps);
        }
        if let Some(cycle) = find_cycle_in(&edges) {
            let first = cycle.first().map_or(0, |&k| rows[members[k]].0);
            let names: Vec<String> = cycle
                .iter()
                .map(|&k| {
                    let item = &rows[members[k]].1;
                    if item.chiave.is_empty() {
                        item.descrizione.clone()
                    } else {
                        item.chiave.clone()
                    }
                })
                .collect();
            return Err(PaiError::Riga {
                line: first,
                reason: format!(
                    "dipendenze circolari per {pathology}: {}",
                    names.join(" → ")
                ),
            });
        }
    }
    Ok(())
}

/// The items and the lifestyle advice of a new plan for `patologie`, from the
/// templates.
///
/// - A prestazione needed by several pathologies appears once, identified by its
///   prestazione code when present, else by its folded description; it takes the
///   highest frequency (on a tie, the first seen), lists every pathology that
///   needs it, and keeps the first non-empty preparation.
/// - Pathologies are taken in the order given (each once, ignoring case), rows in
///   file order; items are then grouped by category (stable) and numbered 1, 2, ...
/// - `dopo` references are resolved to item ids; a dependency that would close a
///   cycle across pathologies is dropped.
/// - Lifestyle rows become advice lines (each once, compared folded), not items.
/// - Pathologies without templates add nothing.
pub fn plan_from_templates(
    patologie: &[String],
    templates: &PaiTemplates,
) -> (Vec<PaiItem>, Vec<String>) {
    let mut codes: Vec<String> = Vec::new();
    for p in patologie {
        let code = p.trim().to_uppercase();
        if !code.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    }

    // Merged items, in first-seen order, and for each template row its item.
    struct Merged {
        item: PaiItem,
        key: String,
    }
    let mut merged: Vec<Merged> = Vec::new();
    let mut advice: Vec<String> = Vec::new();
    let mut advice_seen: HashSet<String> = HashSet::new();
    // (pathology rows, position in `merged` of each row; None for advice)
    let mut per_pathology: Vec<(Vec<&PaiTemplateItem>, Vec<Option<usize>>)> = Vec::new();

    for code in &codes {
        let rows: Vec<&PaiTemplateItem> = templates.for_pathology(code).collect();
        let mut slots = Vec::with_capacity(rows.len());
        for t in &rows {
            if t.categoria == Categoria::StileDiVita {
                let text = t.descrizione.trim().to_string();
                if advice_seen.insert(fold(&text)) {
                    advice.push(text);
                }
                slots.push(None);
                continue;
            }
            let key = t.merge_key();
            let pos = match merged.iter().position(|m| m.key == key) {
                Some(pos) => {
                    let item = &mut merged[pos].item;
                    if t.frequenza.is_more_frequent_than(item.frequenza) {
                        item.frequenza = t.frequenza;
                    }
                    if item.preparazione.is_none() {
                        item.preparazione.clone_from(&t.preparazione);
                    }
                    if !item.patologie.contains(&t.pathology) {
                        item.patologie.push(t.pathology.clone());
                    }
                    if !t.note.is_empty() && !item.note.contains(t.note.as_str()) {
                        if !item.note.is_empty() {
                            item.note.push_str("; ");
                        }
                        item.note.push_str(&t.note);
                    }
                    pos
                }
                None => {
                    merged.push(Merged {
                        item: PaiItem {
                            id: 0,
                            categoria: t.categoria,
                            descrizione: t.descrizione.clone(),
                            codice_prestazione: t.codice_prestazione.clone(),
                            frequenza: t.frequenza,
                            preparazione: t.preparazione.clone(),
                            luogo: t.luogo.clone(),
                            dopo: Vec::new(),
                            patologie: vec![t.pathology.clone()],
                            dovuto: true,
                            note: t.note.clone(),
                        },
                        key,
                    });
                    merged.len() - 1
                }
            };
            slots.push(Some(pos));
        }
        per_pathology.push((rows, slots));
    }

    // Number the items grouped by category.
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by_key(|&i| merged[i].item.categoria);
    let mut id_of = vec![0u32; merged.len()];
    for (n, &i) in order.iter().enumerate() {
        id_of[i] = u32::try_from(n + 1).unwrap_or(u32::MAX);
    }

    // Dependencies, as positions in `merged`.
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); merged.len()];
    for (rows, slots) in &per_pathology {
        for (t, slot) in rows.iter().zip(slots) {
            let Some(from) = *slot else { continue };
            for reference in &t.dopo {
                let target = rows
                    .iter()
                    .zip(slots)
                    .find(|(u, _)| u.is_named_by(reference))
                    .and_then(|(_, s)| *s);
                let Some(to) = target else { continue };
                if to == from || deps[from].contains(&to) || reaches(&deps, to, from) {
                    continue;
                }
                deps[from].push(to);
            }
        }
    }

    let mut items: Vec<PaiItem> = Vec::with_capacity(merged.len());
    for &i in &order {
        let mut item = merged[i].item.clone();
        item.id = id_of[i];
        let mut dopo: Vec<ItemId> = deps[i].iter().map(|&d| id_of[d]).collect();
        dopo.sort_unstable();
        item.dopo = dopo;
        if item.frequenza.oltre_anno() {
            if !item.note.is_empty() {
                item.note.push_str("; ");
            }
            item.note.push_str(NOTA_OLTRE_12_MESI);
        }
        items.push(item);
    }
    (items, advice)
}

/// Whether `to` is reachable from `from` following `deps`.
fn reaches(deps: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; deps.len()];
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if let Some(s) = seen.get_mut(n) {
            if *s {
                continue;
            }
            *s = true;
        }
        if let Some(next) = deps.get(n) {
            stack.extend(next.iter().copied());
        }
    }
    false
}
