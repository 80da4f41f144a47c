#!/usr/bin/env python3
"""Rewrites the access paths of the interface's texts after they moved from
the one struct of `tui/kit/lang.rs` into each feature's `strings.rs`.

    python3 rename_fields.py src && python3 rename_fields.py tests && cargo fmt

`s.title_lookup` becomes `s.patients.title_lookup`, `s.gestori.k_import`
becomes `s.admin.k_import`, an alias bound with `let a = env.s.gestori;` has
its moved texts rewritten through the handle it was bound from, the imports
of the old text structs point at their new modules. Edits are line-local.
Idempotent: a path already rewritten no longer matches. Files that declare
texts (`*/strings.rs`, `kit/lang.rs`) are left alone, and so are the lower
layers (service, domain, store, io). A text another branch added to the old
`Strings` of `kit/lang.rs` goes, as one `name: "it" | "en",` line, into the
`strings.rs` of the feature that shows it, with its entry in MOVED below.
"""
import os
import re
import sys

# "old.field": new, where old is "main" (the fields of the old `Strings`)
# or the old sub-struct's field in `Strings` (patto, gestori, ...).
MOVED = {
    'access.ctx_login': 'shell',
    'access.err_username': 'shell',
    'access.first_intro': 'shell',
    'access.k_login': 'shell',
    'access.locked_intro': 'shell',
    'access.login_intro': 'shell',
    'access.nobody': 'shell',
    'access.role_short': 'shell',
    'access.title_first': 'shell',
    'access.title_locked': 'shell',
    'access.title_login': 'shell',
    'agenda.col_aderenza': 'richiami',
    'agenda.col_aderenza_short': 'richiami',
    'agenda.col_al': 'richiami',
    'agenda.col_dal': 'richiami',
    'agenda.col_eseguite': 'richiami',
    'agenda.ctx_richiami_aderenza': 'richiami',
    'agenda.ctx_richiami_pai': 'richiami',
    'agenda.empty_aderenza': 'richiami',
    'agenda.empty_da_prenotare': 'richiami',
    'agenda.empty_non_presentati': 'richiami',
    'agenda.head_aderenza': 'richiami',
    'agenda.head_non_presentati': 'richiami',
    'agenda.k_open_record': 'richiami',
    'agenda.k_plan_patient': 'richiami',
    'agenda.k_section': 'richiami',
    'agenda.late': 'richiami',
    'agenda.tab_aderenza': 'richiami',
    'agenda.tab_da_prenotare': 'richiami',
    'agenda.tab_non_presentati': 'richiami',
    'agenda.tab_non_presentati_short': 'richiami',
    'agenda.tab_patti_short': 'richiami',
    'gestori.adesione_mifs': 'admin',
    'gestori.adesione_none': 'admin',
    'gestori.adesione_text': 'admin',
    'gestori.adesione_title': 'admin',
    'gestori.admin_intro': 'admin',
    'gestori.ats_from_file': 'admin',
    'gestori.c_added': 'admin',
    'gestori.c_no_longer': 'admin',
    'gestori.c_recognised': 'admin',
    'gestori.c_rejected': 'admin',
    'gestori.c_unchanged': 'admin',
    'gestori.c_updated': 'admin',
    'gestori.col_added': 'admin',
    'gestori.col_ats': 'admin',
    'gestori.col_date': 'admin',
    'gestori.col_file': 'admin',
    'gestori.col_no_longer': 'admin',
    'gestori.col_operator': 'admin',
    'gestori.col_rejected': 'admin',
    'gestori.col_state': 'admin',
    'gestori.col_updated': 'admin',
    'gestori.comune_unknown': 'admin',
    'gestori.ctx_admin': 'admin',
    'gestori.ctx_admin_gestore': 'admin',
    'gestori.ctx_admin_gestori': 'admin',
    'gestori.ctx_admin_history': 'admin',
    'gestori.ctx_admin_import': 'admin',
    'gestori.ctx_admin_preview': 'admin',
    'gestori.ctx_admin_studio': 'admin',
    'gestori.ctx_picker': 'kit',
    'gestori.d_ats': 'admin',
    'gestori.d_cf_piva': 'admin',
    'gestori.d_codice': 'admin',
    'gestori.d_comune': 'admin',
    'gestori.d_denominazione': 'admin',
    'gestori.d_email': 'admin',
    'gestori.d_indirizzo': 'admin',
    'gestori.d_livelli': 'admin',
    'gestori.d_prese': 'admin',
    'gestori.d_referente': 'admin',
    'gestori.d_sample': 'admin',
    'gestori.d_stato': 'admin',
    'gestori.d_telefono': 'admin',
    'gestori.d_tipo': 'admin',
    'gestori.d_title': 'admin',
    'gestori.encoding': 'admin',
    'gestori.err_ats': 'admin',
    'gestori.err_is_dir': 'admin',
    'gestori.err_no_file': 'admin',
    'gestori.err_not_found': 'admin',
    'gestori.err_parse': 'admin',
    'gestori.err_practice_name': 'admin',
    'gestori.err_read': 'admin',
    'gestori.err_too_large': 'admin',
    'gestori.f_ats': 'admin',
    'gestori.f_channels': 'admin',
    'gestori.f_file': 'admin',
    'gestori.f_mmg_list': 'admin',
    'gestori.f_new_mmg': 'admin',
    'gestori.f_practice_comune': 'admin',
    'gestori.f_practice_name': 'admin',
    'gestori.f_printer': 'admin',
    'gestori.f_sheet': 'admin',
    'gestori.fictional_mark': 'admin',
    'gestori.file': 'admin',
    'gestori.gestore_missing': 'admin',
    'gestori.h_ats': 'admin',
    'gestori.h_channels': 'admin',
    'gestori.h_file': 'admin',
    'gestori.h_mmg_list': 'admin',
    'gestori.h_new_mmg': 'admin',
    'gestori.h_practice_name': 'admin',
    'gestori.h_printer': 'admin',
    'gestori.h_sheet': 'admin',
    'gestori.history_entry': 'patients',
    'gestori.idoneo': 'admin',
    'gestori.import_cancelled': 'admin',
    'gestori.import_done': 'admin',
    'gestori.import_intro': 'admin',
    'gestori.imports_count': 'admin',
    'gestori.k_admin': 'kit',
    'gestori.k_cancel_import': 'admin',
    'gestori.k_complete': 'admin',
    'gestori.k_detail': 'admin',
    'gestori.k_first': 'kit',
    'gestori.k_import': 'admin',
    'gestori.k_last': 'kit',
    'gestori.k_next': 'admin',
    'gestori.k_open_section': 'admin',
    'gestori.k_pick': 'kit',
    'gestori.k_previous': 'admin',
    'gestori.k_read_file': 'admin',
    'gestori.k_remove_mmg': 'admin',
    'gestori.k_studio_enter': 'admin',
    'gestori.k_to_list': 'admin',
    'gestori.k_toggle_channel': 'admin',
    'gestori.line_reason': 'admin',
    'gestori.many_ats': 'admin',
    'gestori.mifs_off_note': 'admin',
    'gestori.mifs_on_note': 'admin',
    'gestori.mifs_switched_on': 'admin',
    'gestori.mmg_added': 'admin',
    'gestori.mmg_columns': 'admin',
    'gestori.mmg_exists': 'admin',
    'gestori.mmg_removed': 'admin',
    'gestori.no_imports': 'admin',
    'gestori.no_mmg': 'admin',
    'gestori.no_mmg_yet': 'admin',
    'gestori.non_idoneo_short': 'admin',
    'gestori.non_idoneo_since': 'admin',
    'gestori.nothing_stored': 'admin',
    'gestori.pic_summary': 'patients',
    'gestori.practice_saved': 'admin',
    'gestori.preview_note': 'admin',
    'gestori.preview_ready': 'admin',
    'gestori.r_history': 'patients',
    'gestori.reading': 'admin',
    'gestori.remove_where': 'admin',
    'gestori.s_added': 'admin',
    'gestori.s_ignored_columns': 'admin',
    'gestori.s_no_longer': 'admin',
    'gestori.s_rejected': 'admin',
    'gestori.s_updated': 'admin',
    'gestori.s_warnings': 'admin',
    'gestori.scroll_hint': 'patients',
    'gestori.scroll_mark': 'admin',
    'gestori.sec_gestori': 'admin',
    'gestori.sec_gestori_text': 'admin',
    'gestori.sec_history': 'admin',
    'gestori.sec_history_text': 'admin',
    'gestori.sec_import': 'admin',
    'gestori.sec_import_text': 'admin',
    'gestori.sec_studio': 'admin',
    'gestori.sec_studio_text': 'admin',
    'gestori.separator': 'admin',
    'gestori.sheet': 'admin',
    'gestori.stored_count': 'admin',
    'gestori.title_admin': 'admin',
    'gestori.type_mmg_name': 'admin',
    'main.already_active': 'patients',
    'main.alt_tip': 'shell',
    'main.app_name': 'shell',
    'main.area_agenda': 'kit',
    'main.area_agenda_text': 'shell',
    'main.area_gestore': 'kit',
    'main.area_gestore_text': 'kit',
    'main.area_pai': 'kit',
    'main.area_pai_text': 'shell',
    'main.area_patto': 'kit',
    'main.area_patto_text': 'shell',
    'main.area_richiami': 'kit',
    'main.area_richiami_text': 'shell',
    'main.ats_needs_comune': 'patients',
    'main.ats_overridden': 'patients',
    'main.auto_backup_failed': 'shell',
    'main.born_on': 'patients',
    'main.cancel_future_text': 'kit',
    'main.cancel_future_title': 'kit',
    'main.cancelled_future': 'kit',
    'main.cf_belongs_to': 'patients',
    'main.cf_compute_needs': 'patients',
    'main.cf_computed_differs': 'patients',
    'main.cf_computed_note': 'patients',
    'main.cf_computed_same': 'patients',
    'main.cf_computed_status': 'patients',
    'main.cf_exists_opened': 'patients',
    'main.cf_valid': 'patients',
    'main.cf_valid_omocode': 'patients',
    'main.cf_omocode_order': 'patients',
    'main.col_born': 'patients',
    'main.col_cf': 'kit',
    'main.col_cognome': 'kit',
    'main.col_comune': 'kit',
    'main.col_livello': 'patients',
    'main.col_nome': 'kit',
    'main.col_pic': 'patients',
    'main.coming_soon': 'shell',
    'main.ctx_confirm': 'kit',
    'main.ctx_confirm_discard': 'kit',
    'main.ctx_confirm_quit': 'kit',
    'main.ctx_date': 'kit',
    'main.ctx_form': 'patients',
    'main.ctx_global': 'kit',
    'main.ctx_help': 'shell',
    'main.ctx_lookup': 'patients',
    'main.ctx_placeholder': 'shell',
    'main.ctx_record': 'patients',
    'main.date_error': 'kit',
    'main.date_label': 'patients',
    'main.deceased_on': 'patients',
    'main.deceased_title': 'patients',
    'main.demo_store': 'shell',
    'main.duplicates_intro': 'patients',
    'main.duplicates_question': 'patients',
    'main.duplicates_title': 'patients',
    'main.erased_no_edit': 'patients',
    'main.err_ats': 'patients',
    'main.err_cap': 'patients',
    'main.err_date_before_birth': 'patients',
    'main.err_date_format': 'kit',
    'main.err_date_future': 'kit',
    'main.err_date_nonexistent': 'kit',
    'main.err_date_old': 'patients',
    'main.err_email': 'patients',
    'main.err_letters': 'patients',
    'main.err_pathology': 'patients',
    'main.err_phone': 'patients',
    'main.err_place_ambiguous': 'kit',
    'main.err_place_code': 'kit',
    'main.err_place_unknown': 'kit',
    'main.err_required': 'patients',
    'main.err_sex': 'patients',
    'main.err_tessera': 'patients',
    'main.f_address': 'patients',
    'main.f_ats_derived': 'patients',
    'main.f_ats_override': 'patients',
    'main.f_birth_date': 'patients',
    'main.f_birth_place': 'patients',
    'main.f_cap': 'patients',
    'main.f_cf': 'patients',
    'main.f_cognome': 'patients',
    'main.f_comune': 'patients',
    'main.f_email': 'patients',
    'main.f_mmg': 'patients',
    'main.f_nome': 'patients',
    'main.f_note': 'patients',
    'main.f_pathologies': 'patients',
    'main.f_phones': 'patients',
    'main.f_sex': 'patients',
    'main.f_sex_input': 'patients',
    'main.f_tessera': 'patients',
    'main.filled_from_cf': 'patients',
    'main.form_has_errors': 'patients',
    'main.found': 'patients',
    'main.h_address': 'patients',
    'main.h_ats': 'patients',
    'main.h_cap': 'patients',
    'main.h_cf': 'patients',
    'main.h_date': 'patients',
    'main.h_email': 'patients',
    'main.h_mmg': 'patients',
    'main.h_name': 'patients',
    'main.h_note': 'patients',
    'main.h_pathologies': 'patients',
    'main.h_phones': 'patients',
    'main.h_place': 'kit',
    'main.h_sex': 'patients',
    'main.h_tessera': 'patients',
    'main.help_intro': 'shell',
    'main.k_accept': 'patients',
    'main.k_back': 'kit',
    'main.k_cancel': 'kit',
    'main.k_clear': 'patients',
    'main.k_compute_cf': 'patients',
    'main.k_confirm': 'kit',
    'main.k_deceased': 'patients',
    'main.k_discard': 'kit',
    'main.k_down': 'kit',
    'main.k_edit': 'patients',
    'main.k_form_down': 'kit',
    'main.k_form_up': 'kit',
    'main.k_help': 'kit',
    'main.k_keep_editing': 'kit',
    'main.k_leave': 'patients',
    'main.k_new': 'patients',
    'main.k_next_field': 'kit',
    'main.k_open': 'patients',
    'main.k_page_down': 'kit',
    'main.k_page_up': 'kit',
    'main.k_patients': 'kit',
    'main.k_prev_field': 'kit',
    'main.k_quit': 'kit',
    'main.k_reactivate': 'patients',
    'main.k_save': 'kit',
    'main.k_scroll_down': 'kit',
    'main.k_scroll_up': 'kit',
    'main.k_transferred': 'patients',
    'main.k_up': 'kit',
    'main.key_end': 'kit',
    'main.key_enter': 'kit',
    'main.key_home': 'kit',
    'main.key_page_down': 'kit',
    'main.key_page_up': 'kit',
    'main.key_shift': 'kit',
    'main.key_space': 'kit',
    'main.level_short': 'kit',
    'main.level_text': 'patients',
    'main.lookup_hint': 'patients',
    'main.more_appointments': 'gestori',
    'main.no_level': 'patients',
    'main.no_pic': 'patients',
    'main.no_results': 'patients',
    'main.none': 'kit',
    'main.nothing_to_open': 'patients',
    'main.operator': 'kit',
    'main.outside_lombardy': 'patients',
    'main.paste_nowhere': 'shell',
    'main.patient': 'kit',
    'main.patient_not_found': 'kit',
    'main.place_code': 'patients',
    'main.placeholder_back': 'shell',
    'main.practice': 'shell',
    'main.r_areas': 'patients',
    'main.r_ats': 'kit',
    'main.r_born': 'patients',
    'main.r_level': 'patients',
    'main.r_pathologies': 'patients',
    'main.r_pic': 'kit',
    'main.r_residence': 'patients',
    'main.reactivate_question': 'patients',
    'main.reactivate_title': 'patients',
    'main.record_areas': 'patients',
    'main.saved': 'patients',
    'main.search_label': 'kit',
    'main.sex_f': 'patients',
    'main.sex_m': 'patients',
    'main.status_deceased': 'patients',
    'main.status_question': 'patients',
    'main.status_saved': 'patients',
    'main.status_transferred': 'patients',
    'main.suggestions': 'patients',
    'main.title_edit': 'patients',
    'main.title_help': 'shell',
    'main.title_lookup': 'shell',
    'main.title_new': 'patients',
    'main.title_record': 'shell',
    'main.too_small': 'shell',
    'main.too_small_dialog': 'shell',
    'main.too_small_keys': 'shell',
    'main.too_small_quit_pending': 'shell',
    'main.too_small_title': 'shell',
    'main.transferred_on': 'patients',
    'main.transferred_title': 'patients',
    'main.unsaved_question': 'patients',
    'main.unsaved_title': 'patients',
    'main.warn_cf_letters': 'patients',
    'main.warn_cf_says': 'patients',
    'main.warn_tessera_len': 'patients',
    'patto.col_gestore': 'richiami',
    'patto.col_valido_al': 'richiami',
    'patto.ctx_choice_modal': 'kit',
    'patto.ctx_form_modal': 'kit',
    'patto.ctx_richiami': 'richiami',
    'patto.k_choice': 'kit',
    'patto.k_open_patto': 'richiami',
    'patto.k_range': 'richiami',
    'patto.no_scadenze': 'richiami',
    'patto.range_hint': 'richiami',
    'patto.scadenze_summary': 'richiami',
    'patto.tab_scadenze': 'richiami',
}

# Where each text struct is declared now.
MODULES = {
    "Strings": "crate::tui::strings",
    "KitStrings": "crate::tui::kit::lang",
    "Lang": "crate::tui::kit::lang",
    "PatientsStrings": "crate::tui::patients::strings",
    "ShellStrings": "crate::tui::shell::strings",
    "PattoStrings": "crate::tui::patto::strings",
    "RichiamiStrings": "crate::tui::richiami::strings",
    "GestoriStrings": "crate::tui::gestore::strings",
    "AdminStrings": "crate::tui::admin::strings",
    "AccessStrings": "crate::tui::admin::strings",
    "AgendaAdminStrings": "crate::tui::admin::strings",
    "PaiStrings": "crate::tui::pai::strings",
    "AgendaStrings": "crate::tui::agenda::strings",
    "ServeStrings": "crate::serve::strings",
}

FIELDS = {}
for key in MOVED:
    old, field = key.split(".")
    FIELDS.setdefault(old, set()).add(field)

SUBS=['patto','gestori','pai','agenda','agenda_admin','access','shell','richiami','admin','kit','patients','login']
TYPES={'Strings':'main','PattoStrings':'patto','GestoriStrings':'gestori','PaiStrings':'pai','AgendaStrings':'agenda','AgendaAdminStrings':'agenda_admin','AccessStrings':'access','ShellStrings':'shell'}
HANDLE_ROOTS={'env','self','app','this'}
path_re=re.compile(r'(?<![\w.\'"])([a-z_]\w*(?:\.[a-z_]\w*)+)')
def scan(text, fields):
    """yield (line_no, start, end, struct, field, handle, kind, alias) for each text access"""
    # A bare `s` is the texts' handle only in a file that names them.
    default={'s':('main','s',None)} if re.search(r'\bStrings\b',text) else {}
    aliases=dict(default)
    out=[]
    lines=text.split('\n')
    in_str=False
    for n,line in enumerate(lines):
        code=line.split('//')[0] if not line.strip().startswith('"') else line
        if re.search(r'\bfn \w+',code):
            aliases=dict(default)
        for m in re.finditer(r"\b(\w+): &(?:'\w+ )?(?:crate::tui::kit::lang::)?(\w*Strings)\b",code):
            if m.group(2) in TYPES: aliases[m.group(1)]=(TYPES[m.group(2)],None,n)
        m=re.match(r'\s*let (\w+) = (?:[\w:]*::)?Strings::for_lang\(',code)
        if m: aliases[m.group(1)]=('main',m.group(1),n)
        m=re.match(r'\s*let (\w+) = ((?:(?:env|self|app)\.)?s)(?:\.(\w+))?;',code)
        if m:
            k=m.group(3) or 'main'
            if k=='main' or k in SUBS: aliases[m.group(1)]=(k,m.group(2),n)
        for pm in path_re.finditer(code):
            segs=pm.group(1).split('.')
            i=0
            while i<len(segs)-1 and segs[i] in HANDLE_ROOTS and segs[i]!='s': i+=1
            root=segs[i]
            if i>0 and root=='s': kind='handle'; struct='main'; handle='.'.join(segs[:i+1])
            elif i==0 and root in aliases:
                struct,handle,_=aliases[root]; kind='alias' if root!='s' or struct!='main' else 'handle'
                if struct=='main' and handle is None: handle=root
                if struct=='main' and kind=='alias': handle=root
            else: continue
            rest=segs[i+1:]
            if not rest: continue
            if struct=='main' and rest[0] in SUBS and rest[0] not in fields['main']:
                struct=rest[0]; rest=rest[1:]; kind='direct'
                if not rest: continue
            f=rest[0]
            if f in fields.get(struct,()):
                # column of field start
                start=pm.start()+len('.'.join(segs[:len(segs)-len(rest)]))+1
                out.append((n,pm.start(),start,struct,f,handle,kind,root))
    return out


def rewrite_uses(text):
    """Rewrites `use crate::tui::kit::lang::{...};` lines and inline paths."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^(\s*)(pub )?use (crate|sportello)::tui::kit::lang::(\{([^}]*)\}|(\w+));$", line)
        if m:
            names = [n.strip() for n in (m.group(5) or m.group(6)).split(",") if n.strip()]
            by_module = {}
            for n in names:
                by_module.setdefault(MODULES.get(n, "crate::tui::kit::lang"), []).append(n)
            for module in sorted(by_module):
                ns = by_module[module]
                item = ns[0] if len(ns) == 1 else "{" + ", ".join(ns) + "}"
                module = module.replace("crate", m.group(3), 1)
                out.append("%s%suse %s::%s;" % (m.group(1), m.group(2) or "", module, item))
            continue
        line = re.sub(r"\b(crate|sportello)::tui::kit::lang::(\w+Strings|Strings)\b",
                      lambda m: MODULES.get(m.group(2), "crate::tui::kit::lang").replace("crate", m.group(1), 1)
                      + "::" + m.group(2), line)
        out.append(line)
    return "\n".join(out)


def rewrite(text):
    lines = text.split("\n")
    # Several passes: a rewrite changes columns on its line.
    for _ in range(8):
        hits = [h for h in scan("\n".join(lines), FIELDS) if "%s.%s" % (h[3], h[4]) in MOVED]
        if not hits:
            break
        done = set()
        for (n, start, fstart, struct, field, handle, kind, alias) in hits:
            if n in done:
                continue
            new = MOVED["%s.%s" % (struct, field)]
            line = lines[n]
            before, after = line[:start], line[fstart:]
            path = line[start:fstart]  # "env.s." or "s.gestori." or "a."
            if kind == "handle":
                path = path + new + "."
            elif kind == "direct":
                path = re.sub(r"\." + struct + r"\.$", "." + new + ".", path)
            elif kind == "alias":
                if handle is None:
                    print("%d: %s.%s through a parameter: fix by hand" % (n + 1, alias, field), file=sys.stderr)
                    done.add(n)
                    continue
                path = handle + "." + new + "."
            lines[n] = before + path + after
            done.add(n)
    # Aliases left without a use lose their binding.
    out = []
    for n, line in enumerate(lines):
        m = re.match(r"\s*let (\w+) = (?:(?:env|self|app)\.)?s\.\w+;$", line)
        if m:
            name = m.group(1)
            rest = []
            for later in lines[n + 1:]:
                if re.search(r"\bfn \w+", later) or re.match(r"\s*let %s = " % name, later):
                    break
                rest.append(later)
            body = "\n".join(rest)
            used = any(
                m2.group(1) in TEXT_NAMES
                for m2 in re.finditer(r"(?<![\w.])%s\s*\.\s*(\w+)" % name, body)
            ) or re.search(r"[(,]\s*%s\s*[),]" % name, body)
            if not used:
                continue
        out.append(line)
    return "\n".join(out)


TEXT_NAMES = set()


def text_names(src):
    """The names of every text and text method declared under `src`."""
    for d, _, files in os.walk(src):
        for f in files:
            path = os.path.join(d, f)
            if f == "strings.rs" or path.endswith("kit/lang.rs"):
                text = open(path, encoding="utf-8").read()
                TEXT_NAMES.update(re.findall(r"^        (\w+): ", text, re.M))
                TEXT_NAMES.update(re.findall(r"^    pub fn (\w+)", text, re.M))


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    text_names(src)
    for d, _, files in os.walk(src):
        for f in files:
            path = os.path.join(d, f)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            if not f.endswith(".rs") or f == "strings.rs" or rel.endswith("kit/lang.rs"):
                continue
            # The lower layers hold no interface texts (and have their own
            # `s.operator`).
            if rel.split("/")[0] in ("service", "domain", "store", "io", "cli"):
                continue
            text = open(path, encoding="utf-8").read()
            new = rewrite_uses(rewrite(text))
            if new != text:
                open(path, "w", encoding="utf-8").write(new)
                print(path)


if __name__ == "__main__":
    main()
