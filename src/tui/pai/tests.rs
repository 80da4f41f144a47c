use super::*;
use chrono::NaiveDate;

fn pai() -> Pai {
    let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut pai = Pai::from_templates(1, 1, 1, d, d, "", &[], crate::service::pai_templates());
    pai.esenzioni = vec!["013".into(), "031".into()];
    pai.allergie = vec!["penicillina".into()];
    pai
}

#[test]
fn esenzioni_and_allergie_share_one_list() {
    let mut p = pai();
    assert_eq!(
        text_row(&p, Section::EsenzioniAllergie, 1),
        Some(("031", false))
    );
    assert_eq!(
        text_row(&p, Section::EsenzioniAllergie, 2),
        Some(("penicillina", true))
    );
    assert_eq!(text_row(&p, Section::EsenzioniAllergie, 3), None);
    // An esenzione edited into an allergy moves to the allergie.
    remove_text_row(&mut p, Section::EsenzioniAllergie, 0);
    let row = insert_text_row(
        &mut p,
        Section::EsenzioniAllergie,
        Some(0),
        "lattice".into(),
        true,
    );
    assert_eq!(p.esenzioni, vec!["031".to_string()]);
    assert_eq!(
        p.allergie,
        vec!["penicillina".to_string(), "lattice".to_string()]
    );
    assert_eq!(row, 2);
    remove_text_row(&mut p, Section::EsenzioniAllergie, 1);
    assert_eq!(p.allergie, vec!["lattice".to_string()]);
}
