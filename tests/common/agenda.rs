//! The set-up shared by the agenda tests: resources with weekly patterns,
//! and a patient with a Gestore, a signed Patto and a shared PAI.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveTime, Weekday};
use sportello::domain::Sex;
use sportello::domain::agenda::{Pattern, Resource};
use sportello::service::Desk;

pub fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

pub fn resource(
    nome: &str,
    tipo: &str,
    days: &[Weekday],
    from: NaiveTime,
    to: NaiveTime,
    min: u16,
    cap: u16,
) -> Resource {
    Resource {
        id: 0,
        nome: nome.into(),
        tipo: tipo.into(),
        patterns: days
            .iter()
            .map(|&giorno| Pattern {
                giorno,
                dalle: from,
                alle: to,
                durata_min: min,
                capacita: cap,
                valido_dal: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                valido_al: None,
            })
            .collect(),
        attiva: true,
    }
}

pub fn setup(desk: &Desk) -> u64 {
    use Weekday::*;
    let weekdays = [Mon, Tue, Wed, Thu, Fri];
    for r in [
        resource(
            "Punto prelievi",
            "punto prelievi",
            &weekdays,
            t(7, 30),
            t(9, 30),
            15,
            3,
        ),
        resource(
            "Studio dott.ssa Sala",
            "ambulatorio MMG",
            &weekdays,
            t(9, 0),
            t(12, 0),
            20,
            1,
        ),
        resource(
            "Ambulatorio infermieristico",
            "ambulatorio infermieristico",
            &weekdays,
            t(10, 0),
            t(12, 0),
            30,
            1,
        ),
        resource(
            "ECG in telemedicina",
            "ECG",
            &[Tue, Thu],
            t(14, 0),
            t(16, 0),
            30,
            1,
        ),
    ] {
        desk.agenda().save_resource(r).unwrap();
    }
    let g = super::gestore::cooperativa_esempio();
    let plan = desk.gestori().plan_gestori_import(&[g]).unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "esempio", 0)
        .unwrap();
    let birth = NaiveDate::from_ymd_opt(1950, 3, 12).unwrap();
    let pid = desk
        .patients()
        .register_patient(super::patient::patient("Cantù", "Noè", Sex::M, birth))
        .unwrap();
    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    desk.gestori()
        .choose_gestore(
            pid,
            gid,
            crate::common::gestore::fitting(desk, pid, gid),
            desk.today(),
            "",
        )
        .unwrap();
    super::patto::sign_patto(desk, pid);
    let pai = desk.pai().new_pai(pid).unwrap();
    desk.pai().share_pai(pai.id).unwrap();
    pid
}
